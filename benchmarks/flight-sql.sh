#!/usr/bin/env bash
# The Flight SQL endpoint's benchmark, against one running collector (benchmarks/scenarios/
# eider-duckdb-flightsql.yaml), one row per measurement appended to benchmarks/results-flightsql.md:
#
#   scan     the same ROWS-row scan of otlp_logs, REPEAT times each after one unmeasured round,
#            alternating: over Flight SQL with Arrow's JDBC driver (every value read with getObject)
#            and over POST /v1/query as JSON (every token parsed); medians and their ratio
#   ingest   the load generator flat out for DURATION s (OTLP/HTTP, synthetic logs), alone and
#            while a Flight SQL client runs a heavy query every second, PAIRS times (ABBA order);
#            rows committed per second (the seals that ended in the window), records accepted
#            per second, the drop of each, and the seal latency (the seal history's duration_ms)
#
#   benchmarks/flight-sql.sh
#
# Knobs (environment): ROWS=1000000 REPEAT=3 DURATION=20 WARMUP=3 PAIRS=2 CONCURRENCY=4 HTTP_THREADS=2
# RECORDS=100 RECORD_BYTES=500 (synthetic payload), RESULTS=benchmarks/results-flightsql.md,
# EIDER_JAVA_OPTS.
#
# Needs: distribution/target/collector.jar and benchmarks/load/target/load.jar
# (./mvnw -B -ntp -q package -pl distribution,benchmarks/load -am -DskipTests).
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
rows="${ROWS:-1000000}"
repeat="${REPEAT:-3}"
duration="${DURATION:-20}"
warmup="${WARMUP:-3}"
pairs="${PAIRS:-2}"
concurrency="${CONCURRENCY:-4}"
records="${RECORDS:-100}"
record_bytes="${RECORD_BYTES:-500}"
results="${RESULTS:-$root/benchmarks/results-flightsql.md}"
heavy="SELECT service_name, count(*) AS n, count(DISTINCT body) AS bodies, max(time_unix_nano) AS last
       FROM otlp_logs GROUP BY service_name"

load_jar="$root/benchmarks/load/target/load.jar"
collector_jar="$root/distribution/target/collector.jar"
export EIDER_TOKEN="benchmark-token-0123456789abcdef"
export EIDER_HTTP_THREADS="${HTTP_THREADS:-2}"
export BENCH_OUT="$root/benchmarks/.cache/runs/flight-sql-$(date -u +%Y%m%dT%H%M%SZ)"
mkdir -p "$BENCH_OUT"
echo "flight-sql.sh: output in $BENCH_OUT" >&2
admin=http://localhost:13133
flight_port=32010

# shellcheck disable=SC2086
java ${EIDER_JAVA_OPTS:-} -jar "$collector_jar" --config "$root/benchmarks/scenarios/eider-duckdb-flightsql.yaml" \
  > "$BENCH_OUT/sut.log" 2>&1 &
