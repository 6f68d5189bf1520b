# The warnings every target of ours builds with; third-party code is not held to them.
set(NEXUS_WARNINGS -Wall -Wextra -Wpedantic -Werror)
# g++ 12 at -O3 (Release) reports std::string's operator+ as overlapping memcpy: a false positive
# of libstdc++ inlining in that release (GCC bug 105651), not a fault of ours.
if(CMAKE_CXX_COMPILER_ID STREQUAL "GNU" AND CMAKE_CXX_COMPILER_VERSION VERSION_LESS 13)
  list(APPEND NEXUS_WARNINGS -Wno-restrict)
endif()

# nexus_target_warnings(<target>): our warnings, as errors, on one target of ours.
function(nexus_target_warnings target)
  target_compile_options(${target} PRIVATE ${NEXUS_WARNINGS})
endfunction()

# nexus_add_library(<layer> [INTERFACE] [DIRS <dir>...] [HEADERS <file>...]
#                   [PRIVATE_HEADERS <file>...] [SOURCES <file>...] [PUBLIC <dep>...] [PRIVATE <dep>...])
#   One small library per architectural layer: target nexus_<layer>, alias nexus::<layer>.
#   It owns the headers of DIRS (relative to src/, not recursive; default: src/<layer>) and the
#   HEADERS named (relative to src/), which overrides the owner of their directory.
#   PRIVATE_HEADERS (file names in DIRS) are its implementation: no other layer may include
#   them. PUBLIC lists what its public headers include, PRIVATE what only its sources and
#   private headers do: check_layering.py fails the build when a file includes a layer or an
#   implementation library its target does not list.
function(nexus_add_library layer)
  cmake_parse_arguments(ARG "INTERFACE" "" "DIRS;HEADERS;PRIVATE_HEADERS;SOURCES;PUBLIC;PRIVATE" ${ARGN})
  if(NOT ARG_DIRS AND NOT ARG_HEADERS)
    set(ARG_DIRS ${layer})
  endif()
  set(target nexus_${layer})
  if(ARG_INTERFACE)
    add_library(${target} INTERFACE)
    target_include_directories(${target} INTERFACE ${PROJECT_SOURCE_DIR}/src)
    target_link_libraries(${target} INTERFACE ${ARG_PUBLIC})
  else()
    add_library(${target} STATIC ${ARG_SOURCES})
    target_include_directories(${target} PUBLIC ${PROJECT_SOURCE_DIR}/src)
    target_link_libraries(${target} PUBLIC ${ARG_PUBLIC} PRIVATE ${ARG_PRIVATE})
    nexus_target_warnings(${target})
    add_dependencies(${target} nexus_layering)
  endif()
  add_library(nexus::${layer} ALIAS ${target})

  # Its entry in the manifest check_layering.py reads.
  set(sources "")
  foreach(source IN LISTS ARG_SOURCES)
    file(RELATIVE_PATH relative ${PROJECT_SOURCE_DIR}/src ${CMAKE_CURRENT_SOURCE_DIR}/${source})
    list(APPEND sources "\"${relative}\"")
  endforeach()
  foreach(kind DIRS HEADERS PRIVATE_HEADERS PUBLIC PRIVATE)
    set(quoted_${kind} "")
    foreach(item IN LISTS ARG_${kind})
      list(APPEND quoted_${kind} "\"${item}\"")
    endforeach()
    list(JOIN quoted_${kind} ", " quoted_${kind})
  endforeach()
  list(JOIN sources ", " sources)
  set_property(GLOBAL APPEND PROPERTY NEXUS_LAYERS
    "{\"name\": \"${layer}\", \"dirs\": [${quoted_DIRS}], \"headers\": [${quoted_HEADERS}], \"privateHeaders\": [${quoted_PRIVATE_HEADERS}], \"sources\": [${sources}], \"public\": [${quoted_PUBLIC}], \"private\": [${quoted_PRIVATE}]}")
endfunction()

# nexus_layering_check(): after every nexus_add_library(), the build step that runs
# check_layering.py over them whenever a source or header changes. Every layer waits for it.
function(nexus_layering_check)
  get_property(layers GLOBAL PROPERTY NEXUS_LAYERS)
  list(JOIN layers ",\n  " layers)
  set(manifest ${PROJECT_BINARY_DIR}/layering.json)
  file(WRITE ${manifest} "{\"sourceRoot\": \"${PROJECT_SOURCE_DIR}/src\", \"targets\": [\n  ${layers}\n]}\n")
  file(GLOB_RECURSE files CONFIGURE_DEPENDS ${PROJECT_SOURCE_DIR}/src/*.hpp ${PROJECT_SOURCE_DIR}/src/*.cpp)
  set(stamp ${PROJECT_BINARY_DIR}/layering.ok)
  add_custom_command(OUTPUT ${stamp}
    COMMAND ${Python3_EXECUTABLE} ${PROJECT_SOURCE_DIR}/cmake/check_layering.py ${manifest}
    COMMAND ${CMAKE_COMMAND} -E touch ${stamp}
    DEPENDS ${PROJECT_SOURCE_DIR}/cmake/check_layering.py ${manifest} ${files}
    COMMENT "Checking that every layer includes only what it lists"
    VERBATIM)
  add_custom_target(nexus_layering DEPENDS ${stamp})
endfunction()

# nexus_add_test(<name> SOURCES ... DEPS ...)
#   One test executable; every GoogleTest case becomes a ctest test.
function(nexus_add_test name)
  cmake_parse_arguments(ARG "" "" "SOURCES;DEPS" ${ARGN})
  add_executable(${name} ${ARG_SOURCES})
  target_include_directories(${name} PRIVATE ${PROJECT_SOURCE_DIR}/tests)
  target_link_libraries(${name} PRIVATE ${ARG_DEPS} GTest::gtest GTest::gmock GTest::gtest_main)
  nexus_target_warnings(${name})
  target_compile_definitions(${name} PRIVATE
    NEXUS_TEST_DATA_DIR="${PROJECT_SOURCE_DIR}/tests/data"
    NEXUS_XMLLINT="${NEXUS_XMLLINT}"
    NEXUS_BINARY_PATH="$<TARGET_FILE:nexus>")
  gtest_discover_tests(${name} DISCOVERY_TIMEOUT 60 PROPERTIES TIMEOUT 300)
endfunction()
