package dev.eider.exporter.iceberg;

import static dev.eider.exporter.duckdb.DuckDbWriter.sqlString;

import dev.eider.exporter.duckdb.DuckDbWriter;
import dev.eider.exporter.duckdb.TableLocation;
import dev.eider.runtime.component.ComponentId;
import dev.eider.runtime.component.Host;
import dev.eider.runtime.component.PositionTrackingExporter;
import dev.eider.runtime.seal.Seal;
import dev.eider.runtime.seal.SealTiming;
import dev.eider.runtime.table.Table;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;
import org.apache.arrow.memory.BufferAllocator;

/**
 * Seals rows into Iceberg tables of a REST catalog through DuckDB's iceberg extension. An
 * in-memory DuckDB connection attaches the catalog; each seal is one DuckDB transaction with one
 * {@code INSERT} per table, which DuckDB commits to the catalog in one request (the REST
 * {@code transactions/commit} endpoint). Whether the catalog applies the tables of that request
 * together is up to the catalog, so a pipeline with a write-ahead log gets exactly-once per
 * table: see {@link TablePositions}.
 */
public final class IcebergExporter implements PositionTrackingExporter {
    /** The alias the catalog is attached under; the connection is private to this exporter. */
    static final String CATALOG = "eider_iceberg";
    /** The temporary secret holding the catalog credentials. */
    private static final String SECRET = "eider_iceberg_auth";

    private static final System.Logger LOG = System.getLogger(IcebergExporter.class.getName());

    private final ComponentId id;
    private final BufferAllocator allocator;
    private final IcebergConfig config;
    // Set by start, cleared by shutdown; read by the writer thread, which is not the starting thread.
    private volatile DuckDbWriter writer;
    private volatile TablePositions positions;

    /** {@code allocator} must share its root with the allocator of the batches this exporter seals. */
    public IcebergExporter(ComponentId id, BufferAllocator allocator, IcebergConfig config) {
        this.id = id;
        this.allocator = allocator;
        this.config = config;
    }

    @Override
    public void start(Host host) throws Exception {
        if (writer != null) {
            throw new IllegalStateException(id + " is already started");
        }
        String label = "Iceberg REST catalog " + config.endpoint() + " (warehouse " + config.warehouse() + ")";
        TableLocation location = TableLocation.inCatalog(CATALOG, config.namespace());
        DuckDbWriter opened = DuckDbWriter.open("", location, label, allocator);
        TablePositions tracked = new TablePositions(location);
        try {
            attach(opened);
            // Iceberg tables cannot take promoted columns (DuckDB 1.4.4 refuses targeted inserts),
            // so promoted attributes stay in the JSON columns only
            opened.prepareTables(config.createTables(), List.of());
            rejectExtraColumns(opened);
            opened.keepSealBookkeeping(tracked);
        } catch (Exception | Error e) {
            try {
                opened.close();
            } catch (SQLException closeFailure) {
                e.addSuppressed(closeFailure);
            }
            throw e;
        }
        positions = tracked;
        writer = opened;
        LOG.log(System.Logger.Level.INFO, "{0}: writing to {1}, namespace {2}, auth {3}", id, label,
                config.namespace(), config.auth().type());
    }

    @Override
    public SealTiming seal(Seal seal) throws Exception {
        DuckDbWriter current = writer;
        if (current == null) {
            throw new IllegalStateException(id + " is not started or already shut down");
        }
        return current.seal(seal);
    }

    @Override
    public OptionalLong committedWalPosition(String pipelineId) throws SQLException {
        return summary(pipelineId).committed();
    }

    @Override
    public OptionalLong unfinishedSealEnd(String pipelineId) throws SQLException {
        return summary(pipelineId).unfinishedSealEnd();
    }

    private TablePositions.Summary summary(String pipelineId) throws SQLException {
        DuckDbWriter current = writer;
        if (current == null) {
            throw new IllegalStateException(id + " is not started or already shut down");
        }
        return current.readInTransaction(connection -> positions.summarize(connection, pipelineId));
    }

    @Override
    public void shutdown() throws SQLException {
        DuckDbWriter open = writer;
        writer = null;
        if (open != null) {
            open.close();
        }
    }