sut_pid=$!
stop_sut() { kill -TERM "$sut_pid" 2>/dev/null || true; }
trap stop_sut EXIT
ready() { curl -sf -H "Authorization: Bearer $EIDER_TOKEN" "$admin/readyz" > /dev/null && curl -s -o /dev/null http://localhost:4318/; }
for _ in $(seq 1 120); do ready && break; kill -0 "$sut_pid" || { cat "$BENCH_OUT/sut.log" >&2; exit 1; }; sleep 0.5; done
ready || { echo "collector not ready after 60 s" >&2; exit 1; }

sql() { curl -sf -H "Authorization: Bearer $EIDER_TOKEN" -H 'Accept: text/csv' --data-binary "$1" "$admin/v1/query" | tail -n +2 | tr -d '\r'; }
flush() { curl -sf -X POST -H "Authorization: Bearer $EIDER_TOKEN" "$admin/v1/flush" > /dev/null; }
now_ms() { date +%s%3N; }
# the load generator shares the 2 cores: small heap, serial GC, C1 only
load() {
  java -XX:+UseSerialGC -Xmx512m -XX:TieredStopAtLevel=1 -jar "$load_jar" --protocol http --endpoint localhost:4318 \
    --signal logs --synthetic-records "$records" --record-bytes "$record_bytes" --gzip --rate 0 \
    --concurrency "$concurrency" --warmup "$1s" --duration "$2s" --header "Authorization=Bearer $EIDER_TOKEN"
}
# Arrow (in the JDBC driver) reads direct buffers through java.nio internals
queries() { java --add-opens=java.base/java.nio=ALL-UNNAMED -cp "$load_jar" dev.eider.benchmarks.load.QueryClients "$@"; }

# --- fill otlp_logs with at least ROWS rows ---
while (( $(sql "SELECT count(*) FROM otlp_logs") < rows )); do
  load 0 10 > /dev/null 2>> "$BENCH_OUT/fill.txt"
  flush
done
echo "flight-sql.sh: otlp_logs holds $(sql "SELECT count(*) FROM otlp_logs") rows" >&2

# --- the scan, side by side ---
queries scan "$flight_port" "$admin" "$EIDER_TOKEN" "$repeat" "SELECT * FROM otlp_logs LIMIT $rows" > "$BENCH_OUT/scan.json"
cat "$BENCH_OUT/scan.json" >&2

# --- ingest alone, then with a heavy query every second, PAIRS times ---
ingest() {
  local phase=$1
  flush
  local from; from=$(( $(now_ms) + warmup * 1000 ))
  local query_pid=""
  if [[ "$phase" == with-queries-* ]]; then
    queries every "$flight_port" "$EIDER_TOKEN" "$(( warmup + duration ))" "$heavy" > "$BENCH_OUT/$phase-queries.json" &
    query_pid=$!
  fi
  load "$warmup" "$duration" > "$BENCH_OUT/$phase-load.json" 2> "$BENCH_OUT/$phase-load.txt"
  local to; to=$(now_ms)
  [[ -n "$query_pid" ]] && wait "$query_pid"
  curl -sf -H "Authorization: Bearer $EIDER_TOKEN" "$admin/v1/seals" > "$BENCH_OUT/$phase-seals.json"
  echo "$from $to" > "$BENCH_OUT/$phase-window.txt"
}
# ABBA: every other pair runs the other phase first, so a drift of the machine's load over the
# run does not favour one phase
for pair in $(seq 1 "$pairs"); do
  if (( pair % 2 )); then
    ingest "alone-$pair"; ingest "with-queries-$pair"
  else
    ingest "with-queries-$pair"; ingest "alone-$pair"
  fi
done

hwm_kb="$(awk '/VmHWM/ { print $2 }' "/proc/$sut_pid/status")"
kill -TERM "$sut_pid"
wait "$sut_pid" || true
trap - EXIT

commit="$(git -C "$root" rev-parse --short HEAD 2>/dev/null || echo unknown)"
[[ -z "$(git -C "$root" status --porcelain --untracked-files=no -- . ':!benchmarks/results*.md' 2>/dev/null)" ]] \
  || commit="$commit+dirty"
python3 - "$BENCH_OUT" "$results" "$commit" "$rows" "$records" "$record_bytes" "$concurrency" "$hwm_kb" \
  "$(cut -d' ' -f1-3 /proc/loadavg)" <<'PY'
import datetime, json, os, sys
out, results, commit, rows, records, record_bytes, conc, hwm_kb, loadavg = sys.argv[1:]
when = f"{datetime.datetime.utcnow():%Y-%m-%d %H:%M} @{commit}"
scan = json.load(open(os.path.join(out, "scan.json")))
lines = []
lines.append(f"| {when} | scan {scan['rows']:,} rows of otlp_logs | Flight SQL (JDBC) {scan['flight_s']:.2f} s "
             f"({scan['flight_rows_per_s']:,.0f} rows/s) vs /v1/query JSON {scan['json_s']:.2f} s "
             f"({scan['json_rows_per_s']:,.0f} rows/s) | **{scan['ratio']:.1f}x** | medians of "
             f"{len(scan['flight_runs'])}: {scan['flight_runs']} / {scan['json_runs']} |")
def phase(name):
    load = json.load(open(os.path.join(out, f"{name}-load.json")))
    start, end = map(int, open(os.path.join(out, f"{name}-window.txt")).read().split())
    ended = [s for s in json.load(open(os.path.join(out, f"{name}-seals.json")))
             if start <= s["completed_unix_ms"] <= end and s["rows_committed"] > 0]
    committed = sum(s["rows_committed"] for s in ended) / ((end - start) / 1000)
    return {"accepted": load["accepted_records_per_s"], "committed": committed,
            "seals": sorted(s["duration_ms"] for s in ended)}
def median(values):
    values = sorted(values)
    return values[len(values) // 2]
pairs = sorted(int(f.split("-")[1]) for f in os.listdir(out) if f.startswith("alone-") and f.endswith("-load.json"))
alone = [phase(f"alone-{p}") for p in pairs]
busy = [phase(f"with-queries-{p}") for p in pairs]
heavy = [json.load(open(os.path.join(out, f"with-queries-{p}-queries.json"))) for p in pairs]
def summary(runs):
    seals = sorted(d for r in runs for d in r["seals"])
    q = lambda f: seals[min(len(seals) - 1, int(f * len(seals)))] if seals else "n/a"
    return (median([r["committed"] for r in runs]), median([r["accepted"] for r in runs]),
            f"seals {len(seals)}, p50 {q(0.5)} ms, p95 {q(0.95)} ms, max {seals[-1] if seals else 'n/a'} ms")
a_committed, a_accepted, a_seals = summary(alone)
b_committed, b_accepted, b_seals = summary(busy)
runs = lambda key, rs: "/".join(f"{r[key]:,.0f}" for r in rs)
lines.append(f"| {when} | ingest alone (synthetic:{records}:{record_bytes} gzip, conc {conc}, medians of {len(pairs)}) | "
             f"{a_committed:,.0f} rows/s committed ({runs('committed', alone)}), {a_accepted:,.0f} rec/s accepted "
             f"({runs('accepted', alone)}); {a_seals} |  | peak RSS {int(hwm_kb) / 1024:.0f} MiB, load avg {loadavg} |")
lines.append(f"| {when} | ingest + heavy query every second over Flight SQL | "
             f"{b_committed:,.0f} rows/s committed ({runs('committed', busy)}), {b_accepted:,.0f} rec/s accepted "
             f"({runs('accepted', busy)}); {b_seals}; queries {sum(h['queries'] for h in heavy)}, median "
             f"{median([h['median_s'] for h in heavy]):.2f} s, max {max(h['max_s'] for h in heavy):.2f} s, "
             f"{sum(h['errors'] for h in heavy)} errors | **drop: committed {(1 - b_committed / a_committed) * 100:.1f}%, "
             f"accepted {(1 - b_accepted / a_accepted) * 100:.1f}% (negative: a rise)** | |")
header = ("| when (UTC) @commit | measurement | result | target figure | notes |\n|---|---|---|---|---|\n")
if not os.path.exists(results):
    open(results, "w").write(header)
with open(results, "a") as f:
    for line in lines:
        f.write(line + "\n")
        print(line)
PY
