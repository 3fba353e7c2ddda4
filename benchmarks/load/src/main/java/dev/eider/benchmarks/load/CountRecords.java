package dev.eider.benchmarks.load;

import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Locale;

/**
 * Counts what landed, for benchmarks/run.sh to compare with what was accepted:
 * <pre>
 * java -cp load.jar dev.eider.benchmarks.load.CountRecords duckdb FILE TABLE...
 * java -cp load.jar dev.eider.benchmarks.load.CountRecords ducklake CATALOG DATA_PATH TABLE...
 * java -cp load.jar dev.eider.benchmarks.load.CountRecords otlpfile FILE SIGNAL
 * </pre>
 * The otlpfile form reads the file exporter's protobuf format: each export request prefixed by
 * its length as a 4-byte big-endian integer.
 */
public final class CountRecords {
    private CountRecords() {}

    public static void main(String[] args) throws Exception {
        if (args.length < 3) {
            System.err.println("usage: CountRecords duckdb FILE TABLE... | ducklake CATALOG DATA_PATH TABLE... "
                    + "| otlpfile FILE SIGNAL");
            System.exit(2);
        }
        long count = switch (args[0]) {
            case "duckdb" -> duckdb("jdbc:duckdb:" + args[1], null, tables(args, 2));
            case "ducklake" -> duckdb("jdbc:duckdb:",
                    "ATTACH 'ducklake:" + args[1] + "' AS lake (DATA_PATH '" + args[2] + "', READ_ONLY); USE lake",
                    tables(args, 3));
            case "otlpfile" -> otlpFile(Path.of(args[1]), Signal.valueOf(args[2].toUpperCase(Locale.ROOT)));
            default -> throw new IllegalArgumentException("unknown store " + args[0]);
        };
        System.out.println(count);
    }

    private static String[] tables(String[] args, int from) {
        return java.util.Arrays.copyOfRange(args, from, args.length);
    }

    private static long duckdb(String url, String setup, String[] tables) throws SQLException {
        var props = new java.util.Properties();
        props.setProperty("duckdb.read_only", "true");
        if (setup != null) {
            props.clear();
            String dir = System.getenv("EIDER_DUCKDB_EXTENSIONS");
            if (dir != null) {
                props.setProperty("extension_directory", dir);
            }
        }
        try (var conn = DriverManager.getConnection(url, props); var stmt = conn.createStatement()) {
            if (setup != null) {
                for (String sql : setup.split("; ")) {
                    stmt.execute(sql);
                }
            }
            long total = 0;
            for (String table : tables) {
                try (var rs = stmt.executeQuery("SELECT count(*) FROM " + table)) {
                    rs.next();
                    total += rs.getLong(1);
                }
            }
            return total;
        }
    }

    static long otlpFile(Path file, Signal signal) throws IOException {
        long total = 0;
        try (InputStream raw = Files.newInputStream(file);
             var in = new DataInputStream(new java.io.BufferedInputStream(raw, 1 << 20))) {
            while (true) {
                int length;
                try {
                    length = in.readInt();
                } catch (EOFException end) {
                    return total;
                }
                byte[] message = in.readNBytes(length);
                if (message.length != length) {
                    throw new IOException(file + " ends inside a message (a writer still running?)");
                }
                total += signal.countRecords(message);
            }
        }
    }
}
