package dev.eider.runtime.tls;

import java.util.List;

/** The lowest TLS version a listener accepts ({@code min_version}); older ones are refused in the handshake. */
public enum TlsVersion {
    TLS_1_2("1.2", List.of("TLSv1.3", "TLSv1.2")),
    TLS_1_3("1.3", List.of("TLSv1.3"));

    private final String configName;
    private final List<String> protocols;

    TlsVersion(String configName, List<String> protocols) {
        this.configName = configName;
        this.protocols = protocols;
    }

    /** As written in the config: {@code 1.2} or {@code 1.3}. */
    public String configName() {
        return configName;
    }

    /** The JSSE protocol names enabled on the listener, newest first. */
    public List<String> protocols() {
        return protocols;
    }

    /** The version named {@code text} in the config, or null when there is none. */
    static TlsVersion fromConfig(String text) {
        for (TlsVersion version : values()) {
            if (version.configName.equals(text.trim())) {
                return version;
            }
        }
        return null;
    }
}
