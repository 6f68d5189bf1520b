#include "core/time.hpp"

#include <gtest/gtest.h>

namespace nexus {
namespace {

using namespace std::chrono;

TEST(Time, FormatsUtcWithMilliseconds) {
  const Timestamp t = Timestamp{sys_days{year{2026} / 1 / 16}} + hours{3} + minutes{57} + seconds{45} +
                      milliseconds{123};
  EXPECT_EQ(formatIso8601(t), "2026-01-16T03:57:45.123Z");
  EXPECT_EQ(formatIso8601(Timestamp{}), "1970-01-01T00:00:00.000Z");
}

TEST(Time, ParsesWhatItFormats) {
  const Timestamp t = Timestamp{sys_days{year{2024} / 2 / 29}} + hours{23} + milliseconds{7};
  EXPECT_EQ(parseIso8601(formatIso8601(t)), t);
}

TEST(Time, ParsesOffsetsAndShortFractions) {
  const auto utc = parseIso8601("2026-01-16T03:57:45.100Z");
  EXPECT_EQ(parseIso8601("2026-01-16T05:57:45.1+02:00"), utc);
  EXPECT_EQ(parseIso8601("2026-01-16T03:57:45Z"), *utc - milliseconds{100});
}

TEST(Time, RefusesMalformedDates) {
  for (const char* bad : {"", "2026-01-16", "2026-13-01T00:00:00Z", "2026-02-30T00:00:00Z", "2026-01-16T03:57:45",
                          "2026-01-16T03:57:45.Z", "2026-01-16T25:00:00Z", "2026-01-16T03:57:45Zjunk"}) {
    EXPECT_EQ(parseIso8601(bad), std::nullopt) << bad;
  }
}

}  // namespace
}  // namespace nexus
