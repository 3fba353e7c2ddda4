package dev.eider.runtime.testkit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.nio.file.attribute.PosixFilePermissions;
import java.nio.file.attribute.UserPrincipal;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A throwaway PostgreSQL cluster for tests: {@code initdb} into a temporary directory, the server
 * on a free loopback port with its unix socket in that directory, one database, trust
 * authentication for the superuser {@link #USER}. {@link #close} stops the server and deletes the
 * directory; a JVM shutdown hook does the same if a test never gets there.
 *
 * <p>The binaries come from the directory in the system property {@code eider.postgres.bin}
 * (linked by scripts/provision-postgres.sh during the exporters build). PostgreSQL refuses to run
 * as root, so as root every command runs as the OS user {@code postgres} via {@code runuser}.
 */
public final class PostgresServer implements AutoCloseable {
    public static final String USER = "eider";
    public static final String DATABASE = "eider";
    private static final String RUN_AS = "postgres";
    private static final long COMMAND_TIMEOUT_SECONDS = 60;

    private final Path bin;
    private final Path dir;
    private final int port;
    private final Thread cleanup;
    private boolean closed;

    private PostgresServer(Path bin, Path dir, int port) {
        this.bin = bin;
        this.dir = dir;
        this.port = port;
        this.cleanup = new Thread(this::stopQuietly, "postgres-test-server-cleanup");
    }

    /** Starts a new cluster with the database {@link #DATABASE}. */
    public static PostgresServer start() throws IOException {
        Path bin = binaries();
        Path dir = Files.createTempDirectory("eider-postgres-");
        boolean asRoot = "root".equals(System.getProperty("user.name"));
        if (asRoot) {
            UserPrincipal owner = dir.getFileSystem().getUserPrincipalLookupService().lookupPrincipalByName(RUN_AS);
            Files.setOwner(dir, owner);
        }
        PostgresServer server = new PostgresServer(bin, dir, freePort());
        Runtime.getRuntime().addShutdownHook(server.cleanup);
        try {
            server.initAndStart();
            return server;
        } catch (IOException | RuntimeException e) {
            server.close();
            throw e;
        }
    }

    public String host() {
        return "127.0.0.1";
    }

    public int port() {
        return port;
    }

    /** A libpq connection string to {@code database} (as DuckDB's postgres extension takes it). */
    public String connectionString(String database) {
        return "dbname=" + database + " host=" + host() + " port=" + port + " user=" + USER;
    }

    /** A libpq connection string to {@link #DATABASE}. */
    public String connectionString() {
        return connectionString(DATABASE);
    }

    /** Creates another empty database, e.g. one per test. */
    public void createDatabase(String name) throws IOException {
        run(List.of(bin.resolve("createdb").toString(), "-h", dir.toString(), "-p", Integer.toString(port),
                "-U", USER, name));
    }

    /** Runs {@code sql} through psql on {@code database} and returns its unaligned, tuples-only output. */
    public String psql(String database, String sql) throws IOException {
        return run(List.of(bin.resolve("psql").toString(), "-h", dir.toString(), "-p", Integer.toString(port),
                "-U", USER, "-d", database, "-X", "-A", "-t", "-v", "ON_ERROR_STOP=1", "-c", sql)).strip();
    }

    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        try {
            Runtime.getRuntime().removeShutdownHook(cleanup);
        } catch (IllegalStateException shuttingDown) {
            // the hook is running or about to run; stopping twice is harmless
        }
        stopQuietly();
    }

    private void initAndStart() throws IOException {
        Path data = dir.resolve("data");
        run(List.of(bin.resolve("initdb").toString(), "-D", data.toString(), "-U", USER, "-A", "trust",
                "-E", "UTF8", "--no-sync", "--no-instructions"));
        // fsync off: a test cluster never needs to survive a machine crash, and the disk is shared.
        String options = "-p " + port + " -k " + dir + " -c listen_addresses=" + host() + " -c fsync=off"
                + " -c max_connections=100";
        try {
            run(List.of(bin.resolve("pg_ctl").toString(), "-D", data.toString(), "-l", dir.resolve("server.log")
                    .toString(), "-o", options, "-w", "-t", "30", "start"));
        } catch (IOException e) {
            throw new IOException(e.getMessage() + "\nserver log:\n" + serverLog(), e);
        }
        createDatabase(DATABASE);
    }

    private void stopQuietly() {
        Path data = dir.resolve("data");
        if (Files.exists(data.resolve("postmaster.pid"))) {
            try {
                run(List.of(bin.resolve("pg_ctl").toString(), "-D", data.toString(), "-m", "fast", "-w", "-t", "30",
                        "stop"));
            } catch (IOException | RuntimeException e) {
                System.err.println("PostgresServer: stopping the test server in " + dir + " failed: " + e.getMessage());
            }
        }
        deleteTree(dir);
    }

    private String serverLog() {
        try {
            return Files.readString(dir.resolve("server.log"));
        } catch (IOException e) {
            return "(unreadable: " + e.getMessage() + ")";
        }
    }

    /** Runs a PostgreSQL binary (as {@link #RUN_AS} when this JVM is root); returns its output. */
    private String run(List<String> command) throws IOException {
        List<String> full = new ArrayList<>();
        if ("root".equals(System.getProperty("user.name"))) {
            full.addAll(List.of("runuser", "-u", RUN_AS, "--"));
        }
        full.addAll(command);
        Path output = Files.createTempFile("eider-postgres-command-", ".log");
        try {
            Process process = new ProcessBuilder(full).directory(dir.toFile()).redirectErrorStream(true)
                    .redirectOutput(output.toFile()).start();
            boolean done = process.waitFor(COMMAND_TIMEOUT_SECONDS, TimeUnit.SECONDS);
            if (!done) {
                process.destroyForcibly();
            }
            String text = Files.readString(output, StandardCharsets.UTF_8);
            if (!done || process.exitValue() != 0) {
                throw new IOException(String.join(" ", command) + (done ? " exited with " + process.exitValue()
                        : " did not finish in " + COMMAND_TIMEOUT_SECONDS + " s") + ":\n" + text);
            }
            return text;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while running " + command.get(0), e);
        } finally {
            Files.deleteIfExists(output);
        }
    }

    private static Path binaries() {
        String configured = System.getProperty("eider.postgres.bin");
        if (configured == null || configured.isBlank()) {
            throw new IllegalStateException("system property eider.postgres.bin is not set: it names PostgreSQL's "
                    + "server binaries, linked by scripts/provision-postgres.sh in the exporters build");
        }
        Path bin = Paths.get(configured);
        if (!Files.isExecutable(bin.resolve("initdb")) || !Files.isExecutable(bin.resolve("pg_ctl"))) {
            throw new IllegalStateException(bin + " holds no initdb and pg_ctl; run scripts/provision-postgres.sh "
                    + bin + " (the exporters build does)");
        }
        return bin;
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    private static void deleteTree(Path root) {
        if (!Files.exists(root)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(root)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> {
                try {
                    Files.delete(p);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        } catch (IOException | UncheckedIOException e) {
            System.err.println("PostgresServer: cannot delete " + root + ": " + e.getMessage());
        }
    }
}
