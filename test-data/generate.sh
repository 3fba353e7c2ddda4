#!/usr/bin/env bash
# Regenerates the committed test data (see test-data/README.md):
#   otlp/  by generate-otlp.py, with the opentelemetry-proto package from PyPI (in a venv under .cache)
#   otap/  by otel-arrow's Go producer: scripts/otel-tools/otap-producer --write
# Both are deterministic: running this again must leave `git status` clean.
# The large benchmark inputs are not here: the build writes them (BenchPayloads, see README).
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$here/.." && pwd)"
venv="$root/.cache/test-data-venv"
OTEL_PROTO_VERSION=1.45.2

if [[ ! -x "$venv/bin/python" ]] || ! "$venv/bin/python" -c "import opentelemetry.proto" 2>/dev/null; then
  python3 -m venv "$venv"
  "$venv/bin/pip" install -q "opentelemetry-proto==$OTEL_PROTO_VERSION"
fi
rm -rf "$here/otlp"
"$venv/bin/python" "$here/generate-otlp.py" "$here/otlp"

"$root/scripts/build-otel-tools.sh" otap-producer
rm -rf "$here/otap"
"${OTEL_TOOLS_DIR:-$root/.cache/otel-tools}/bin/otap-producer" --write "$here/otap"
echo "test-data: regenerated otlp/ and otap/"
