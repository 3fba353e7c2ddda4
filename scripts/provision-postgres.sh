#!/usr/bin/env bash
# Makes PostgreSQL's server binaries available to the tests, which start throwaway clusters
# (the DuckLake exporter's PostgreSQL catalog). Uses the binaries of Debian's postgresql
# package when present, else installs it with apt-get (needs root), and links the binary
# directory to <link> so the tests find it in one known place.
#
# usage: provision-postgres.sh <link>
#   link   the symlink to create, pointing at the directory that holds initdb, pg_ctl, postgres
#
# Anything missing fails the script (and with it the build): tests must never silently skip.
set -euo pipefail

if [ "$#" -ne 1 ]; then
  echo "usage: $0 <link>" >&2
  exit 2
fi
link=$1

# The newest Debian cluster version installed, e.g. /usr/lib/postgresql/15/bin.
find_bin_dir() {
  local dir
  for dir in $(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -t/ -k4 -n -r); do
    if [ -x "$dir/initdb" ] && [ -x "$dir/pg_ctl" ] && [ -x "$dir/postgres" ]; then
      echo "$dir"
      return 0
    fi
  done
  return 1
}

if ! bin=$(find_bin_dir); then
  echo "provision-postgres: no PostgreSQL server binaries under /usr/lib/postgresql; installing Debian's postgresql"
  if [ "$(id -u)" -ne 0 ] || ! command -v apt-get >/dev/null; then
    echo "provision-postgres: FAILED: PostgreSQL is not installed and this is not root on a Debian-like host;" \
         "install the 'postgresql' package (the tests start their own throwaway clusters)" >&2
    exit 1
  fi
  if ! DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends postgresql >/dev/null; then
    apt-get update >/dev/null
    if ! DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends postgresql >/dev/null; then
      echo "provision-postgres: FAILED: apt-get install postgresql did not succeed" >&2
      exit 1
    fi
  fi
  if ! bin=$(find_bin_dir); then
    echo "provision-postgres: FAILED: postgresql is installed but no server binaries are under /usr/lib/postgresql" >&2
    exit 1
  fi
fi

# PostgreSQL refuses to run as root; the tests then run it as the package's 'postgres' user.
if [ "$(id -u)" -eq 0 ] && ! id postgres >/dev/null 2>&1; then
  echo "provision-postgres: FAILED: running as root, but there is no 'postgres' user to run the server as" >&2
  exit 1
fi

mkdir -p "$(dirname "$link")"
ln -sfn "$bin" "$link"
echo "provision-postgres: $("$bin/postgres" --version) at $bin, linked as $link"
