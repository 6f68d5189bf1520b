# nexus_add_library(<layer> SOURCES ... DEPS ...)
#   One small library per architectural layer: target nexus_<layer>, alias nexus::<layer>.
function(nexus_add_library layer)
  cmake_parse_arguments(ARG "" "" "SOURCES;DEPS" ${ARGN})
  add_library(nexus_${layer} STATIC ${ARG_SOURCES})
  add_library(nexus::${layer} ALIAS nexus_${layer})
  target_include_directories(nexus_${layer} PUBLIC ${PROJECT_SOURCE_DIR}/src)
  target_link_libraries(nexus_${layer} PUBLIC ${ARG_DEPS})
endfunction()

# nexus_add_test(<name> SOURCES ... DEPS ...)
#   One test executable; every GoogleTest case becomes a ctest test.
function(nexus_add_test name)
  cmake_parse_arguments(ARG "" "" "SOURCES;DEPS" ${ARGN})
  add_executable(${name} ${ARG_SOURCES})
  target_include_directories(${name} PRIVATE ${PROJECT_SOURCE_DIR}/tests)
  target_link_libraries(${name} PRIVATE ${ARG_DEPS} GTest::gtest GTest::gmock GTest::gtest_main)
  target_compile_definitions(${name} PRIVATE
    NEXUS_TEST_DATA_DIR="${PROJECT_SOURCE_DIR}/tests/data"
    NEXUS_BINARY_PATH="$<TARGET_FILE:nexus>")
  gtest_discover_tests(${name} DISCOVERY_TIMEOUT 60 PROPERTIES TIMEOUT 300)
endfunction()
