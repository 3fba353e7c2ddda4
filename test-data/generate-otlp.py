#!/usr/bin/env python3
"""Writes test-data/otlp: every request is written here once, as an OTLP/JSON document (a Python
dict in the spelling of the OTLP/JSON encoding), and saved as .json (one request), .jsonl (one
request per line) or .pb (the same request as OTLP/protobuf, through the opentelemetry-proto
message classes). Some files are deliberately unusual or broken; the comment above each says why.
Run through test-data/generate.sh, which provides the opentelemetry-proto package."""
import base64
import json
import os
import sys

from google.protobuf import json_format
from opentelemetry.proto.collector.logs.v1.logs_service_pb2 import ExportLogsServiceRequest
from opentelemetry.proto.collector.metrics.v1.metrics_service_pb2 import ExportMetricsServiceRequest
from opentelemetry.proto.collector.trace.v1.trace_service_pb2 import ExportTraceServiceRequest

OUT = sys.argv[1] if len(sys.argv) > 1 else os.path.join(os.path.dirname(os.path.abspath(__file__)), "otlp")

# 2024-05-06T07:08:09Z in unix nanoseconds; timestamps below are offsets from it.
T0 = 1714979289_000000000


def ns(offset_ms=0):
    return str(T0 + offset_ms * 1_000_000)


def s(v):
    return {"stringValue": v}


def attrs(**kv):
    """OTLP key-values; keys use '__' for '.' (Python names cannot hold dots)."""
    out = []
    for key, value in kv.items():
        key = key.replace("__", ".")
        if isinstance(value, bool):
            v = {"boolValue": value}
        elif isinstance(value, int):
            v = {"intValue": str(value)}
        elif isinstance(value, float):
            v = {"doubleValue": value}
        elif isinstance(value, dict):
            v = value
        else:
            v = s(value)
        out.append({"key": key, "value": v})
    return out


def resource(**kv):
    return {"attributes": attrs(**kv)}


def logs(resource_, scope, *records):
    return {"resourceLogs": [{"resource": resource_, "scopeLogs": [{"scope": scope, "logRecords": list(records)}]}]}


def spans(resource_, scope, *spans_):
    return {"resourceSpans": [{"resource": resource_, "scopeSpans": [{"scope": scope, "spans": list(spans_)}]}]}


def metrics(resource_, scope, *metrics_):
    return {"resourceMetrics": [{"resource": resource_, "scopeMetrics": [{"scope": scope, "metrics": list(metrics_)}]}]}


def dumps(doc):
    return json.dumps(doc, separators=(",", ":"), ensure_ascii=False)


def write(name, text):
    with open(os.path.join(OUT, name), "w", encoding="utf-8", newline="\n") as f:
        f.write(text)


def write_json(name, doc):
    write(name, json.dumps(doc, indent=2, ensure_ascii=False) + "\n")


def write_ndjson(name, *docs):
    write(name, "".join(dumps(d) + "\n" for d in docs))


ID_FIELDS = {"traceId", "spanId", "parentSpanId"}


def hex_ids_to_base64(node):
    """OTLP/JSON spells ids in hex, the protobuf JSON mapping in base64."""
    if isinstance(node, dict):
        return {k: (base64.b64encode(bytes.fromhex(v)).decode() if k in ID_FIELDS else hex_ids_to_base64(v))
                for k, v in node.items()}
    if isinstance(node, list):
        return [hex_ids_to_base64(v) for v in node]
    return node


def write_pb(name, doc, message_type):
    message = json_format.ParseDict(hex_ids_to_base64(doc), message_type())
    with open(os.path.join(OUT, name), "wb") as f:
        f.write(message.SerializeToString(deterministic=True))


SHOP = resource(service__name="bakery-shop", service__namespace="retail", deployment__environment="staging")
SCOPE = {"name": "bakery.orders", "version": "2.4.0"}


