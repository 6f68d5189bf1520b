#pragma once
// EXPECT_OK(result) / ASSERT_OK(result): the Result holds a value, or the failure says which
// error it holds (its code and message) instead of only "false".

#include <gtest/gtest.h>

#include "core/enums.hpp"
#include "core/result.hpp"

namespace nexus::test {

template <typename T>
::testing::AssertionResult isOk(const char* expression, const Result<T>& result) {
  if (result.ok()) return ::testing::AssertionSuccess();
  return ::testing::AssertionFailure() << expression << " failed with " << toString(result.error().code) << ": "
                                       << result.error().message;
}

}  // namespace nexus::test

#define EXPECT_OK(expression) EXPECT_PRED_FORMAT1(::nexus::test::isOk, expression)
#define ASSERT_OK(expression) ASSERT_PRED_FORMAT1(::nexus::test::isOk, expression)
