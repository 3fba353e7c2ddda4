// otap-producer sends a bounded number of logs, spans or metric points to an OTAP receiver
// (the ArrowLogs/ArrowTraces/ArrowMetrics streams of otel-arrow) using otel-arrow's own Go
// producer, and exits non-zero unless every batch is acknowledged with OK. It stands in for the
// Collector's otelarrow exporter, which the module proxy available to the build does not serve.
// With --write DIR it sends nothing and writes fixed messages to files instead (capture.go).
package main

import (
	"context"
	"flag"
	"fmt"
	"io"
	"os"
	"time"

	arrowpb "github.com/open-telemetry/otel-arrow/go/api/experimental/arrow/v1"
	"github.com/open-telemetry/otel-arrow/go/pkg/otel/arrow_record"
	"go.opentelemetry.io/collector/pdata/pcommon"
	"go.opentelemetry.io/collector/pdata/plog"
	"go.opentelemetry.io/collector/pdata/pmetric"
	"go.opentelemetry.io/collector/pdata/ptrace"
	"google.golang.org/grpc"
	"google.golang.org/grpc/credentials/insecure"
)

type stream interface {
	Send(*arrowpb.BatchArrowRecords) error
	Recv() (*arrowpb.BatchStatus, error)
	CloseSend() error
}

func main() {
	endpoint := flag.String("endpoint", "127.0.0.1:4317", "OTAP receiver host:port")
	signal := flag.String("signal", "logs", "logs, traces or metrics")
	batches := flag.Int("batches", 3, "how many BatchArrowRecords messages to send on one stream")
	perBatch := flag.Int("per-batch", 10, "log records, spans or data points in each message")
	service := flag.String("service", "otap-producer", "service.name resource attribute")
	write := flag.String("write", "", "write fixed BatchArrowRecords messages and their OTLP twins to this folder, send nothing")
	flag.Parse()

	if *write != "" {
		if err := writeCaptures(*write); err != nil {
			fmt.Fprintln(os.Stderr, "otap-producer:", err)
			os.Exit(1)
		}
		return
	}

	if err := run(*endpoint, *signal, *batches, *perBatch, *service); err != nil {
		fmt.Fprintln(os.Stderr, "otap-producer:", err)
		os.Exit(1)
	}
	fmt.Printf("otap-producer: %d %s acknowledged\n", *batches**perBatch, *signal)
}

func run(endpoint, signal string, batches, perBatch int, service string) error {
	conn, err := grpc.NewClient(endpoint, grpc.WithTransportCredentials(insecure.NewCredentials()))
	if err != nil {
		return err
	}
	defer conn.Close()
	ctx, cancel := context.WithTimeout(context.Background(), 60*time.Second)
	defer cancel()

	producer := arrow_record.NewProducer()
	defer producer.Close()

	var s stream
	switch signal {
	case "logs":
		s, err = arrowpb.NewArrowLogsServiceClient(conn).ArrowLogs(ctx)
	case "traces":
		s, err = arrowpb.NewArrowTracesServiceClient(conn).ArrowTraces(ctx)
	case "metrics":
		s, err = arrowpb.NewArrowMetricsServiceClient(conn).ArrowMetrics(ctx)
	default:
		return fmt.Errorf("unknown signal %q", signal)
	}
	if err != nil {
		return err
	}
	for b := 0; b < batches; b++ {
		var records *arrowpb.BatchArrowRecords
		switch signal {
		case "logs":
			records, err = producer.BatchArrowRecordsFromLogs(logs(service, b, perBatch))
		case "traces":
			records, err = producer.BatchArrowRecordsFromTraces(traces(service, b, perBatch))
		case "metrics":
			records, err = producer.BatchArrowRecordsFromMetrics(metrics(service, b, perBatch))
		}
		if err != nil {
			return fmt.Errorf("encoding batch %d: %w", b, err)
		}
		if err := s.Send(records); err != nil {
			return fmt.Errorf("sending batch %d: %w", b, err)
		}
		// One message in flight at a time: the answer names this batch.
		status, err := s.Recv()
		if err != nil {
			return fmt.Errorf("waiting for batch %d status: %w", b, err)
		}
		if status.GetStatusCode() != arrowpb.StatusCode_OK {
			return fmt.Errorf("batch %d refused: %s %s", status.GetBatchId(), status.GetStatusCode(), status.GetStatusMessage())
		}
	}
	if err := s.CloseSend(); err != nil {
		return err
	}
	if _, err := s.Recv(); err != nil && err != io.EOF {
		return fmt.Errorf("closing stream: %w", err)
	}
	return nil
}

func now() pcommon.Timestamp { return pcommon.NewTimestampFromTime(time.Now()) }

func logs(service string, batch, n int) plog.Logs {
	ld := plog.NewLogs()
	rl := ld.ResourceLogs().AppendEmpty()
	rl.Resource().Attributes().PutStr("service.name", service)
	sl := rl.ScopeLogs().AppendEmpty()
	sl.Scope().SetName("otap-producer")
	for i := 0; i < n; i++ {
		lr := sl.LogRecords().AppendEmpty()
		lr.SetTimestamp(now())
		lr.SetSeverityNumber(plog.SeverityNumberInfo)
		lr.SetSeverityText("INFO")
		lr.Body().SetStr(fmt.Sprintf("log %d of batch %d", i, batch))
		lr.Attributes().PutInt("index", int64(i))
	}
	return ld
}

func traces(service string, batch, n int) ptrace.Traces {
	td := ptrace.NewTraces()
	rs := td.ResourceSpans().AppendEmpty()
	rs.Resource().Attributes().PutStr("service.name", service)
	ss := rs.ScopeSpans().AppendEmpty()
	ss.Scope().SetName("otap-producer")
	for i := 0; i < n; i++ {
		span := ss.Spans().AppendEmpty()
		span.SetTraceID(pcommon.TraceID([16]byte{1, byte(batch), byte(i), 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16}))
		span.SetSpanID(pcommon.SpanID([8]byte{2, byte(batch), byte(i), 4, 5, 6, 7, 8}))
		span.SetName(fmt.Sprintf("span-%d", i))
		span.SetKind(ptrace.SpanKindServer)
		span.SetStartTimestamp(now())
		span.SetEndTimestamp(now())
		span.Attributes().PutInt("index", int64(i))
	}
	return td
}

func metrics(service string, batch, n int) pmetric.Metrics {
	md := pmetric.NewMetrics()
	rm := md.ResourceMetrics().AppendEmpty()
	rm.Resource().Attributes().PutStr("service.name", service)
	sm := rm.ScopeMetrics().AppendEmpty()
	sm.Scope().SetName("otap-producer")
	m := sm.Metrics().AppendEmpty()
	m.SetName("otap.producer.value")
	m.SetUnit("1")
	gauge := m.SetEmptyGauge()
	for i := 0; i < n; i++ {
		dp := gauge.DataPoints().AppendEmpty()
		dp.SetTimestamp(now())
		dp.SetIntValue(int64(batch*n + i))
		dp.Attributes().PutInt("index", int64(i))
	}
	return md
}
