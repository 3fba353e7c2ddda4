#!/usr/bin/env bash
# Runs one benchmark scenario end to end and appends a Markdown row to benchmarks/results.md.
#
#   benchmarks/run.sh SYSTEM-SIGNAL-PROTOCOL[-ducklake][-durable]
#     SYSTEM   eider | otelcol     SIGNAL  logs | traces | metrics     PROTOCOL  http | grpc
#     -durable: Eider acknowledges with `ack: durable` (write-ahead log fsynced before the 2xx)
#   e.g. eider-logs-http, eider-logs-grpc, eider-logs-http-ducklake, eider-logs-http-durable,
#   otelcol-traces-http
#
# Knobs (environment): DURATION=20 WARMUP=5 (seconds), RATE=0 (offered records/s, 0 = flat out),
# CONCURRENCY=4, HTTP_THREADS=2 (Eider's OTLP/HTTP worker threads), GZIP=1, PAYLOAD=FILE.pb | synthetic:RECORDS:BYTES (default: the signal's
# benchmark input in target/test-data/bench, which the receivers build writes), RESULTS=benchmarks/results.md, EIDER_JAVA_OPTS.
#
# Needs: distribution/target/collector.jar and benchmarks/load/target/load.jar
# (./mvnw -B -ntp -q package -pl distribution,benchmarks/load -am -DskipTests), and for otelcol
# the peer binary (scripts/build-otel-tools.sh otelcol, called here, builds and caches it).
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
scenario="${1:?usage: benchmarks/run.sh SYSTEM-SIGNAL-PROTOCOL[-ducklake][-durable]}"
IFS=- read -r system signal protocol variants <<< "$scenario"
store=duckdb
ack=buffered
IFS=- read -r -a variant_list <<< "${variants:-}"
for variant in "${variant_list[@]}"; do
  case "$variant" in
    ducklake) store=ducklake ;;
    durable) ack=durable ;;
    *) echo "unknown variant $variant (ducklake, durable)" >&2; exit 2 ;;
  esac
done
[[ "$system" == eider || "$system" == otelcol ]] || { echo "unknown system $system" >&2; exit 2; }
[[ "$signal" =~ ^(logs|traces|metrics)$ ]] || { echo "unknown signal $signal" >&2; exit 2; }
[[ "$protocol" =~ ^(http|grpc)$ ]] || { echo "unknown protocol $protocol" >&2; exit 2; }
[[ "$store" =~ ^(duckdb|ducklake)$ ]] || { echo "unknown store $store" >&2; exit 2; }

duration="${DURATION:-20}"
warmup="${WARMUP:-5}"
rate="${RATE:-0}"
concurrency="${CONCURRENCY:-4}"
gzip="${GZIP:-1}"
results="${RESULTS:-$root/benchmarks/results.md}"
bench="$root/target/test-data/bench"
case "$signal" in
  logs) default_payload="$bench/logs_large.pb" ;;
  traces) default_payload="$bench/traces_large.pb" ;;
  metrics) default_payload="$bench/metrics_mixed.pb" ;;
esac
payload="${PAYLOAD:-$default_payload}"
[[ "$payload" == synthetic:* || -f "$payload" ]] \
  || { echo "no payload $payload (the receivers build writes target/test-data/bench: see Needs above)" >&2; exit 2; }

load_jar="$root/benchmarks/load/target/load.jar"
collector_jar="$root/distribution/target/collector.jar"
export EIDER_TOKEN="benchmark-token-0123456789abcdef"
export EIDER_HTTP_THREADS="${HTTP_THREADS:-2}"
export EIDER_DUCKDB_EXTENSIONS="${EIDER_DUCKDB_EXTENSIONS:-$root/exporters/target/duckdb-extensions}"
export BENCH_OUT="$root/benchmarks/.cache/runs/$scenario-$(date -u +%Y%m%dT%H%M%SZ)"
mkdir -p "$BENCH_OUT"
echo "run.sh: $scenario, output in $BENCH_OUT" >&2

