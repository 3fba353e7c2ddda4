package dev.eider.exporter.iceberg;

import dev.eider.exporter.duckdb.DuckDbWriter;
import dev.eider.exporter.duckdb.TableLocation;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Properties;
import org.duckdb.DuckDBConnection;
import org.duckdb.DuckDBDriver;

/**
 * The in-memory DuckDB that queries of an iceberg exporter run in, apart from the writer's: it
 * attaches the exporter's catalog read-only, with the exporter's settings and credentials, and
 * holds nothing else (no views, no macros; query statements cannot create any). Opened by the
 * first query, since loading the extensions into a database takes seconds; each query then gets
 * its own connection to it and reads the snapshots the catalog has committed when it starts.
 */
final class IcebergQueryDatabase implements AutoCloseable {
    private final IcebergConfig config;
    private final IcebergCatalogAttachment catalog;
    private final TableLocation location;
    private DuckDBConnection database;
    private boolean closed;

    IcebergQueryDatabase(IcebergConfig config, IcebergCatalogAttachment catalog, TableLocation location) {
        this.config = config;
        this.catalog = catalog;
        this.location = location;
    }

    /** A new connection whose unqualified table names resolve to the exporter's namespace. */
    synchronized Connection connect() throws SQLException {
        if (closed) {
            throw new SQLException("the exporter is shut down");
        }
        if (database == null) {
            database = open();
        }
        Connection query = database.duplicate();
        try (Statement statement = query.createStatement()) {
            statement.execute("USE " + location.qualifiedSchema());
        } catch (SQLException | RuntimeException e) {
            query.close();
            throw e;
        }
        return query;
    }

    /** The writer installed the extensions at start, so this only loads them. */
    private DuckDBConnection open() throws SQLException {
        DuckDBConnection opened = (DuckDBConnection) new DuckDBDriver().connect("jdbc:duckdb:", new Properties());
        try (Statement statement = opened.createStatement()) {
            if (config.extensionDirectory().isPresent()) {
                statement.execute("SET extension_directory = "
                        + DuckDbWriter.sqlString(config.extensionDirectory().get()));
            }
            for (String extension : IcebergCatalogAttachment.EXTENSIONS) {
                statement.execute("LOAD " + extension);
            }
            catalog.attach(statement::execute, true);
        } catch (SQLException | RuntimeException e) {
            opened.close();
            throw e;
        }
        return opened;
    }

    @Override
    public synchronized void close() throws SQLException {
        closed = true;
        if (database != null) {
            database.close();
            database = null;
        }
    }
}
