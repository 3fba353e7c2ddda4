package dev.eider.receiver.otlp.http;

import dev.eider.runtime.json.JsonStrings;

import dev.eider.runtime.pipeline.RejectedException;
import io.netty.handler.codec.http.HttpResponseStatus;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/**
 * A response before it is written: status, body and content type, plus Retry-After for
 * backpressure. Holds the one mapping from {@link RejectedException.Reason} to HTTP status.
 */
record HttpAnswer(HttpResponseStatus status, String contentType, byte[] body, Duration retryAfter) {
    static final String JSON = "application/json";
    static final String PROTOBUF = "application/x-protobuf";

    static HttpAnswer json(HttpResponseStatus status, String json) {
        return new HttpAnswer(status, JSON, json.getBytes(StandardCharsets.UTF_8), null);
    }

    /** {@code {"error":"<reason>","message":"<detail>"}}. */
    static HttpAnswer error(HttpResponseStatus status, String reason, String message) {
        return json(status, "{\"error\":" + JsonStrings.quote(reason) + ",\"message\":" + JsonStrings.quote(message) + "}");
    }

    static HttpAnswer rejected(RejectedException e) {
        Duration retryAfter = e.retryAfter();
        // every 503 (backpressure, or a pipeline stopping) tells the client when to come back
        if (retryAfter == null && status(e.reason()) == HttpResponseStatus.SERVICE_UNAVAILABLE) {
            retryAfter = Duration.ofSeconds(1);
        }
        HttpAnswer answer = error(status(e.reason()), e.reasonToken(), e.getMessage());
        return new HttpAnswer(answer.status, answer.contentType, answer.body, retryAfter);
    }

    /** The HTTP status of each rejection reason (docs/wire.md, error table). */
    static HttpResponseStatus status(RejectedException.Reason reason) {
        return switch (reason) {
            case UNAUTHENTICATED -> HttpResponseStatus.UNAUTHORIZED;
            case BAD_DATA -> HttpResponseStatus.BAD_REQUEST;
            case TOO_LARGE -> HttpResponseStatus.REQUEST_ENTITY_TOO_LARGE;
            case UNSUPPORTED_ENCODING -> HttpResponseStatus.UNSUPPORTED_MEDIA_TYPE;
            case OVERLOADED, UNAVAILABLE -> HttpResponseStatus.SERVICE_UNAVAILABLE;
            case INTERNAL -> HttpResponseStatus.INTERNAL_SERVER_ERROR;
        };
    }

    /** Retry-After in whole seconds, rounded up so a client never retries early. */
    String retryAfterSeconds() {
        long millis = retryAfter.toMillis();
        return Long.toString(Math.max(1, (millis + 999) / 1000));
    }
}
