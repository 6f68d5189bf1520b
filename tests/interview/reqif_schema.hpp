#pragma once
// xmllint's verdict on a ReqIF document against the OMG schema (tests/data/reqif/reqif.xsd),
// offline: for the tests that check what the ReqIF writer produces.

#include <fstream>
#include <string>

#include "support/child_process.hpp"
#include "support/temp_dir.hpp"

namespace nexus::test {

inline ProcessOutput validateReqif(const std::string& document) {
  TempDir dir;
  const std::string file = dir.path() + "/export.reqif";
  std::ofstream(file, std::ios::binary) << document;
  return runProcess({NEXUS_XMLLINT, "--noout", "--nonet", "--schema",
                     std::string(NEXUS_TEST_DATA_DIR) + "/reqif/reqif.xsd", file},
                    "");
}

}  // namespace nexus::test
