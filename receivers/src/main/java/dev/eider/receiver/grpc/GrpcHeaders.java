package dev.eider.receiver.grpc;

import io.grpc.Metadata;
import java.util.HashMap;
import java.util.Map;

/** The request headers a consumer sees ({@code RequestMetadata}) from a call's gRPC metadata. */
public final class GrpcHeaders {
    private GrpcHeaders() {}

    /** gRPC keeps metadata names lower-case already; binary ({@code -bin}) entries are not headers. */
    public static Map<String, String> ascii(Metadata metadata) {
        Map<String, String> headers = new HashMap<>();
        for (String name : metadata.keys()) {
            if (!name.endsWith(Metadata.BINARY_HEADER_SUFFIX)) {
                String value = metadata.get(Metadata.Key.of(name, Metadata.ASCII_STRING_MARSHALLER));
                if (value != null) {
                    headers.put(name, value);
                }
            }
        }
        return headers;
    }
}
