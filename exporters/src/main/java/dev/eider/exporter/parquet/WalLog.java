package dev.eider.exporter.parquet;

import dev.eider.runtime.seal.WalRange;
import dev.eider.runtime.table.Table;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The Parquet files of one pipeline with a write-ahead log, named after the log range of the seal
 * that wrote them: {@code <pipeline>-wal-<from>-<to>_<i>.parquet}. The names are the exporter's
 * only bookkeeping: the last range found tells where the pipeline resumes after a crash.
 */
final class WalLog {
    private final String root;
    private final String pipeline;
    private final Pattern name;

    /** {@code pipeline} as it appears in file names. */
    WalLog(String root, String pipeline) {
        this.root = root;
        this.pipeline = pipeline;
        this.name = Pattern.compile(Pattern.quote(pipeline) + "-wal-(\\d+)-(\\d+)_\\d+\\.parquet");
    }

    /** The name (before {@code _<i>.parquet}) of the files of a seal covering {@code range}. */
    static String fileStem(String pipeline, WalRange range) {
        return pipeline + "-wal-" + range.from() + "-" + range.to();
    }

    /** The range with the highest start among the pipeline's files in any table, if there is one. */
    Optional<WalRange> lastRange(Connection connection) throws SQLException {
        WalRange last = null;
        try (Statement statement = connection.createStatement()) {
            for (Table table : Table.values()) {
                String glob = PartitionedCopy.tableDirectory(root, table) + "/**/" + pipeline + "-wal-*.parquet";
                try (ResultSet files = statement.executeQuery("SELECT file FROM glob(" + Sql.string(glob) + ")")) {
                    while (files.next()) {
                        WalRange range = parse(files.getString(1));
                        if (range != null && (last == null || range.from() > last.from())) {
                            last = range;
                        }
                    }
                }
            }
        }
        return Optional.ofNullable(last);
    }

    private WalRange parse(String path) {
        String fileName = path.substring(Math.max(path.lastIndexOf('/'), path.lastIndexOf('\\')) + 1);
        Matcher m = name.matcher(fileName);
        return m.matches() ? new WalRange(Long.parseLong(m.group(1)), Long.parseLong(m.group(2))) : null;
    }
}