    private void attach(DuckDbWriter opened) throws SQLException {
        if (config.extensionDirectory().isPresent()) {
            opened.useExtensionDirectory(config.extensionDirectory().get());
        }
        // httpfs carries the REST requests and object-storage I/O; avro reads Iceberg manifests.
        opened.loadExtension("httpfs");
        opened.loadExtension("avro");
        opened.loadExtension("iceberg");
        List<String> options = new ArrayList<>();
        options.add("TYPE iceberg");
        IcebergAuth auth = config.auth();
        // With SigV4, DuckDB puts "https://" in front of the endpoint itself.
        String endpoint = auth instanceof IcebergAuth.SigV4 ? config.endpoint().substring("https://".length())
                : config.endpoint();
        options.add("ENDPOINT " + sqlString(endpoint));
        if (auth instanceof IcebergAuth.None) {
            options.add("AUTHORIZATION_TYPE 'none'");
        } else {
            opened.execute(createSecretSql(auth, config.endpoint()));
            if (auth instanceof IcebergAuth.SigV4) {
                options.add("AUTHORIZATION_TYPE 'sigv4'");
            }
            options.add("SECRET " + SECRET);
        }
        try {
            opened.execute("ATTACH " + sqlString(config.warehouse()) + " AS " + Table.quote(CATALOG) + " ("
                    + String.join(", ", options) + ")");
        } catch (SQLException e) {
            throw new SQLException("cannot attach Iceberg REST catalog " + config.endpoint() + " (warehouse "
                    + config.warehouse() + ", auth " + auth.type() + "): " + e.getMessage(), e);
        }
    }

    /**
     * DuckDB 1.4.4 inserts into Iceberg tables only with every column in table order ("targeted
     * inserts" are not implemented), so the extra trailing columns other DuckDB-family targets
     * accept would make every seal fail: refuse them at start instead.
     */
    private static void rejectExtraColumns(DuckDbWriter opened) throws SQLException {
        for (Table table : Table.values()) {
            List<String> extra = new ArrayList<>();
            try (Connection reader = opened.duplicateConnection(); Statement statement = reader.createStatement();
                    ResultSet columns = statement.executeQuery("DESCRIBE " + opened.location().qualified(table))) {
                int position = 0;
                while (columns.next()) {
                    if (++position > table.columns().size()) {
                        extra.add(columns.getString("column_name"));
                    }
                }
            }
            if (!extra.isEmpty()) {
                throw new IllegalStateException("table " + opened.location().schema() + "." + table.tableName()
                        + " in " + opened.label() + " has columns beyond shared/spec/tables.md " + extra
                        + ", which DuckDB cannot insert into for Iceberg tables; drop them or use another table");
            }
        }
    }

    /** The {@code CREATE SECRET} for credentialed auth: in memory, in this exporter's private database only. */
    private static String createSecretSql(IcebergAuth auth, String endpoint) {
        List<String> fields = new ArrayList<>();
        if (auth instanceof IcebergAuth.OAuth2 oauth) {
            fields.add("TYPE iceberg");
            fields.add("CLIENT_ID " + sqlString(oauth.clientId()));
            fields.add("CLIENT_SECRET " + sqlString(oauth.clientSecret()));
            // The REST spec's default token endpoint, stated rather than left to DuckDB's default.
            fields.add("OAUTH2_SERVER_URI " + sqlString(oauth.tokenUri().orElse(endpoint + "/v1/oauth/tokens")));
            oauth.scope().ifPresent(scope -> fields.add("OAUTH2_SCOPE " + sqlString(scope)));
        } else if (auth instanceof IcebergAuth.Bearer bearer) {
            fields.add("TYPE iceberg");
            fields.add("TOKEN " + sqlString(bearer.token()));
        } else if (auth instanceof IcebergAuth.SigV4 sigv4) {
            fields.add("TYPE s3");
            fields.add("KEY_ID " + sqlString(sigv4.keyId()));
            fields.add("SECRET " + sqlString(sigv4.secret()));
            fields.add("REGION " + sqlString(sigv4.region()));
            sigv4.sessionToken().ifPresent(token -> fields.add("SESSION_TOKEN " + sqlString(token)));
        } else {
            throw new IllegalArgumentException("auth " + auth.type() + " takes no secret");
        }
        return "CREATE TEMPORARY SECRET " + SECRET + " (" + String.join(", ", fields) + ")";
    }
}
