#!/usr/bin/env bash
# Provisions DuckDB's official extension binaries for offline use, from the PyPI wheels that
# carry them (duckdb-ext-<name>), into DuckDB's extension_directory layout:
#   <output>/v<engine>/<platform>/<name>.duckdb_extension
#
# usage: provision-duckdb-extensions.sh <duckdb_jdbc version> <wheel release> <cache dir> <output dir> <name>...
#   duckdb_jdbc version  e.g. 1.4.4.0 (the pom's duckdb.version); the engine version is its
#                        first three parts (1.4.4), which names the extension directory
#   wheel release        the wheels' build suffix, e.g. 20260205 -> duckdb-ext-ducklake==1.4.4.20260205
#   cache dir            where wheels are kept; a wheel already there is not downloaded again
#   output dir           the extension_directory to fill
#
# Any extension that cannot be had fails the script (and with it the build): tests must never
# silently run without the binaries they need.
set -euo pipefail

if [ "$#" -lt 5 ]; then
  echo "usage: $0 <duckdb_jdbc version> <wheel release> <cache dir> <output dir> <extension>..." >&2
  exit 2
fi
jdbc_version=$1
release=$2
cache=$3
output=$4
shift 4

engine=$(echo "$jdbc_version" | cut -d. -f1-3)
if ! [[ "$engine" =~ ^[0-9]+\.[0-9]+\.[0-9]+$ ]]; then
  echo "provision-duckdb-extensions: cannot derive the DuckDB engine version from '$jdbc_version'" >&2
  exit 2
fi
wheel_version="$engine.$release"
python=${PYTHON:-python3}
mkdir -p "$cache" "$output"

for name in "$@"; do
  dist="duckdb_ext_${name}-${wheel_version}-"
  wheel=$(find "$cache" -maxdepth 1 -name "${dist}*.whl" | head -n 1)
  if [ -z "$wheel" ]; then
    echo "provision-duckdb-extensions: downloading duckdb-ext-${name}==${wheel_version}"
    if ! "$python" -m pip download --quiet --disable-pip-version-check --no-deps --only-binary=:all: \
        --dest "$cache" "duckdb-ext-${name}==${wheel_version}"; then
      echo "provision-duckdb-extensions: FAILED to download duckdb-ext-${name}==${wheel_version} from PyPI;" \
           "the DuckDB extension '${name}' is required by the tests" >&2
      exit 1
    fi
    wheel=$(find "$cache" -maxdepth 1 -name "${dist}*.whl" | head -n 1)
    if [ -z "$wheel" ]; then
      echo "provision-duckdb-extensions: pip reported success but no ${dist}*.whl is in $cache" >&2
      exit 1
    fi
  fi
  # Unpacks only the extension binaries of this engine version, straight into the output layout.
  "$python" - "$wheel" "$output" "v$engine" <<'PY'
import os, sys, zipfile
wheel, output, engine_dir = sys.argv[1:4]
prefix = "duckdb_ext/extensions/"
found = 0
with zipfile.ZipFile(wheel) as z:
    for entry in z.namelist():
        if not entry.startswith(prefix + engine_dir + "/") or not entry.endswith(".duckdb_extension"):
            continue
        target = os.path.join(output, entry[len(prefix):])
        info = z.getinfo(entry)
        if os.path.exists(target) and os.path.getsize(target) == info.file_size:
            found += 1
            continue
        os.makedirs(os.path.dirname(target), exist_ok=True)
        partial = target + ".partial"
        with z.open(entry) as src, open(partial, "wb") as dst:
            while True:
                chunk = src.read(1 << 20)
                if not chunk:
                    break
                dst.write(chunk)
        os.replace(partial, target)
        found += 1
if found == 0:
    sys.exit("provision-duckdb-extensions: %s holds no %s extension binary under %s%s/"
             % (wheel, engine_dir, prefix, engine_dir))
PY
done
echo "provision-duckdb-extensions: $* ready in $output/v$engine"
