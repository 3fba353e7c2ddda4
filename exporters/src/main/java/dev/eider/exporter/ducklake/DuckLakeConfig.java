package dev.eider.exporter.ducklake;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The {@code ducklake} exporter's settings.
 *
 * @param metadata the catalog as DuckLake's {@code ATTACH 'ducklake:<metadata>'} takes it: a DuckDB
 *     file path, {@code sqlite:<file>} or {@code postgres:<connection string>}
 * @param dataPath where the Parquet files go (local directory or object storage URL); when absent,
 *     the path the catalog already records (or, for a new DuckDB-file catalog, DuckLake's default)
 * @param schema the schema the six tables live in
 * @param createTables create the schema and missing tables at start (then validate them all)
 * @param targetFileSize the catalog's {@code target_file_size}: the size writes and compaction aim for
 * @param maintenanceRetention how long expired snapshots and unused files are kept
 *     ({@code expire_older_than} and {@code delete_older_than})
 * @param extensionDirectory where DuckDB installs and loads extensions from, if not its default
 * @param writerId names this collector among several writing one shared catalog: it keys the
 *     exactly-once seal positions, which belong to one process's write-ahead log
 * @param maintenance whether this exporter runs catalog maintenance after seals
 */
public record DuckLakeConfig(
        String metadata,
        Optional<String> dataPath,
        String schema,
        boolean createTables,
        long targetFileSize,
        Duration maintenanceRetention,
        Optional<String> extensionDirectory,
        Optional<String> writerId,
        boolean maintenance) {
    private static final Pattern PASSWORD = Pattern.compile("(?i)(password\\s*=\\s*)('[^']*'|\\S+)");
    public static final long DEFAULT_TARGET_FILE_SIZE = 256L << 20;
    public static final Duration DEFAULT_MAINTENANCE_RETENTION = Duration.ofMinutes(15);
    /**
     * Maintenance deletes data files the catalog does not list once they are older than the
     * retention; on a shared catalog that includes the files of another writer's seal still in
     * flight, so the retention must outlast any seal by far.
     */
    public static final Duration MIN_SHARED_MAINTENANCE_RETENTION = Duration.ofMinutes(1);

    /** The settings of a catalog's only writer, with maintenance. */
    public DuckLakeConfig(String metadata, Optional<String> dataPath, String schema, boolean createTables,
            long targetFileSize, Duration maintenanceRetention, Optional<String> extensionDirectory) {
        this(metadata, dataPath, schema, createTables, targetFileSize, maintenanceRetention, extensionDirectory,
                Optional.empty(), true);
    }

    public DuckLakeConfig {
        Objects.requireNonNull(metadata, "metadata");
        Objects.requireNonNull(dataPath, "dataPath");
        Objects.requireNonNull(schema, "schema");
        Objects.requireNonNull(maintenanceRetention, "maintenanceRetention");
        Objects.requireNonNull(extensionDirectory, "extensionDirectory");
        Objects.requireNonNull(writerId, "writerId");
    }

    /** {@link #metadata} for logs and messages: a password in a connection string is masked. */
    String metadataForDisplay() {
        return PASSWORD.matcher(metadata).replaceAll("$1***");
    }

    /** Whether other processes can write the catalog at the same time (a catalog database server or file). */
    boolean sharedCatalog() {
        return metadataExtension().isPresent();
    }

    /** The DuckDB extension the catalog database needs besides ducklake, if any. */
    Optional<String> metadataExtension() {
        if (metadata.startsWith("sqlite:")) {
            return Optional.of("sqlite");
        }
        if (metadata.startsWith("postgres:")) {
            return Optional.of("postgres");
        }
        return Optional.empty();
    }
}
