package main

// The --write mode: instead of sending, encode fixed telemetry with otel-arrow's producer and
// write each BatchArrowRecords message to a file, next to the OTLP protobuf of the same data
// (its "twin"), for the decoder conformance tests in test-data/otap. Every value is fixed, so
// running it again gives the same telemetry.

import (
	"fmt"
	"os"
	"path/filepath"

	arrowpb "github.com/open-telemetry/otel-arrow/go/api/experimental/arrow/v1"
	"github.com/open-telemetry/otel-arrow/go/pkg/config"
	"github.com/open-telemetry/otel-arrow/go/pkg/otel/arrow_record"
	"go.opentelemetry.io/collector/pdata/pcommon"
	"go.opentelemetry.io/collector/pdata/plog"
	"go.opentelemetry.io/collector/pdata/pmetric"
	"go.opentelemetry.io/collector/pdata/ptrace"
	"google.golang.org/protobuf/proto"
)

// 2025-03-01T12:00:00Z in unix nanoseconds, the base of every timestamp written.
const base = 1740830400_000000000

// One signal's capture: the two batches sent on one stream, and how to encode and marshal them.
type capture struct {
	name    string
	batches [2]func() any
	encode  func(p *arrow_record.Producer, data any) (*arrowpb.BatchArrowRecords, error)
	twin    func(data any) ([]byte, error)
}

func captures() []capture {
	return []capture{
		{"logs", [2]func() any{func() any { return captureLogs(0) }, func() any { return captureLogs(1) }},
			func(p *arrow_record.Producer, d any) (*arrowpb.BatchArrowRecords, error) {
				return p.BatchArrowRecordsFromLogs(d.(plog.Logs))
			},
			func(d any) ([]byte, error) { return (&plog.ProtoMarshaler{}).MarshalLogs(d.(plog.Logs)) }},
		{"traces", [2]func() any{func() any { return captureTraces(0) }, func() any { return captureTraces(1) }},
			func(p *arrow_record.Producer, d any) (*arrowpb.BatchArrowRecords, error) {
				return p.BatchArrowRecordsFromTraces(d.(ptrace.Traces))
			},
			func(d any) ([]byte, error) { return (&ptrace.ProtoMarshaler{}).MarshalTraces(d.(ptrace.Traces)) }},
		{"metrics", [2]func() any{func() any { return captureMetrics(0) }, func() any { return captureMetrics(1) }},
			func(p *arrow_record.Producer, d any) (*arrowpb.BatchArrowRecords, error) {
				return p.BatchArrowRecordsFromMetrics(d.(pmetric.Metrics))
			},
			func(d any) ([]byte, error) { return (&pmetric.ProtoMarshaler{}).MarshalMetrics(d.(pmetric.Metrics)) }},
	}
}

// writeCaptures writes <signal>-initial.bar/.otlp and <signal>-reuse.bar/.otlp (the second
// message of the same stream, which relies on the schemas and dictionaries of the first), and
// logs-zstd.bar (the initial logs with zstd-compressed Arrow IPC buffers).
func writeCaptures(dir string) error {
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return err
	}
	for _, c := range captures() {
		producer := arrow_record.NewProducerWithOptions(config.WithNoZstd())
		for i, suffix := range []string{"initial", "reuse"} {
			data := c.batches[i]()
			if err := writeMessage(dir, c.name+"-"+suffix+".bar", producer, c.encode, data); err != nil {
				return err
			}
			twin, err := c.twin(data)
			if err != nil {
				return err
			}
			if err := os.WriteFile(filepath.Join(dir, c.name+"-"+suffix+".otlp"), twin, 0o644); err != nil {
				return err
			}
		}
		producer.Close()
		if c.name == "logs" {
			zstd := arrow_record.NewProducerWithOptions(config.WithZstd())
			if err := writeMessage(dir, "logs-zstd.bar", zstd, c.encode, c.batches[0]()); err != nil {
				return err
			}
			zstd.Close()
		}
	}
	return nil
}

func writeMessage(dir, file string, p *arrow_record.Producer,
	encode func(*arrow_record.Producer, any) (*arrowpb.BatchArrowRecords, error), data any) error {
	records, err := encode(p, data)
	if err != nil {
		return fmt.Errorf("encoding %s: %w", file, err)
	}
	bytes, err := proto.MarshalOptions{Deterministic: true}.Marshal(records)
	if err != nil {
		return err
	}
	return os.WriteFile(filepath.Join(dir, file), bytes, 0o644)
}