# --- start the system under test ---
if [[ "$system" == eider ]]; then
  config="$root/benchmarks/scenarios/eider-$store.yaml"
  [[ "$ack" == durable ]] && config="$root/benchmarks/scenarios/eider-$store-durable.yaml"
  [[ -f "$config" ]] || { echo "no scenario configuration $config" >&2; exit 2; }
  # shellcheck disable=SC2086
  java ${EIDER_JAVA_OPTS:-} -jar "$collector_jar" --config "$config" > "$BENCH_OUT/sut.log" 2>&1 &
  sut_pid=$!
  # ready once the admin says so and the OTLP/HTTP listener answers (it opens after the admin)
  ready() { curl -sf -H "Authorization: Bearer $EIDER_TOKEN" http://localhost:13133/readyz > /dev/null \
    && curl -s -o /dev/null http://localhost:4318/; }
else
  [[ "$store" == duckdb && "$ack" == buffered ]] || { echo "the peer writes files; no ducklake or durable variant" >&2; exit 2; }
  "$root/scripts/build-otel-tools.sh" otelcol >&2
  peer="${OTEL_TOOLS_DIR:-$root/.cache/otel-tools}/bin/otelcol"
  "$peer" --config "$root/benchmarks/peer/otelcol.yaml" > "$BENCH_OUT/sut.log" 2>&1 &
  sut_pid=$!
  ready() { curl -s -o /dev/null http://localhost:4318/ ; }
fi
stop_sut() { kill -TERM "$sut_pid" 2>/dev/null || true; }
trap stop_sut EXIT
for _ in $(seq 1 120); do ready && break; kill -0 "$sut_pid" || { cat "$BENCH_OUT/sut.log" >&2; exit 1; }; sleep 0.5; done
ready || { echo "system under test not ready after 60 s" >&2; exit 1; }

cpu_seconds() { awk -v hz="$(getconf CLK_TCK)" '{ print ($14 + $15) / hz }' "/proc/$sut_pid/stat"; }
status() { curl -s -H "Authorization: Bearer $EIDER_TOKEN" http://localhost:13133/v1/status; }

# --- load: warm-up, then the measured window ---
if [[ "$payload" == synthetic:* ]]; then
  IFS=: read -r _ records record_bytes <<< "$payload"
  payload_args=(--synthetic-records "$records" --record-bytes "$record_bytes")
else
  payload_args=(--file "$payload")
fi
port=4318; [[ "$protocol" == grpc ]] && port=4317
gzip_args=(); [[ "$gzip" == 1 ]] && gzip_args=(--gzip)
# the load generator shares the 2 cores: small heap, serial GC, C1 only
java -XX:+UseSerialGC -Xmx512m -XX:TieredStopAtLevel=1 -jar "$load_jar" \
  --protocol "$protocol" --endpoint "localhost:$port" --signal "$signal" "${payload_args[@]}" "${gzip_args[@]}" \
  --rate "$rate" --concurrency "$concurrency" --warmup "${warmup}s" --duration "${duration}s" \
  --header "Authorization=Bearer $EIDER_TOKEN" > "$BENCH_OUT/load.json" 2> "$BENCH_OUT/load.txt" &
load_pid=$!
sleep "$warmup"
cpu_start="$(cpu_seconds)"
: > "$BENCH_OUT/status.jsonl"
for _ in $(seq 1 "$duration"); do
  [[ "$system" == eider ]] && status >> "$BENCH_OUT/status.jsonl" && echo >> "$BENCH_OUT/status.jsonl"
  sleep 1
done
cpu_end="$(cpu_seconds)"
wait "$load_pid" || { cat "$BENCH_OUT/load.txt" >&2; exit 1; }
cat "$BENCH_OUT/load.txt" >&2
hwm_kb="$(awk '/VmHWM/ { print $2 }' "/proc/$sut_pid/status")"
load_average="$(cut -d' ' -f1-3 /proc/loadavg)"

# --- graceful stop, then count what landed ---
kill -TERM "$sut_pid"
wait "$sut_pid" || true
trap - EXIT
if [[ "$system" == eider ]]; then
  case "$signal" in
    logs) tables=(otlp_logs) ;;
    traces) tables=(otlp_traces) ;;
    metrics) tables=(otlp_metrics_gauge otlp_metrics_sum otlp_metrics_histogram otlp_metrics_exp_histogram) ;;
  esac
  if [[ "$store" == duckdb ]]; then
    landed="$(java -cp "$load_jar" dev.eider.benchmarks.load.CountRecords duckdb "$BENCH_OUT/telemetry.duckdb" "${tables[@]}")"
  else
    landed="$(java -cp "$load_jar" dev.eider.benchmarks.load.CountRecords ducklake "$BENCH_OUT/telemetry.ducklake" \
      "$BENCH_OUT/telemetry_data/" "${tables[@]}")"
  fi
