package dev.eider.exporter.parquet;

import dev.eider.runtime.component.ComponentId;
import dev.eider.runtime.component.Host;
import dev.eider.runtime.component.PositionTrackingExporter;
import dev.eider.runtime.component.QueryTarget;
import dev.eider.runtime.seal.Seal;
import dev.eider.runtime.seal.SealTiming;
import dev.eider.runtime.seal.WalRange;
import dev.eider.runtime.table.Table;
import dev.eider.runtime.table.TableBatch;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Properties;
import java.util.concurrent.ThreadLocalRandom;
import org.apache.arrow.memory.BufferAllocator;
import org.duckdb.DuckDBConnection;
import org.duckdb.DuckDBDriver;

/**
 * Seals rows into Parquet files, one file per table and partition day per seal, under
 * {@code <path>/<table>/year=YYYY/month=MM/day=DD/}. The files are the data: no table is kept.
 * DuckDB (an in-memory connection owned by the exporter) writes them.
 *
 * <p>There is no transaction: a seal that fails after some tables were written leaves those
 * files in place, and its retry writes only the other tables (see {@link PendingSeal}).
 *
 * <p>File names depend on whether the pipeline keeps a write-ahead log. With one, they are
 * {@code <pipeline>-wal-<from>-<to>_<i>.parquet}, after the seal's log range ({@link WalLog}):
 * the same range always yields the same names, so re-sealing a range after a crash overwrites
 * its files instead of adding copies. Without one, they are {@code <run>-<pipeline>-<sequence>_<i>.parquet}:
 * the run id (start time and a random suffix) keeps a restarted collector, whose sequences begin
 * again at 1, from overwriting the previous run's files.
 */
public final class ParquetExporter implements PositionTrackingExporter, QueryTarget {
    private static final System.Logger LOG = System.getLogger(ParquetExporter.class.getName());
    private static final DateTimeFormatter RUN_TIME =
            DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'").withZone(ZoneOffset.UTC);

    /** A prefix under the root that holds no table: listed at start to check the store answers. */
    private static final String PROBE_PREFIX = "_eider_probe";

    private final ComponentId id;
    private final BufferAllocator allocator;
    private final ParquetConfig config;
    private final String root;
    // Only the writer thread touches it (one seal at a time); keyed by pipeline id.
    private final Map<String, PendingSeal> pending = new HashMap<>();
    // Set by start, cleared by shutdown; read by the writer thread, which is not the starting thread.
    private volatile DuckDBConnection connection;
    private volatile PartitionedCopy copy;
    private volatile String runId;

    /** {@code allocator} must share its root with the allocator of the batches this exporter seals. */
    public ParquetExporter(ComponentId id, BufferAllocator allocator, ParquetConfig config) {
        this.id = id;
        this.allocator = allocator;
        this.config = config;
        this.root = config.remote()
                ? ParquetViews.stripTrailingSlash(config.path())
                : Path.of(config.path()).toAbsolutePath().normalize().toString();
    }

    @Override
    public void start(Host host) throws Exception {
        if (connection != null) {
            throw new IllegalStateException(id + " is already started");
        }
        if (!config.remote()) {
            createRoot();
        }
        DuckDBConnection opened = (DuckDBConnection) new DuckDBDriver().connect("jdbc:duckdb:", new Properties());
        try {
            prepare(opened);
            if (config.s3().isPresent()) {
                checkReachable(opened);
            }
        } catch (Exception | Error e) {
            closeQuietly(opened, e);
            throw e;
        }
        runId = RUN_TIME.format(Instant.now()) + "-" + HexFormat.of().toHexDigits(ThreadLocalRandom.current().nextInt());
        copy = new PartitionedCopy(opened, allocator, root, !config.remote());
        connection = opened;
        LOG.log(System.Logger.Level.INFO, "{0}: writing Parquet files under {1} (run {2})", id, root, runId);
    }

    @Override
    public SealTiming seal(Seal seal) throws Exception {
        PartitionedCopy writer = copy;
        if (writer == null) {
            throw new IllegalStateException(id + " is not started or already shut down");
        }
        PendingSeal progress = pending.get(seal.pipelineId());
        if (progress == null || !progress.continuedBy(seal)) {
            progress = new PendingSeal();
            pending.put(seal.pipelineId(), progress);
        }
        for (Table table : Table.values()) {
            List<TableBatch> rest = progress.unwritten(seal, table);
            if (rest.stream().anyMatch(b -> b.rowCount() > 0)) {
                writer.write(table, rest, fileStem(seal, table, progress));
            }
            progress.markWritten(table, rest);
        }
        pending.remove(seal.pipelineId());
        return SealTiming.NONE;
    }