func at(offsetMillis int) pcommon.Timestamp {
	return pcommon.Timestamp(uint64(base) + uint64(offsetMillis)*1_000_000)
}

func traceID(batch, i int) pcommon.TraceID {
	return pcommon.TraceID([16]byte{0xe1, 0xde, byte(batch), byte(i), 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0xca, 0xfe})
}

func spanID(batch, i int) pcommon.SpanID {
	return pcommon.SpanID([8]byte{0x5e, byte(batch), byte(i), 0, 0, 0, 0xbe, 0xef})
}

// resource fills the attributes that several tables lift into columns, and some of every type.
func resource(attrs pcommon.Map, service string, replica int) {
	attrs.PutStr("service.name", service)
	attrs.PutStr("service.namespace", "capture")
	attrs.PutStr("service.instance.id", fmt.Sprintf("replica-%d", replica))
	attrs.PutInt("host.cpu.count", 4)
}

func scope(s pcommon.InstrumentationScope) {
	s.SetName("eider.capture")
	s.SetVersion("0.3.1")
	s.Attributes().PutStr("capture.kind", "otap")
}

func captureLogs(batch int) plog.Logs {
	ld := plog.NewLogs()
	for r := 0; r < 2; r++ {
		rl := ld.ResourceLogs().AppendEmpty()
		resource(rl.Resource().Attributes(), "checkout", r)
		sl := rl.ScopeLogs().AppendEmpty()
		scope(sl.Scope())
		for i := 0; i < 4; i++ {
			lr := sl.LogRecords().AppendEmpty()
			lr.SetTimestamp(at(batch*1000 + r*100 + i))
			lr.SetObservedTimestamp(at(batch*1000 + r*100 + i + 3))
			lr.SetSeverityNumber(plog.SeverityNumber(9 + 4*(i%3)))
			lr.SetSeverityText([]string{"INFO", "WARN", "ERROR"}[i%3])
			switch i {
			case 0:
				lr.Body().SetStr(fmt.Sprintf("order %d placed", batch*10+r))
			case 1:
				body := lr.Body().SetEmptyMap()
				body.PutStr("event", "retry")
				body.PutInt("attempt", int64(batch+2))
			case 2:
				lr.Body().SetInt(int64(500 + r))
				lr.SetTraceID(traceID(batch, i))
				lr.SetSpanID(spanID(batch, i))
				lr.SetFlags(plog.DefaultLogRecordFlags.WithIsSampled(true))
			case 3:
				lr.SetEventName("checkout.completed")
				lr.Body().SetStr("done")
			}
			lr.Attributes().PutStr("order.region", []string{"north", "south"}[r])
			lr.Attributes().PutInt("order.items", int64(i+1))
			lr.Attributes().PutDouble("order.total", 12.5*float64(i+1))
			lr.Attributes().PutBool("order.gift", i%2 == 0)
		}
	}
	return ld
}

func captureTraces(batch int) ptrace.Traces {
	td := ptrace.NewTraces()
	rs := td.ResourceSpans().AppendEmpty()
	resource(rs.Resource().Attributes(), "inventory", 0)
	ss := rs.ScopeSpans().AppendEmpty()
	scope(ss.Scope())
	for i := 0; i < 5; i++ {
		span := ss.Spans().AppendEmpty()
		span.SetTraceID(traceID(batch, 0))
		span.SetSpanID(spanID(batch, i))
		if i > 0 {
			span.SetParentSpanID(spanID(batch, 0))
		}
		span.SetName(fmt.Sprintf("reserve-%d", i))
		span.SetKind(ptrace.SpanKind(1 + i%5))
		span.SetStartTimestamp(at(batch*1000 + i*10))
		span.SetEndTimestamp(at(batch*1000 + i*10 + 7))
		span.Attributes().PutStr("sku", fmt.Sprintf("sku-%03d", i))
		span.Attributes().PutInt("quantity", int64(i+1))
		if i == 1 {
			span.Status().SetCode(ptrace.StatusCodeError)
			span.Status().SetMessage("out of stock")
			span.TraceState().FromRaw("vendor=eider")
			event := span.Events().AppendEmpty()
			event.SetName("stock.checked")
			event.SetTimestamp(at(batch*1000 + i*10 + 2))
			event.Attributes().PutInt("stock.level", 0)
			link := span.Links().AppendEmpty()
			link.SetTraceID(traceID(batch+7, 9))
			link.SetSpanID(spanID(batch+7, 9))
			link.Attributes().PutStr("link.reason", "retry-of")
		}
		if i == 2 {
			span.Status().SetCode(ptrace.StatusCodeOk)
			span.SetDroppedAttributesCount(2)
		}
	}
	return td
}

