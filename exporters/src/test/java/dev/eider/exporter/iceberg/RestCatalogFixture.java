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
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import org.apache.iceberg.CatalogProperties;
import org.apache.iceberg.catalog.Catalog;
import org.apache.iceberg.jdbc.JdbcCatalog;
import org.apache.iceberg.jdbc.JdbcClientPool;
import org.apache.iceberg.rest.HTTPRequest;
import org.apache.iceberg.rest.RESTCatalogAdapter;
import org.apache.iceberg.rest.RESTCatalogServlet;
import org.apache.iceberg.rest.RESTResponse;
import org.apache.iceberg.rest.requests.CommitTransactionRequest;
import org.apache.iceberg.rest.requests.UpdateTableRequest;
import org.apache.iceberg.rest.responses.ErrorResponse;
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
 * {@code Authorization: Bearer <token>}, so auth settings are checked by a real server. The
 * exporters' test jar carries it to distribution's ConfigExamplesIT, whose collector process
 * reaches it over loopback and shares its warehouse directory.
 */
public final class RestCatalogFixture implements AutoCloseable {
    private final Catalog catalog;
    private final Server server;
    private final Path warehouse;
    private final String scheme;
    private final List<Request> requests = new CopyOnWriteArrayList<>();
    private final List<CommitTransactionRequest> commits = new CopyOnWriteArrayList<>();
    private final LocalFileIO fileIo = new LocalFileIO();
    private final AtomicBoolean failLastTableOfNextCommit = new AtomicBoolean();
    private final AtomicBoolean loseAnswerOfNextCommit = new AtomicBoolean();

    /** A request the server received: method, path and Authorization header ("" when absent). */
    record Request(String method, String path, String authorization) {}

    public RestCatalogFixture(Path dir, Optional<String> requiredToken) throws Exception {
        this(dir, requiredToken, false);
    }

    /**
     * With {@code tls}, the server speaks HTTPS only, with a self-signed certificate made by the
     * JDK's keytool (DuckDB does not verify server certificates unless told to).
     */
    RestCatalogFixture(Path dir, Optional<String> requiredToken, boolean tls) throws Exception {
        this.warehouse = java.nio.file.Files.createDirectories(dir.resolve("warehouse"));
        Map<String, String> properties = Map.of(
                CatalogProperties.URI, "jdbc:sqlite:" + dir.resolve("catalog.sqlite"),
                CatalogProperties.WAREHOUSE_LOCATION, warehouse.toString(),
                "jdbc.schema-version", "V1");
        JdbcCatalog jdbc = new JdbcCatalog(options -> fileIo, options -> new JdbcClientPool(
                properties.get(CatalogProperties.URI), options), true);
        jdbc.initialize("rest_backend", properties);
        this.catalog = jdbc;

        ServletContextHandler context = new ServletContextHandler(ServletContextHandler.NO_SESSIONS);
        context.addFilter(new FilterHolder(new AuthCheck(requiredToken)), "/*", EnumSet.of(DispatcherType.REQUEST));
        context.addServlet(new ServletHolder(new RESTCatalogServlet(new RecordingAdapter(catalog))), "/*");
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
    public String endpoint() {
        return scheme + "://127.0.0.1:" + ((ServerConnector) server.getConnectors()[0]).getLocalPort();
    }

    public Path warehouse() {
        return warehouse;
    }

    /** The catalog behind the server, for checks through Iceberg's Java API. */
    Catalog catalog() {
        return catalog;
    }

    /** The bodies of the multi-table commits ({@code POST .../transactions/commit}) received so far, in order. */
    List<CommitTransactionRequest> commits() {
        return commits;
    }

    /**
     * From now on, the catalog fails to write new metadata of {@code tableName} (empty: of no
     * table), so a commit touching it fails at the catalog, after the validation of every table.
     */
    void failMetadataWritesOf(Optional<String> tableName) {
        fileIo.failMetadataWritesOf(tableName);
    }

    /**
     * Makes the next multi-table commit fail on its last table: Iceberg's adapter validates every
     * table, then commits them one by one, so the tables before it stay committed.
     */
    void failLastTableOfNextCommit() {
        failLastTableOfNextCommit.set(true);
    }

    /** Makes the next multi-table commit apply in full, then answer with a server error. */
    void loseAnswerOfNextCommit() {
        loseAnswerOfNextCommit.set(true);
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

    /** Iceberg's adapter, keeping each multi-table commit's body. */
    private final class RecordingAdapter extends RESTCatalogAdapter {
        RecordingAdapter(Catalog catalog) {
            super(catalog);
        }

        @Override
        protected <T extends RESTResponse> T execute(HTTPRequest request, Class<T> responseType,
                Consumer<ErrorResponse> errorHandler, Consumer<Map<String, String>> responseHeaders) {
            if (!(request.body() instanceof CommitTransactionRequest commit)) {
                return super.execute(request, responseType, errorHandler, responseHeaders);
            }
            commits.add(commit);
            if (loseAnswerOfNextCommit.compareAndSet(true, false)) {
                super.execute(request, responseType, errorHandler, responseHeaders);
                throw new IllegalStateException("injected: the commit was applied, its answer is lost");
            }
            if (!failLastTableOfNextCommit.compareAndSet(true, false)) {
                return super.execute(request, responseType, errorHandler, responseHeaders);
            }
            List<UpdateTableRequest> tables = commit.tableChanges();
            fileIo.failMetadataWritesOf(Optional.of(tables.get(tables.size() - 1).identifier().name()));
            try {
                return super.execute(request, responseType, errorHandler, responseHeaders);
            } finally {
                fileIo.failMetadataWritesOf(Optional.empty());
            }
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
