package dev.eider.receiver.grpc;

import io.grpc.HandlerRegistry;
import io.grpc.ServerMethodDefinition;
import io.grpc.ServerServiceDefinition;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** The services a running server serves, by service name; receivers add and remove theirs while it runs. */
final class ServiceTable extends HandlerRegistry {
    private final Map<String, ServerServiceDefinition> services = new ConcurrentHashMap<>();

    /** Adds the service unless one of that name is already served; returns whether it was added. */
    boolean add(ServerServiceDefinition service) {
        return services.putIfAbsent(service.getServiceDescriptor().getName(), service) == null;
    }

    void remove(ServerServiceDefinition service) {
        services.remove(service.getServiceDescriptor().getName(), service);
    }

    boolean serves(String serviceName) {
        return services.containsKey(serviceName);
    }

    @Override
    public ServerMethodDefinition<?, ?> lookupMethod(String methodName, String authority) {
        int slash = methodName.lastIndexOf('/');
        if (slash < 0) {
            return null;
        }
        ServerServiceDefinition service = services.get(methodName.substring(0, slash));
        return service == null ? null : service.getMethod(methodName);
    }
}