def log_files():
    # every column of a log record, attribute values of every type
    write_json("logs_document.json", logs(
        resource(service__name="bakery-shop"),
        {"name": "bakery.orders", "version": "2.4.0", "attributes": attrs(scope__owner="team-dough")},
        {"timeUnixNano": ns(0), "observedTimeUnixNano": ns(2), "severityNumber": 13, "severityText": "Warning",
         "body": s("oven 3 is running hot"),
         "attributes": attrs(oven__id="oven-3", oven__door_open=False, oven__temperature=231,
                             oven__load=0.875, oven__trays={"arrayValue": {"values": [s("rye"), s("spelt")]}},
                             oven__vendor={"kvlistValue": {"values": attrs(name="Heatwell")}}),
         "traceId": "7a3c9e1f00b24d5e8f6a1b2c3d4e5f60", "spanId": "0f1e2d3c4b5a6978"}))
    write_json("sample_otlp.json", logs(
        SHOP, SCOPE,
        {"timeUnixNano": ns(10), "severityNumber": 9, "severityText": "INFO", "body": s("order 1001 paid")}))
    write_ndjson("logs_simple.jsonl", *[logs(SHOP, SCOPE, {
        "timeUnixNano": ns(20 + i), "severityNumber": 9, "severityText": "INFO",
        "body": s(f"loaf {i} sliced"), "attributes": attrs(loaf=i)}) for i in range(3)])
    # absent fields: no resource, no scope, no times, no trace context, no body
    write_ndjson("logs_nulls.jsonl",
                 {"resourceLogs": [{"scopeLogs": [{"logRecords": [
                     {"severityText": "INFO", "body": s("bare record")}]}]}]},
                 {"resourceLogs": [{"scopeLogs": [{"logRecords": [
                     {"timeUnixNano": ns(30), "body": s("no severity, no trace")}]}]}]},
                 {"resourceLogs": [{"scopeLogs": [{"logRecords": [
                     {"timeUnixNano": ns(31), "severityNumber": 9}]}]}]})
    # the largest signed 64-bit nanosecond timestamp, and the largest unsigned one (year 2554)
    write_ndjson("ts_boundary_logs.jsonl", logs(SHOP, SCOPE, {
        "timeUnixNano": str(2**63 - 1), "body": s("last signed nanosecond")}))
    write_ndjson("ts_overflow_logs.jsonl", logs(SHOP, SCOPE, {
        "timeUnixNano": str(2**64 - 1), "body": s("last unsigned nanosecond")}))
    write_pb("otlp_logs.pb", logs(
        resource(service__name="till", host__name="till-02"),
        {"name": "till.receipts", "version": "0.9.1"},
        {"timeUnixNano": ns(40), "severityNumber": 17, "severityText": "ERROR", "body": s("receipt printer jammed"),
         "attributes": attrs(printer="front")}), ExportLogsServiceRequest)


def span(name, trace, span_id, start_ms, end_ms, **extra):
    return {"traceId": trace, "spanId": span_id, "name": name, "startTimeUnixNano": ns(start_ms),
            "endTimeUnixNano": ns(end_ms), **extra}


TRACE = "4bf92f3577b34da6a3ce929d0e0e4736"


