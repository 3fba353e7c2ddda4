#!/usr/bin/env bash
# The one recipe for the Go OpenTelemetry tools that Eider's tests and benchmarks run against:
#   telemetrygen   OTLP load generator (opentelemetry-collector-contrib/cmd/telemetrygen)
#   otap-producer  sends OTAP (Arrow) streams with otel-arrow's Go producer (otel-tools/otap-producer);
#                  with --write it also makes test-data/otap (test-data/generate.sh)
#   otelcol        the OpenTelemetry Collector (otel-tools/otelcol-builder.yaml): the benchmark peer
#                  of benchmarks/run.sh and the relay of GoOtelToolsIT
# Usage: scripts/build-otel-tools.sh [target...]   (default: all three)
# Binaries land in $OTEL_TOOLS_DIR/bin (default <repo>/.cache/otel-tools/bin; the Maven build uses
# the same). A target is rebuilt only when its version or sources changed, so running it again is
# cheap. Needs Go and the Go module proxy; the module cache (~/go) makes later cold builds faster.
# A cold otelcol build takes about 4 minutes on 2 cores.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
TOOLS="$ROOT/scripts/otel-tools"
OUT="${OTEL_TOOLS_DIR:-$ROOT/.cache/otel-tools}"
BIN="$OUT/bin"
TELEMETRYGEN_VERSION=v0.149.0
# the Collector Builder and the otelcol module, at the release of otelcol-builder.yaml's modules
BUILDER_VERSION=v0.165.0

if ! command -v go >/dev/null 2>&1; then
  echo "build-otel-tools: Go is not installed; install Go 1.24+ to build $*" >&2
  exit 1
fi
mkdir -p "$BIN"
# one build at a time per cache folder (the tests and a benchmark run may ask at once)
exec 9> "$OUT/.lock"
flock 9

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

# The Builder only generates the sources: its own `go mod tidy` also resolves the components'
# test-only imports, some of which the proxy does not serve. `go get` of the pinned versions
# (which does not chase test-only imports) and `go build -mod=mod` resolve the rest.
build_otelcol() {
  local work="$OUT/otelcol-src" manifest="$TOOLS/otelcol-builder.yaml"
  [[ -x "$OUT/builder-$BUILDER_VERSION/builder" ]] \
    || GOBIN="$OUT/builder-$BUILDER_VERSION" go install "go.opentelemetry.io/collector/cmd/builder@$BUILDER_VERSION"
  rm -rf "$work"
  mkdir -p "$work"
  sed "s|\${OTELCOL_OUTPUT}|$work|" "$manifest" > "$OUT/otelcol-manifest.yaml"
  "$OUT/builder-$BUILDER_VERSION/builder" --config "$OUT/otelcol-manifest.yaml" --skip-get-modules --skip-compilation
  local pinned
  mapfile -t pinned < <(sed -n 's/^ *- gomod: *\([^ ]*\) \(v[^ ]*\)$/\1@\2/p' "$manifest")
  (
    cd "$work"
    go mod init "$(sed -n 's/^ *module: *//p' "$manifest")"
    go get "${pinned[@]}" "go.opentelemetry.io/collector/otelcol@$BUILDER_VERSION"
    CGO_ENABLED=0 go build -mod=mod -trimpath -o "$BIN/otelcol.new" .
  )
  mv "$BIN/otelcol.new" "$BIN/otelcol"
  rm -rf "$work"
}

targets=("$@")
[[ ${#targets[@]} -gt 0 ]] || targets=(telemetrygen otap-producer otelcol)
for target in "${targets[@]}"; do
  case "$target" in
    telemetrygen) build_once telemetrygen "$TELEMETRYGEN_VERSION" build_telemetrygen ;;
    otap-producer) build_once otap-producer "$(sources_hash "$TOOLS/otap-producer")" build_otap_producer ;;
    otelcol) build_once otelcol "$BUILDER_VERSION $(sha256sum < "$TOOLS/otelcol-builder.yaml" | cut -d' ' -f1)" build_otelcol ;;
    *) echo "build-otel-tools: unknown target '$target' (telemetrygen, otap-producer, otelcol)" >&2; exit 2 ;;
  esac
done
