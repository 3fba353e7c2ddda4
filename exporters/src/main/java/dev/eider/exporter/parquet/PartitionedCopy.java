package dev.eider.exporter.parquet;

import dev.eider.exporter.duckdb.ArrowStreamView;
import dev.eider.runtime.table.Column;
import dev.eider.runtime.table.Table;
import dev.eider.runtime.table.TableBatch;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.stream.Stream;
import org.apache.arrow.memory.BufferAllocator;
import org.duckdb.DuckDBConnection;

/**
 * Writes one table's rows of a seal with a single {@code COPY ... TO} into hive partitions
 * {@code year=YYYY/month=MM/day=DD} of the row's main timestamp (UTC). The batches reach DuckDB as
 * one registered Arrow stream, scanned in place.
 *
 * <p>A row without a timestamp goes to {@code year=1970/month=01/day=01}: a fixed partition keeps
 * a retried write landing on the same file, which the seal time would not.
 */
final class PartitionedCopy {
    static final String NULL_YEAR = "1970";
    static final String NULL_MONTH_OR_DAY = "01";
    private static final String STREAM_VIEW = "eider_parquet_seal";

    private final DuckDBConnection connection;
    private final BufferAllocator allocator;
    private final String root;
    private final boolean local;

    /** {@code root} is the exporter's path without a trailing slash; {@code local} when it is a local directory. */
    PartitionedCopy(DuckDBConnection connection, BufferAllocator allocator, String root, boolean local) {
        this.connection = connection;
        this.allocator = allocator;
        this.root = root;
        this.local = local;
    }

    /**
     * Writes {@code batches} as {@code <root>/<table>/year=../month=../day=../<fileStem>_<i>.parquet},
     * replacing files of that name. Throws when DuckDB fails or wrote another row count; in a
     * local directory the files the failed write left (DuckDB leaves them truncated, which breaks
     * every reader of the table) are deleted first.
     */
    void write(Table table, List<TableBatch> batches, String fileStem) throws SQLException {
        try {
            copy(table, batches, fileStem);
        } catch (SQLException | RuntimeException e) {
            if (local) {
                deleteFiles(table, fileStem, e);
            }
            throw e;
        }
    }

    private void copy(Table table, List<TableBatch> batches, String fileStem) throws SQLException {
        long expectedRows = ArrowStreamView.rowCount(batches);
        ArrowStreamView.read(connection, allocator, STREAM_VIEW, table, batches, (view, schema) -> {
            long written;
            try (Statement statement = connection.createStatement()) {
                written = statement.executeUpdate(copySql(table, view, fileStem));
            }
            if (written != expectedRows) {
                throw new SQLException("wrote " + written + " rows of " + table.tableName()
                        + " but the seal holds " + expectedRows);
            }
            return written;
        });
    }

    /** The directory a table's files go under. */
    static String tableDirectory(String root, Table table) {
        return root + "/" + table.tableName();
    }

    /** The table's main timestamp: the one a row is partitioned by. */
    static String timestampColumn(Table table) {
        return table.columns().stream().map(Column::name).anyMatch("time_unix_nano"::equals)
                ? "time_unix_nano"
                : "start_time_unix_nano";
    }

    private String copySql(Table table, String view, String fileStem) {
        String ts = Table.quote(timestampColumn(table));
        return "COPY (SELECT *,"
                + " coalesce(strftime(" + ts + ", '%Y'), '" + NULL_YEAR + "') AS year,"
                + " coalesce(strftime(" + ts + ", '%m'), '" + NULL_MONTH_OR_DAY + "') AS month,"
                + " coalesce(strftime(" + ts + ", '%d'), '" + NULL_MONTH_OR_DAY + "') AS day"
                + " FROM " + view + ")"
                + " TO " + Sql.string(tableDirectory(root, table))
                + " (FORMAT parquet, PARTITION_BY (year, month, day),"
                + " FILENAME_PATTERN " + Sql.string(fileStem + "_{i}") + ", OVERWRITE_OR_IGNORE true)";
    }

    private void deleteFiles(Table table, String fileStem, Exception failure) {
        Path tableDir = Path.of(tableDirectory(root, table));
        if (!Files.isDirectory(tableDir)) {
            return;
        }
        String prefix = fileStem + "_";
        try (Stream<Path> files = Files.walk(tableDir)) {
            for (Path file : (Iterable<Path>) files::iterator) {
                String name = file.getFileName().toString();
                if (name.startsWith(prefix) && name.endsWith(".parquet") && Files.isRegularFile(file)) {
                    Files.delete(file);
                }
            }
        } catch (IOException | UncheckedIOException e) {
            failure.addSuppressed(e);
        }
    }
}
