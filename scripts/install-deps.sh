#!/usr/bin/env bash
# Installs the Debian 12 packages Nexus Interview builds and tests with — only the ones missing —
# then the web tests' npm packages (web/package-lock.json) when they are absent or out of date.
# Non-interactive; runs apt-get as root or through sudo. Safe to run again.
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"

# Tools are taken from wherever they are installed; only absent ones are installed as packages.
declare -A tools=([g++]=g++ [cmake]=cmake [make]=make)

packages=(
  nlohmann-json3-dev   # JSON mapping of the data model
  libcli11-dev         # command line
  libspdlog-dev        # logging (brings libfmt-dev)
  libsqlite3-dev libsqlitecpp-dev  # session storage
  libcurl4-openssl-dev # HTTP to model servers (TLS, proxies, streaming)
  libssl-dev           # the connection-reuse benchmark's TLS server and certificate (bench/)
  libpugixml-dev       # ReqIF export and import
  libxml2-utils        # xmllint: the tests check ReqIF exports against the OMG schema
  libboost1.81-dev     # Asio and Beast: `nexus serve` (HTTP, WebSocket), `nexus rpc`'s workers
  libgtest-dev libgmock-dev
  libbenchmark-dev
  chromium             # browser tests of the web UI (/usr/bin/chromium, driven by playwright-core)
)

install_debian_packages() {
  local missing=()
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
    return 0
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
}

# As the user running this script (not root through sudo), so that web/node_modules stays theirs.
# npm records each install in node_modules/.package-lock.json: a lock file newer than that record
# has changed since.
install_web_packages() {
  local web="$root/web"
  if ! command -v npm >/dev/null 2>&1; then
    echo "install-deps: npm not found: the web tests' packages are not installed (they need Node.js 20 or later)"
    return 0
  fi
  if [ -f "$web/node_modules/.package-lock.json" ] && [ ! "$web/package-lock.json" -nt "$web/node_modules/.package-lock.json" ]; then
    echo "install-deps: web packages present (web/node_modules)"
    return 0
  fi
  echo "install-deps: installing the web packages (npm ci --prefix web)"
  # playwright-core downloads no browser, and must not: the tests use Debian's chromium.
  PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1 npm ci --prefix "$web" --no-audit --no-fund --loglevel=error
}

install_debian_packages
install_web_packages
