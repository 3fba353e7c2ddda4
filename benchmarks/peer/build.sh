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
# does not serve some of them (otlpencodingextension). So generate the sources only and let
# `go build -mod=mod` resolve just what the binary imports.
(cd "$here" && "$cache/bin/builder" --config manifest.yaml --skip-get-modules --skip-compilation >&2)
(cd "$cache/otelcol-bench" && CGO_ENABLED=0 go build -mod=mod -trimpath -o otelcol-bench . >&2)
echo "$want" > "$stamp"
echo "$binary"
