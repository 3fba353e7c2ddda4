package dev.eider.exporter.iceberg;

import jakarta.servlet.DispatcherType;
import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import org.apache.iceberg.CatalogProperties;
import org.apache.iceberg.CatalogUtil;
import org.apache.iceberg.catalog.Catalog;
import org.apache.iceberg.jdbc.JdbcCatalog;
import org.apache.iceberg.rest.RESTCatalogAdapter;
import org.apache.iceberg.rest.RESTCatalogServlet;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.servlet.FilterHolder;
import org.eclipse.jetty.servlet.ServletContextHandler;
import org.eclipse.jetty.servlet.ServletHolder;
import org.eclipse.jetty.util.ssl.SslContextFactory;

/**
 * Apache Iceberg's REST catalog, served in-process on a loopback port: Iceberg's own
 * {@link RESTCatalogServlet} and {@link RESTCatalogAdapter} (what its RESTCatalogServer runs) over
 * a {@link JdbcCatalog} on an SQLite file, with a local-filesystem warehouse. When
 * {@code requiredToken} is set, every catalog request except the OAuth2 token exchange must carry
 * {@code Authorization: Bearer <token>}, so auth settings are checked by a real server.
 */
final class RestCatalogFixture implements AutoCloseable {
    private final Catalog catalog;
    private final Server server;
    private final Path warehouse;
    private final String scheme;
    private final List<Request> requests = new CopyOnWriteArrayList<>();

    /** A request the server received: method, path and Authorization header ("" when absent). */
    record Request(String method, String path, String authorization) {}

    RestCatalogFixture(Path dir, Optional<String> requiredToken) throws Exception {
        this(dir, requiredToken, false);
    }

    /**
     * With {@code tls}, the server speaks HTTPS only, with a self-signed certificate made by the
     * JDK's keytool (DuckDB does not verify server certificates unless told to).
     */
    RestCatalogFixture(Path dir, Optional<String> requiredToken, boolean tls) throws Exception {
        this.warehouse = java.nio.file.Files.createDirectories(dir.resolve("warehouse"));
        Map<String, String> properties = Map.of(
                CatalogProperties.CATALOG_IMPL, JdbcCatalog.class.getName(),
                CatalogProperties.URI, "jdbc:sqlite:" + dir.resolve("catalog.sqlite"),
                CatalogProperties.WAREHOUSE_LOCATION, warehouse.toString(),
                CatalogProperties.FILE_IO_IMPL, LocalFileIO.class.getName(),
                "jdbc.schema-version", "V1");
        this.catalog = CatalogUtil.buildIcebergCatalog("rest_backend", properties, null);

        ServletContextHandler context = new ServletContextHandler(ServletContextHandler.NO_SESSIONS);
        context.addFilter(new FilterHolder(new AuthCheck(requiredToken)), "/*", EnumSet.of(DispatcherType.REQUEST));
        context.addServlet(new ServletHolder(new RESTCatalogServlet(new RESTCatalogAdapter(catalog))), "/*");
        if (tls) {
            server = new Server();
            ServerConnector connector = new ServerConnector(server, selfSigned(dir));
            connector.setHost("127.0.0.1");
            connector.setPort(0);
            server.addConnector(connector);
        } else {
            server = new Server(new InetSocketAddress("127.0.0.1", 0));
        }
        this.scheme = tls ? "https" : "http";
        server.setHandler(context);
        server.start();
    }

    /** The catalog's REST endpoint, {@code http(s)://127.0.0.1:<port>}. */
    String endpoint() {
        return scheme + "://127.0.0.1:" + ((ServerConnector) server.getConnectors()[0]).getLocalPort();
    }

    Path warehouse() {
        return warehouse;
    }

    /** The catalog behind the server, for checks through Iceberg's Java API. */
    Catalog catalog() {
        return catalog;
    }

    /** Every request received so far, in order. */
    List<Request> requests() {
        return requests;
    }

    private static SslContextFactory.Server selfSigned(Path dir) throws Exception {
        Path keystore = dir.resolve("fixture.p12");
        String keytool = Path.of(System.getProperty("java.home"), "bin", "keytool").toString();
        Process process = new ProcessBuilder(keytool, "-genkeypair", "-alias", "fixture", "-keyalg", "RSA",
                "-keysize", "2048", "-validity", "2", "-dname", "CN=127.0.0.1", "-ext", "SAN=IP:127.0.0.1",
                "-storetype", "PKCS12", "-keystore", keystore.toString(), "-storepass", "fixture-pass",
                "-keypass", "fixture-pass").redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        if (process.waitFor() != 0) {
            throw new IllegalStateException("keytool failed: " + output);
        }
        SslContextFactory.Server ssl = new SslContextFactory.Server();
        ssl.setKeyStorePath(keystore.toString());
        ssl.setKeyStorePassword("fixture-pass");
        ssl.setKeyStoreType("PKCS12");
        return ssl;
    }

    @Override
    public void close() throws Exception {
        try {
            server.stop();
        } finally {
            ((AutoCloseable) catalog).close();
        }
    }

    private final class AuthCheck implements Filter {
        private final Optional<String> requiredToken;

        AuthCheck(Optional<String> requiredToken) {
            this.requiredToken = requiredToken;
        }

        @Override
        public void doFilter(ServletRequest request, ServletResponse response, FilterChain chain)
                throws IOException, ServletException {
            HttpServletRequest http = (HttpServletRequest) request;
            String authorization = Optional.ofNullable(http.getHeader("Authorization")).orElse("");
            requests.add(new Request(http.getMethod(), http.getRequestURI(), authorization));
            if (http.getRequestURI().endsWith("/oauth/tokens")) {
                chain.doFilter(request, response);
                return;
            }
            if (requiredToken.isPresent() && !authorization.equals("Bearer " + requiredToken.get())) {
                ((HttpServletResponse) response).sendError(401, "not authorized");
                return;
            }
            chain.doFilter(request, response);
        }
    }
}