def trace_files():
    # every column of a span: events, links, dropped counts, flags, status
    write_json("sample_otlp_traces.json", spans(
        resource(service__name="bakery-api", service__namespace="retail"), SCOPE,
        span("POST /orders", TRACE, "00f067aa0ba902b7", 100, 350, kind=2, flags=257,
             status={"code": 2, "message": "payment declined"},
             attributes=attrs(http__request__method="POST", http__route="/orders", http__response__status_code=402),
             events=[{"timeUnixNano": ns(120), "name": "card.checked",
                      "attributes": attrs(card__network="visa")}],
             links=[{"traceId": "5c0e1d2f3a4b5c6d7e8f90a1b2c3d4e5", "spanId": "a1b2c3d4e5f60718",
                     "traceState": "shop=1", "attributes": attrs(link__kind="retry"), "droppedAttributesCount": 1}],
             droppedAttributesCount=3, droppedEventsCount=2, droppedLinksCount=5)))
    # three lines, so a test can append a bad fourth request and expect line 5 after a blank line
    write_ndjson("traces_simple.jsonl", *[spans(SHOP, SCOPE, span(
        f"knead-{i}", TRACE, f"10000000000000{i:02x}", 200 + i, 210 + i, kind=1,
        parentSpanId="00f067aa0ba902b7", attributes=attrs(batch=i))) for i in range(3)])
    # spans with no times, kind, status, parent or resource; the second has empty metadata lists
    write_ndjson("traces_nulls.jsonl",
                 {"resourceSpans": [{"scopeSpans": [{"spans": [
                     {"traceId": "00000000000000000000000000000001", "spanId": "0000000000000001", "name": "no_times"}]}]}]},
                 {"resourceSpans": [{"scopeSpans": [{"spans": [
                     {"traceId": "00000000000000000000000000000002", "spanId": "0000000000000002", "name": "empty_lists",
                      "attributes": [], "events": [], "links": []}]}]}]},
                 {"resourceSpans": [{"scopeSpans": [{"spans": [
                     {"traceId": "00000000000000000000000000000003", "spanId": "0000000000000003"}]}]}]})
    write_ndjson("single_trace.jsonl", spans(SHOP, SCOPE, span("GET /menu", TRACE, "2000000000000001", 400, 405, kind=2)))
    write_ndjson("multifile_valid_traces.jsonl", spans(SHOP, SCOPE, span("GET /menu/rye", TRACE, "2000000000000002", 410, 411)))
    # an attribute nested 24 levels deep (kvlists in arrays), inside the decoders' depth limit
    nested = s("crumb")
    for level in range(24):
        nested = ({"arrayValue": {"values": [nested, {"intValue": str(level)}]}} if level % 2
                  else {"kvlistValue": {"values": [{"key": f"layer{level}", "value": nested}]}})
    write_ndjson("traces_deep_nesting.jsonl", spans(SHOP, SCOPE, span(
        "layered cake", TRACE, "3000000000000001", 500, 520, attributes=[{"key": "recipe", "value": nested}])))
    # many attributes and a long value
    many = [{"key": f"ingredient.{i:02d}", "value": s(f"{i * 7} g of flour type {i}")} for i in range(60)]
    many.append({"key": "instructions", "value": s("fold, rest, fold again; " * 60)})
    write_ndjson("traces_large_attrs.jsonl", spans(SHOP, SCOPE, span(
        "bake sourdough", TRACE, "3000000000000002", 600, 900, attributes=many)))
    write_pb("otlp_traces.pb", spans(
        resource(service__name="till"), {"name": "till.http"},
        span("GET /receipt", "0123456789abcdef0123456789abcdef", "89abcdef01234567", 1000, 1025, kind=2,
             attributes=attrs(http__route="/receipt"))), ExportTraceServiceRequest)


def metric(name, unit, description, kind, data):
    """A metric; unit and description are left out when empty, as encoders do."""
    out = {"name": name}
    if unit:
        out["unit"] = unit
    if description:
        out["description"] = description
    out[kind] = data
    return out


def gauge(name, *points, unit="", description=""):
    return metric(name, unit, description, "gauge", {"dataPoints": list(points)})


def sum_(name, temporality, monotonic, *points, unit="", description=""):
    return metric(name, unit, description, "sum", {"dataPoints": list(points), "aggregationTemporality": temporality,
                                                   "isMonotonic": monotonic})


def histogram(name, temporality, *points, unit="", description=""):
    return metric(name, unit, description, "histogram",
                  {"dataPoints": list(points), "aggregationTemporality": temporality})


def exp_histogram(name, temporality, *points, unit=""):
    return metric(name, unit, "", "exponentialHistogram",
                  {"dataPoints": list(points), "aggregationTemporality": temporality})


def summary(name, *points):
    return {"name": name, "summary": {"dataPoints": list(points)}}


