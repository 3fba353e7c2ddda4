package dev.eider.receiver.otap;

import dev.eider.receiver.grpc.GrpcServers;
import dev.eider.runtime.component.Receiver;
import dev.eider.runtime.component.ReceiverContext;
import dev.eider.runtime.component.ReceiverFactory;
import dev.eider.runtime.config.ConfigSection;
import dev.eider.runtime.config.Endpoint;
import dev.eider.runtime.tls.TlsConfig;
import java.util.List;
import java.util.Map;

/** Factory of the {@code otap} receiver: OpenTelemetry Arrow streams over gRPC. */
public final class OtapReceiverFactory implements ReceiverFactory<OtapReceiverConfig> {
    public static final String TYPE = "otap";

    @Override
    public String type() {
        return TYPE;
    }

    @Override
    public OtapReceiverConfig bind(ConfigSection section) {
        boolean allowOtherHostname = section.bool(OtapReceiverConfig.ALLOW_OTHER_HOSTNAME, false);
        Endpoint endpoint = Endpoint.read(section, OtapReceiverConfig.ENDPOINT, OtapReceiverConfig.DEFAULT_ENDPOINT,
                allowOtherHostname);
        long maxBodyBytes = section.size(OtapReceiverConfig.MAX_BODY_BYTES, OtapReceiverConfig.DEFAULT_MAX_BODY_BYTES);
        if (maxBodyBytes < 1 || maxBodyBytes > Integer.MAX_VALUE) {
            section.error(OtapReceiverConfig.MAX_BODY_BYTES, "must be between 1 byte and 2GiB, got " + maxBodyBytes);
            maxBodyBytes = OtapReceiverConfig.DEFAULT_MAX_BODY_BYTES;
        }
        return new OtapReceiverConfig(endpoint, (int) maxBodyBytes, allowOtherHostname, TlsConfig.read(section));
    }

    @Override
    public List<String> endpoints(OtapReceiverConfig config) {
        return List.of(config.endpoint().toString());
    }

    /** The otlp receiver's grpc protocol may share this endpoint when its TLS settings are the same: one gRPC server serves both. */
    @Override
    public Map<String, String> sharedEndpoints(OtapReceiverConfig config) {
        return Map.of(config.endpoint().toString(), GrpcServers.sharedProtocol(config.tls()));
    }

    @Override
    public Receiver create(ReceiverContext context, OtapReceiverConfig config) {
        return new OtapReceiver(context, config);
    }
}
