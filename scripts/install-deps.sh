#!/usr/bin/env bash
# Installs the Debian 12 packages Nexus Interview builds and tests with — only the ones missing.
# Non-interactive; runs apt-get as root or through sudo. Safe to run again.
set -euo pipefail

# Tools are taken from wherever they are installed; only absent ones are installed as packages.
declare -A tools=([g++]=g++ [cmake]=cmake [make]=make)

packages=(
  nlohmann-json3-dev   # JSON mapping of the data model
  libcli11-dev         # command line
  libspdlog-dev        # logging (brings libfmt-dev)
  libsqlite3-dev libsqlitecpp-dev  # session storage
  libcurl4-openssl-dev # HTTP to model servers (TLS, proxies, streaming)
  libboost1.81-dev     # Asio and Beast: `nexus serve` (HTTP, WebSocket), `nexus rpc`'s workers
  libgtest-dev libgmock-dev
  libbenchmark-dev
)

missing=()
for tool in "${!tools[@]}"; do
  command -v "$tool" >/dev/null 2>&1 || missing+=("${tools[$tool]}")
done
for p in "${packages[@]}"; do
  if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q '^install ok installed$'; then
    missing+=("$p")
  fi
done

if [ ${#missing[@]} -eq 0 ]; then
  echo "install-deps: all ${#packages[@]} packages present"
  exit 0
fi

if [ "$(id -u)" -eq 0 ]; then
  run() { "$@"; }
elif command -v sudo >/dev/null 2>&1; then
  run() { sudo -n "$@" 2>/dev/null || sudo "$@"; }
else
  echo "install-deps: need root or sudo to install: ${missing[*]}" >&2
  exit 1
fi

echo "install-deps: installing ${missing[*]}"
export DEBIAN_FRONTEND=noninteractive
# A fresh machine may have no package lists yet; a failed install is retried once after an update.
if ! run apt-get install -y -q --no-install-recommends "${missing[@]}"; then
  run apt-get update -q
  run apt-get install -y -q --no-install-recommends "${missing[@]}"
fi
