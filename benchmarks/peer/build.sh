#!/usr/bin/env bash
# Builds the benchmark peer (OpenTelemetry Collector, see manifest.yaml) with the OpenTelemetry
# Collector Builder from the Go module proxy, once: the binary is cached under
# benchmarks/.cache/peer and reused while the manifest is unchanged.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
cache="$here/../.cache/peer"
builder_version="v0.165.0"
binary="$cache/otelcol-bench/otelcol-bench"
stamp="$cache/manifest.sha256"

mkdir -p "$cache/bin"
want="$(sha256sum "$here/manifest.yaml" | cut -d' ' -f1)"
if [[ -x "$binary" && -f "$stamp" && "$(cat "$stamp")" == "$want" ]]; then
  echo "$binary"
  exit 0
fi

if [[ ! -x "$cache/bin/builder" ]]; then
  GOBIN="$cache/bin" go install "go.opentelemetry.io/collector/cmd/builder@$builder_version" >&2
fi
# output_path in the manifest is relative to the manifest's directory. The builder's own
# `go mod tidy` fails here: it also resolves the components' test-only imports, and the proxy
# does not serve some of them (otlpencodingextension). So the builder only generates the
# sources; the module is set up here with the manifest's pinned versions (go get does not chase
# test-only imports) and `go build -mod=mod` resolves the rest.
out="$cache/otelcol-bench"
rm -rf "$out"
(cd "$here" && "$cache/bin/builder" --config manifest.yaml --skip-get-modules --skip-compilation >&2)
mapfile -t pinned < <(sed -n 's/^ *- gomod: *\([^ ]*\) \(v[^ ]*\)$/\1@\2/p' "$here/manifest.yaml")
(
  cd "$out"
  go mod init "$(sed -n 's/^ *module: *//p' "$here/manifest.yaml")" >&2
  go get "${pinned[@]}" "go.opentelemetry.io/collector/otelcol@$builder_version" >&2
  CGO_ENABLED=0 go build -mod=mod -trimpath -o otelcol-bench . >&2
)
echo "$want" > "$stamp"
echo "$binary"
