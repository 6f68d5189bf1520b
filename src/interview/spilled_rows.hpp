#pragma once
// Rows of a document written before the document knows where they go: a Markdown table of one
// area, the ReqIF objects of one category. They wait in an unnamed temporary file (in $TMPDIR,
// else /tmp; gone when this object is, or the process, however it ends) rather than in memory,
// so that a document of 100,000 requirements is written in one walk over the store, in the
// memory of its index (16 bytes a row), and copied out group by group.
//
// Not thread-safe. Failures (no temporary file, a full disk) throw std::runtime_error naming the
// file and the cause; the document writers turn them into one-line errors.

#include <cstdint>
#include <ostream>
#include <string>
#include <string_view>
#include <vector>

namespace nexus {

class SpilledRows {
 public:
  using Group = std::uint32_t;

  SpilledRows();
  ~SpilledRows();
  SpilledRows(const SpilledRows&) = delete;
  SpilledRows& operator=(const SpilledRows&) = delete;

  void append(Group group, std::string_view bytes);
  // The rows of `group`, in the order appended.
  void copyGroup(Group group, std::ostream& out);
  std::size_t rows(Group group) const;

 private:
  struct Row {
    std::uint64_t offset;
    std::uint32_t length;
    Group group;
  };
  void flush();

  int fd_ = -1;
  std::string path_;       // for messages; unlinked already
  std::string pending_;    // written in blocks, not a syscall a row
  std::uint64_t written_ = 0;
  std::vector<Row> rows_;
};

}  // namespace nexus
