package dev.eider.receiver.otlp.http;

import dev.eider.receiver.otlp.decode.PayloadFormat;
import dev.eider.runtime.pipeline.SignalConsumer;

/** An export request whose headers passed every check: where its body goes and how to read it. */
record ExportRequest(SignalConsumer consumer, PayloadFormat format, ContentEncoding encoding) {}