    /** Views over this exporter's files, for a query connection. */
    public ParquetViews views() {
        return new ParquetViews(root);
    }

    /**
     * A fresh in-memory DuckDB whose six tables are views over this exporter's files, so
     * concurrent queries never share (or race on) their views. Local and {@code s3://} paths.
     */
    @Override
    public Connection openQueryConnection() throws SQLException {
        if (connection == null) {
            throw new SQLException("the exporter is not started or already shut down");
        }
        if (!queryable()) {
            throw new SQLException("queries read Parquet files under a local or s3:// path only, not " + root);
        }
        Connection query = new DuckDBDriver().connect("jdbc:duckdb:", new Properties());
        try {
            prepare(query);
            views().createViews(query);
        } catch (SQLException | RuntimeException e) {
            query.close();
            throw e;
        }
        return query;
    }

    @Override
    public List<String> queryFileRoots() {
        return queryable() ? List.of(root) : List.of();
    }

    private boolean queryable() {
        return !config.remote() || config.s3().isPresent();
    }

    @Override
    public void shutdown() throws SQLException {
        DuckDBConnection open = connection;
        connection = null;
        copy = null;
        if (open != null) {
            open.close();
        }
    }

    /**
     * The start of the last log range of {@code pipelineId} with files here: every range before it
     * was written whole (a seal starts only once the one before succeeded); that one may not be.
     */
    @Override
    public OptionalLong committedWalPosition(String pipelineId) throws SQLException {
        return lastRange(pipelineId).map(r -> OptionalLong.of(r.from())).orElse(OptionalLong.empty());
    }

    /** The end of the last log range with files here: replay re-seals it, overwriting its files. */
    @Override
    public OptionalLong unfinishedSealEnd(String pipelineId) throws SQLException {
        return lastRange(pipelineId).map(r -> OptionalLong.of(r.to())).orElse(OptionalLong.empty());
    }

    private Optional<WalRange> lastRange(String pipelineId) throws SQLException {
        DuckDBConnection current = connection;
        if (current == null) {
            throw new IllegalStateException(id + " is not started or already shut down");
        }
        return new WalLog(root, fileName(pipelineId)).lastRange(current);
    }

    /** The name (before {@code _<i>.parquet}) of the files of one table of a pipeline's seal. */
    private String fileStem(Seal seal, Table table, PendingSeal progress) {
        String pipeline = fileName(seal.pipelineId());
        return seal.walRange() != null ? WalLog.fileStem(pipeline, seal.walRange())
                : runId + "-" + pipeline + "-" + progress.fileSequence(table, seal);
    }

    private static String fileName(String pipelineId) {
        return pipelineId.replace('/', '.').replaceAll("[^A-Za-z0-9_.-]", "_");
    }

    private void createRoot() throws IOException {
        Path dir = Path.of(root);
        if (Files.exists(dir) && !Files.isDirectory(dir)) {
            throw new IOException("path " + root + " exists and is not a directory");
        }
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new IOException("cannot create the Parquet directory " + root + ": " + e.getMessage(), e);
        }
    }

    /** Readies a connection of this exporter's: its extension directory, and access to the S3 store. */
    private void prepare(Connection opened) throws SQLException {
        if (config.extensionDirectory().isPresent()) {
            try (Statement statement = opened.createStatement()) {
                statement.execute("SET extension_directory = " + Sql.string(config.extensionDirectory().get()));
            }
        }
        if (config.s3().isPresent()) {
            S3Access.grant(opened, config.s3().get(), root);
        }
    }

    /**
     * Lists one small prefix, so wrong credentials, a missing bucket or an unreachable endpoint
     * stop the start with DuckDB's answer instead of failing every seal.
     */
    private void checkReachable(Connection opened) throws SQLException {
        String probe = root + "/" + PROBE_PREFIX + "/*";
        try (Statement statement = opened.createStatement();
                ResultSet files = statement.executeQuery("SELECT count(*) FROM glob(" + Sql.string(probe) + ")")) {
            files.next();
        } catch (SQLException e) {
            throw new SQLException("cannot list " + root + " (check the bucket, s3 settings and credentials): "
                    + e.getMessage(), e);
        }
    }

    private static void closeQuietly(DuckDBConnection opened, Throwable failure) {
        try {
            opened.close();
        } catch (SQLException e) {
            failure.addSuppressed(e);
        }
    }
}
