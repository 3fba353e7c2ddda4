#!/usr/bin/env bash
# Builds the Go OpenTelemetry tools Eider's interoperability tests and benchmarks run against:
#   telemetrygen   OTLP load generator (opentelemetry-collector-contrib/cmd/telemetrygen)
#   otap-producer  sends OTAP (Arrow) streams with otel-arrow's Go producer (otel-tools/otap-producer)
#   otelcol        an OpenTelemetry Collector built with the Collector Builder (otel-tools/otelcol-builder.yaml)
# Usage: scripts/build-otel-tools.sh [target...]   (default: telemetrygen otap-producer)
# Binaries land in $OTEL_TOOLS_DIR/bin (default <repo>/.cache/otel-tools/bin). A target is rebuilt
# only when its version or sources changed, so running it again is cheap. Needs Go and the Go
# module proxy; the module cache (~/go) makes later cold builds faster.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
TOOLS="$ROOT/scripts/otel-tools"
OUT="${OTEL_TOOLS_DIR:-$ROOT/.cache/otel-tools}"
BIN="$OUT/bin"
TELEMETRYGEN_VERSION=v0.149.0
BUILDER_VERSION=v0.148.0

if ! command -v go >/dev/null 2>&1; then
  echo "build-otel-tools: Go is not installed; install Go 1.24+ to build $*" >&2
  exit 1
fi
mkdir -p "$BIN"

# Runs the build command unless $BIN/<name>.stamp already holds this fingerprint.
build_once() {
  local name="$1" fingerprint="$2"
  shift 2
  local stamp="$BIN/$name.stamp"
  if [[ -x "$BIN/$name" && -f "$stamp" && "$(cat "$stamp")" == "$fingerprint" ]]; then
    echo "build-otel-tools: $name is up to date"
    return
  fi
  local started=$SECONDS
  echo "build-otel-tools: building $name"
  "$@"
  echo "$fingerprint" > "$stamp"
  echo "build-otel-tools: built $name in $((SECONDS - started))s"
}

sources_hash() {
  (cd "$1" && find . -type f | LC_ALL=C sort | xargs sha256sum) | sha256sum | cut -d' ' -f1
}

build_telemetrygen() {
  GOBIN="$BIN" go install \
    "github.com/open-telemetry/opentelemetry-collector-contrib/cmd/telemetrygen@$TELEMETRYGEN_VERSION"
}

build_otap_producer() {
  (cd "$TOOLS/otap-producer" && go build -mod=readonly -trimpath -o "$BIN/otap-producer" .)
}

build_otelcol() {
  local work="$OUT/otelcol-src"
  rm -rf "$work"
  mkdir -p "$work"
  sed "s|\${OTELCOL_OUTPUT}|$work|" "$TOOLS/otelcol-builder.yaml" > "$work/manifest.yaml"
  go run "go.opentelemetry.io/collector/cmd/builder@$BUILDER_VERSION" --config "$work/manifest.yaml"
  mv "$work/otelcol-eider-test" "$BIN/otelcol"
}

targets=("$@")
[[ ${#targets[@]} -gt 0 ]] || targets=(telemetrygen otap-producer)
for target in "${targets[@]}"; do
  case "$target" in
    telemetrygen) build_once telemetrygen "$TELEMETRYGEN_VERSION" build_telemetrygen ;;
    otap-producer) build_once otap-producer "$(sources_hash "$TOOLS/otap-producer")" build_otap_producer ;;
    otelcol) build_once otelcol "$BUILDER_VERSION $(sha256sum < "$TOOLS/otelcol-builder.yaml" | cut -d' ' -f1)" build_otelcol ;;
    *) echo "build-otel-tools: unknown target '$target' (telemetrygen, otap-producer, otelcol)" >&2; exit 2 ;;
  esac
done
