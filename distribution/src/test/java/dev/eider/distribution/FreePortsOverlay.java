package dev.eider.distribution;

import java.util.LinkedHashMap;
import java.util.Map;
import org.snakeyaml.engine.v2.api.Dump;
import org.snakeyaml.engine.v2.api.DumpSettings;
import org.snakeyaml.engine.v2.api.Load;
import org.snakeyaml.engine.v2.api.LoadSettings;

/** A config overlay that sets every {@code endpoint} of a config's receivers and extensions to port 0. */
final class FreePortsOverlay {
    private FreePortsOverlay() {}

    static String of(String yaml) {
        Object root = new Load(LoadSettings.builder().build()).loadFromString(yaml);
        Map<String, Object> overlay = new LinkedHashMap<>();
        if (root instanceof Map<?, ?> config) {
            for (String section : new String[] {"receivers", "extensions"}) {
                Object components = config.get(section);
                if (components instanceof Map<?, ?> map) {
                    Map<String, Object> out = endpoints(map);
                    if (!out.isEmpty()) {
                        overlay.put(section, out);
                    }
                }
            }
        }
        return overlay.isEmpty() ? "{}\n" : new Dump(DumpSettings.builder().build()).dumpToString(overlay);
    }

    /** The same nesting as {@code node}, keeping only endpoint keys, each moved to port 0. */
    private static Map<String, Object> endpoints(Map<?, ?> node) {
        Map<String, Object> out = new LinkedHashMap<>();
        for (Map.Entry<?, ?> e : node.entrySet()) {
            String key = String.valueOf(e.getKey());
            if (key.equals("endpoint") && e.getValue() instanceof String endpoint) {
                out.put(key, endpoint.substring(0, endpoint.lastIndexOf(':')) + ":0");
            } else if (e.getValue() instanceof Map<?, ?> child) {
                Map<String, Object> nested = endpoints(child);
                if (!nested.isEmpty()) {
                    out.put(key, nested);
                }
            }
        }
        return out;
    }
}
