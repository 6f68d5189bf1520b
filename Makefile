# Thin wrapper: everything real lives in CMake. `make run` and `make test` do the whole set-up.
BUILD_DIR  ?= build
BUILD_TYPE ?= RelWithDebInfo
JOBS       ?= $(shell nproc 2>/dev/null || echo 2)
ARGS       ?=

.PHONY: all deps configure build run test bench clean

all: build

deps:
	@scripts/install-deps.sh

configure: deps
	@cmake -S . -B $(BUILD_DIR) -DCMAKE_BUILD_TYPE=$(BUILD_TYPE) >/dev/null

build: configure
	@cmake --build $(BUILD_DIR) -j $(JOBS)

run: build
	@$(BUILD_DIR)/nexus interview $(ARGS)

test: build
	@ctest --test-dir $(BUILD_DIR) --output-on-failure -j $(JOBS)

bench: build
	@cmake --build $(BUILD_DIR) --target nexus_benchmarks nexus_delta_latency_bench nexus_connection_reuse_bench nexus_api_bench nexus_export_bench -j $(JOBS)
	@$(BUILD_DIR)/bench/nexus_benchmarks
	@$(BUILD_DIR)/bench/nexus_delta_latency_bench
	@$(BUILD_DIR)/bench/nexus_connection_reuse_bench
	@$(BUILD_DIR)/bench/nexus_api_bench $(BUILD_DIR)/nexus
	@$(BUILD_DIR)/bench/nexus_export_bench $(BUILD_DIR)/nexus

clean:
	@rm -rf $(BUILD_DIR)
