#!/usr/bin/env bash
# Creates (or reuses) a Python virtual environment with the packages of one requirements file,
# for tests that run real Python clients. The venv is rebuilt only when the requirements file or
# the interpreter changed, so repeated builds reuse it; pip's own cache keeps the wheels.
#
# usage: python-venv.sh <requirements file> <venv dir>
#   requirements file  pinned packages (name==version), one per line
#   venv dir           where the venv lives, e.g. <module>/target/python-<name>; its python is
#                      <venv dir>/bin/python
#
# Anything that cannot be installed fails the script (and with it the build): tests must never
# silently run without their client.
set -euo pipefail

if [ "$#" -ne 2 ]; then
  echo "usage: $0 <requirements file> <venv dir>" >&2
  exit 2
fi
requirements=$1
venv=$2
python=${PYTHON:-python3}

if ! [ -f "$requirements" ]; then
  echo "python-venv: no requirements file $requirements" >&2
  exit 2
fi
stamp_of() {
  { "$python" -c 'import sys; print(sys.version)'; cat "$requirements"; } | sha256sum | cut -d' ' -f1
}
stamp=$(stamp_of)
if [ -x "$venv/bin/python" ] && [ "$(cat "$venv/.requirements-stamp" 2>/dev/null)" = "$stamp" ]; then
  exit 0
fi

echo "python-venv: creating $venv from $requirements"
rm -rf "$venv"
if ! "$python" -m venv "$venv"; then
  echo "python-venv: FAILED to create a venv with $python (on Debian: apt-get install python3-venv)" >&2
  exit 1
fi
if ! "$venv/bin/python" -m pip install --quiet --disable-pip-version-check --only-binary=:all: \
    -r "$requirements"; then
  echo "python-venv: FAILED to install $requirements from PyPI" >&2
  rm -rf "$venv"
  exit 1
fi
echo "$stamp" > "$venv/.requirements-stamp"