SUMMARY_POINT = {"timeUnixNano": ns(90), "count": "4", "sum": 10.0,
                 "quantileValues": [{"quantile": 0.5, "value": 2.0}, {"quantile": 0.99, "value": 4.5}]}


def metric_files():
    meter = {"name": "bakery.meter"}
    plant = resource(service__name="bakery-plant", host__name="plant-1")
    # one point of every kind; the summary has no table and is reported as rejected
    write_ndjson("metrics_all_types.jsonl", metrics(
        plant, meter,
        gauge("oven.temperature", {"timeUnixNano": ns(50), "asDouble": 228.5, "attributes": attrs(oven="2")},
              unit="Cel", description="Oven air temperature"),
        sum_("loaves.baked", 1, False, {"timeUnixNano": ns(51), "asInt": "-3", "attributes": attrs(line="b")},
             unit="{loaf}", description="Loaves out of the oven"),
        histogram("proofing.time", 0, {"timeUnixNano": ns(52), "count": "20", "sum": 900.0,
                                       "bucketCounts": ["2", "8", "7", "3"], "explicitBounds": [30.0, 45.0, 60.0],
                                       "attributes": attrs(dough="rye")}, unit="min", description="Time in the proofer"),
        exp_histogram("loaf.weight", 0, {"timeUnixNano": ns(53), "count": "10", "sum": 7200.0, "min": 640.0,
                                         "max": 910.0, "scale": 2, "zeroCount": "0", "zeroThreshold": 0.0,
                                         "positive": {"offset": 37, "bucketCounts": ["4", "3", "2"]},
                                         "negative": {"offset": -1, "bucketCounts": ["1", "0"]},
                                         "attributes": attrs(dough="spelt")}, unit="g"),
        summary("queue.wait", SUMMARY_POINT)))
    write_pb("otlp_metrics.pb", metrics(
        resource(service__name="till"), meter,
        gauge("drawer.cash", {"timeUnixNano": ns(60), "asDouble": 412.35, "attributes": attrs(till="2")},
              unit="EUR")), ExportMetricsServiceRequest)
    write_pb("metrics_gauge.pb", metrics(plant, meter, gauge(
        "flour.stock", *[{"timeUnixNano": ns(61 + i), "asInt": str(500 - 50 * i), "attributes": attrs(silo=i)}
                         for i in range(3)], unit="kg")), ExportMetricsServiceRequest)
    write_pb("metrics_sum.pb", metrics(plant, meter, sum_(
        "orders.total", 2, True, *[{"startTimeUnixNano": ns(0), "timeUnixNano": ns(70 + i), "asInt": str(10 * (i + 1)),
                                    "attributes": attrs(channel=c)} for i, c in enumerate(["web", "app", "shop", "phone"])],
        unit="{order}")), ExportMetricsServiceRequest)
    write_ndjson("metrics_histogram_ndjson.jsonl", metrics(plant, meter, histogram(
        "mixing.time", 2, {"startTimeUnixNano": ns(0), "timeUnixNano": ns(80), "count": "6", "sum": 51.0,
                           "min": 4.0, "max": 13.0, "bucketCounts": ["1", "4", "1"], "explicitBounds": [5.0, 10.0]},
        unit="min")))
    write_ndjson("metrics_exp_histogram_ndjson.jsonl", metrics(plant, meter, exp_histogram(
        "crust.thickness", 2, {"startTimeUnixNano": ns(0), "timeUnixNano": ns(81), "count": "5", "sum": 17.5,
                               "scale": 0, "zeroCount": "1", "positive": {"offset": 1, "bucketCounts": ["2", "2"]}},
        unit="mm")))
    # the temporality as its enum name instead of its number
    write_ndjson("metrics_temporality_strings.jsonl", metrics(plant, meter, sum_(
        "returns", "AGGREGATION_TEMPORALITY_DELTA", False, {"timeUnixNano": ns(82), "asInt": "2"}, unit="{loaf}")))
    write_pb("metrics_mixed.pb", metrics(
        plant, {"name": "bakery.meter", "version": "1.2.0"},
        gauge("humidity", {"timeUnixNano": ns(83), "asDouble": 0.61, "attributes": attrs(room=1)}, unit="1"),
        sum_("energy.used", 2, True, {"startTimeUnixNano": ns(0), "timeUnixNano": ns(83), "asInt": "987654321"},
             unit="J"),
        histogram("oven.cycle", 2, {"startTimeUnixNano": ns(0), "timeUnixNano": ns(83), "count": "40",
                                    "sum": 1800.0, "min": 20.0, "max": 75.0, "bucketCounts": ["5", "25", "10"],
                                    "explicitBounds": [30.0, 60.0]}, unit="min")), ExportMetricsServiceRequest)
    write_json("sample_otlp_metrics.json", metrics(
        plant, meter,
        gauge("silo.fill", {"timeUnixNano": ns(84), "asDouble": 0.5},
              {"startTimeUnixNano": ns(1), "timeUnixNano": ns(85), "asInt": "7"}, unit="1"),
        sum_("doors.opened", 2, True, {"startTimeUnixNano": ns(0), "timeUnixNano": ns(85), "asInt": "311"})))
    write_ndjson("metrics_simple.jsonl",
                 metrics(plant, meter, gauge("water.used", {"timeUnixNano": ns(86), "asDouble": 1250.0}, unit="L")),
                 metrics(plant, meter, sum_("trays.washed", 2, True, {"timeUnixNano": ns(86), "asInt": "64"})),
                 metrics(plant, meter, histogram("slice.width", 2, {
                     "timeUnixNano": ns(86), "count": "12", "sum": 144.0,
                     "bucketCounts": ["3", "6", "3"], "explicitBounds": [10.0, 14.0]}, unit="mm")))
    # no sum, min or max on the histograms, plus a summary that is rejected
    write_ndjson("metrics_optional_fields.jsonl", metrics(
        plant, meter,
        histogram("rest.time", 1, {"timeUnixNano": ns(87), "count": "3", "bucketCounts": ["3"]}),
        exp_histogram("rise.height", 1, {"timeUnixNano": ns(87), "count": "2", "scale": -1,
                                         "negative": {"offset": -2, "bucketCounts": ["2"]}}),
        summary("queue.wait", SUMMARY_POINT)))
    # points without attributes, description, unit or resource; a histogram with no buckets
    write_ndjson("metrics_nulls.jsonl", {"resourceMetrics": [{"scopeMetrics": [{"metrics": [
        {"name": "bare.gauge", "gauge": {"dataPoints": [{"timeUnixNano": ns(88), "asDouble": 3.25}]}},
        {"name": "bare.sum", "sum": {"dataPoints": [{"timeUnixNano": ns(88)}]}},
        {"name": "bare.histogram", "histogram": {"dataPoints": [{"timeUnixNano": ns(88), "count": "0", "sum": 0.0}]}}]}]}]})
    write_ndjson("metrics_summary_only.jsonl", metrics(
        plant, meter, summary("queue.wait", SUMMARY_POINT, {**SUMMARY_POINT, "timeUnixNano": ns(91)})))


def edge_files():
    write("empty.jsonl", "")
    write("whitespace.jsonl", "  \n\t\n \n")
    # line 1 has only fields OTLP/JSON ignores; line 2 is not JSON; line 3 would be valid
    write("malformed.jsonl", dumps({"comment": "no signal here"}) + "\n" + "this line is prose, not JSON\n"
          + dumps(spans(SHOP, SCOPE, span("after the bad line", TRACE, "4000000000000001", 0, 1))) + "\n")
    # a request cut off in the middle of a string
    write("multifile_malformed_traces.jsonl", dumps(spans(SHOP, SCOPE, span("cut", TRACE, "4000000000000002", 0, 1)))[:70])


if __name__ == "__main__":
    os.makedirs(OUT, exist_ok=True)
    log_files()
    trace_files()
    metric_files()
    edge_files()