else
  landed="$(java -cp "$load_jar" dev.eider.benchmarks.load.CountRecords otlpfile "$BENCH_OUT/$signal.pb" "$signal")"
fi

# --- the results row ---
payload_name="$(basename "$payload")"
[[ "$gzip" == 1 ]] && payload_name="$payload_name gzip"
# the commit measured, so a row can be reproduced; "+dirty" when the tree had local changes
commit="$(git -C "$root" rev-parse --short HEAD 2>/dev/null || echo unknown)"
[[ -z "$(git -C "$root" status --porcelain --untracked-files=no -- . ':!benchmarks/results*.md' 2>/dev/null)" ]] \
  || commit="$commit+dirty"
label="$scenario"
[[ -n "${HTTP_THREADS:-}" ]] && label="$scenario (http_threads $HTTP_THREADS)"
python3 - "$BENCH_OUT" "$results" "$label" "$payload_name" "$cpu_start" "$cpu_end" "$hwm_kb" "$landed" \
  "$load_average" "$rate" "$concurrency" "$commit" <<'PY'
import json, sys, os, datetime
out, results, scenario, payload, cpu0, cpu1, hwm_kb, landed, loadavg, rate, conc, commit = sys.argv[1:]
r = json.load(open(os.path.join(out, "load.json")))
errors = {k: v for k, v in r["statuses"].items() if not (k.startswith("2") or k == "grpc OK")}
# buffered bytes "not growing": the buffer must drain back (seal) within the window: the lowest
# value of the last quarter of the samples is not above the highest of the first half
growing = False
samples = []
for line in open(os.path.join(out, "status.jsonl")):
    line = line.strip()
    if line:
        s = json.loads(line)
        samples.append(sum(p["buffered_bytes"] for p in s["pipelines"]))
if len(samples) >= 4:
    first, last = samples[: len(samples) // 2], samples[-max(1, len(samples) // 4):]
    growing = min(last) > max(first)
sustained = not errors and not growing
cpu = float(cpu1) - float(cpu0)
accepted_window = r["accepted_records_per_s"] * r["measured_s"]
cpu_per_m = cpu / accepted_window * 1e6 if accepted_window else float("nan")
total_accepted = r["total_accepted_records"]
verified = "yes" if int(landed) == total_accepted else f"NO ({landed} landed)"
err_text = ", ".join(f"{k}: {v}" for k, v in errors.items()) or "none"
row = (f"| {datetime.datetime.utcnow():%Y-%m-%d %H:%M} @{commit} | {scenario} | {payload} | "
       f"{'max' if rate == '0' else rate} / {conc} | {r['accepted_records_per_s']:,.0f} | "
       f"{r['wire_mb_per_s']:.1f} | {r['p50_ms']:.1f} / {r['p99_ms']:.1f} | {cpu_per_m:.2f} | "
       f"{int(hwm_kb) / 1024:.0f} | {'yes' if sustained else 'no'}{' (buffer growing)' if growing else ''} | "
       f"{err_text} | {total_accepted:,} = {verified} | {loadavg} |")
header = ("| when (UTC) @commit | scenario | payload | rate / conc | accepted rec/s | wire MB/s | p50 / p99 ms "
          "| CPU s per M rec | peak RSS MiB | sustained | errors | accepted = landed | load avg |\n"
          "|---|---|---|---|---|---|---|---|---|---|---|---|---|\n")
if not os.path.exists(results):
    open(results, "w").write(header)
open(results, "a").write(row + "\n")
print(row)
PY