func captureMetrics(batch int) pmetric.Metrics {
	md := pmetric.NewMetrics()
	rm := md.ResourceMetrics().AppendEmpty()
	resource(rm.Resource().Attributes(), "billing", 0)
	sm := rm.ScopeMetrics().AppendEmpty()
	scope(sm.Scope())

	gauge := sm.Metrics().AppendEmpty()
	gauge.SetName("queue.depth")
	gauge.SetDescription("jobs waiting")
	gauge.SetUnit("{job}")
	points := gauge.SetEmptyGauge().DataPoints()
	for i := 0; i < 3; i++ {
		dp := points.AppendEmpty()
		dp.SetTimestamp(at(batch*1000 + i))
		if i == 2 {
			dp.SetDoubleValue(0.25 * float64(batch+1))
		} else {
			dp.SetIntValue(int64(10*batch + i))
		}
		dp.Attributes().PutStr("queue", fmt.Sprintf("q%d", i))
	}

	sum := sm.Metrics().AppendEmpty()
	sum.SetName("invoices.issued")
	sum.SetUnit("{invoice}")
	s := sum.SetEmptySum()
	s.SetAggregationTemporality(pmetric.AggregationTemporalityCumulative)
	s.SetIsMonotonic(true)
	for i := 0; i < 2; i++ {
		dp := s.DataPoints().AppendEmpty()
		dp.SetStartTimestamp(at(0))
		dp.SetTimestamp(at(batch*1000 + 50 + i))
		dp.SetIntValue(int64(100*(batch+1) + i))
		dp.Attributes().PutStr("currency", []string{"EUR", "USD"}[i])
	}

	hist := sm.Metrics().AppendEmpty()
	hist.SetName("payment.latency")
	hist.SetUnit("ms")
	h := hist.SetEmptyHistogram()
	h.SetAggregationTemporality(pmetric.AggregationTemporalityDelta)
	hp := h.DataPoints().AppendEmpty()
	hp.SetStartTimestamp(at(batch * 1000))
	hp.SetTimestamp(at(batch*1000 + 60))
	hp.SetCount(uint64(6 + batch))
	hp.SetSum(93.5)
	hp.SetMin(2)
	hp.SetMax(40)
	hp.ExplicitBounds().FromRaw([]float64{5, 25})
	hp.BucketCounts().FromRaw([]uint64{2, uint64(3 + batch), 1})
	hp.Attributes().PutStr("method", "card")

	exp := sm.Metrics().AppendEmpty()
	exp.SetName("payment.amount")
	exp.SetUnit("EUR")
	e := exp.SetEmptyExponentialHistogram()
	e.SetAggregationTemporality(pmetric.AggregationTemporalityCumulative)
	ep := e.DataPoints().AppendEmpty()
	ep.SetStartTimestamp(at(0))
	ep.SetTimestamp(at(batch*1000 + 70))
	ep.SetCount(uint64(11 + batch))
	ep.SetSum(410.0)
	ep.SetScale(2)
	ep.SetZeroCount(1)
	ep.Positive().SetOffset(3)
	ep.Positive().BucketCounts().FromRaw([]uint64{4, 3, uint64(1 + batch)})
	ep.Negative().SetOffset(-1)
	// not all zero: an all-zero bucket list makes the v0.46 producer panic
	ep.Negative().BucketCounts().FromRaw([]uint64{2})
	ep.Attributes().PutStr("method", "transfer")

	// Eider has no summary table: a receiver must report this point as rejected
	summary := sm.Metrics().AppendEmpty()
	summary.SetName("refund.delay")
	summary.SetUnit("s")
	sp := summary.SetEmptySummary().DataPoints().AppendEmpty()
	sp.SetTimestamp(at(batch*1000 + 80))
	sp.SetCount(4)
	sp.SetSum(26)
	q := sp.QuantileValues().AppendEmpty()
	q.SetQuantile(0.5)
	q.SetValue(6)
	return md
}
