package dev.eider.runtime.testkit;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A real S3-compatible server for tests: S3Proxy (its jar with dependencies, which the build puts
 * where the system property {@value #JAR_PROPERTY} says) as a child process on a free loopback
 * port, plain HTTP, path-style buckets, SigV2/SigV4 with one fixed access key, objects kept as
 * files under a directory the test owns. A child process keeps S3Proxy's dependencies off the
 * test's class path. Close it to stop the server.
 */
public final class S3TestServer implements AutoCloseable {
    public static final String JAR_PROPERTY = "eider.s3proxy.jar";
    public static final String KEY_ID = "eider-test-key";
    public static final String SECRET = "eider-test-secret-0123456789";

    /** Jetty's start line names the port it bound. */
    private static final Pattern STARTED = Pattern.compile("Started .*ServerConnector.*\\{127\\.0\\.0\\.1:(\\d+)}");
    private static final Duration START_TIMEOUT = Duration.ofSeconds(90);

    private final Process process;
    private final Path objects;
    private final int port;

    private S3TestServer(Process process, Path objects, int port) {
        this.process = process;
        this.objects = objects;
        this.port = port;
    }

    /** Starts a server keeping its state under {@code dir}, with these buckets created empty. */
    public static S3TestServer start(Path dir, String... buckets) throws IOException, InterruptedException {
        String jar = System.getProperty(JAR_PROPERTY);
        if (jar == null || !Files.isRegularFile(Path.of(jar))) {
            throw new IllegalStateException("no S3Proxy jar at system property " + JAR_PROPERTY + " (" + jar
                    + "): the exporters build copies it to exporters/target/s3proxy/");
        }
        Path objects = Files.createDirectories(dir.resolve("objects"));
        for (String bucket : buckets) {
            Files.createDirectories(objects.resolve(bucket));
        }
        Path properties = Files.writeString(dir.resolve("s3proxy.properties"), String.join("\n",
                "s3proxy.endpoint=http://127.0.0.1:0",
                "s3proxy.authorization=aws-v2-or-v4",
                "s3proxy.identity=" + KEY_ID,
                "s3proxy.credential=" + SECRET,
                "jclouds.provider=filesystem-nio2",
                "jclouds.filesystem.basedir=" + objects,
                ""));
        Path log = dir.resolve("s3proxy.log");
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        Process process = new ProcessBuilder(List.of(java.toString(), "-Xmx256m", "-XX:TieredStopAtLevel=1",
                "-jar", jar, "--properties", properties.toString()))
                .redirectErrorStream(true)
                .redirectOutput(log.toFile())
                .start();
        // A test JVM that dies without closing the server must not leave it running.
        Runtime.getRuntime().addShutdownHook(new Thread(process::destroyForcibly));
        try {
            return new S3TestServer(process, objects, awaitPort(process, log));
        } catch (IOException | InterruptedException | RuntimeException e) {
            stop(process);
            throw e;
        }
    }

    private static int awaitPort(Process process, Path log) throws IOException, InterruptedException {
        Instant deadline = Instant.now().plus(START_TIMEOUT);
        while (Instant.now().isBefore(deadline)) {
            Matcher started = STARTED.matcher(Files.readString(log));
            if (started.find()) {
                return Integer.parseInt(started.group(1));
            }
            if (!process.isAlive()) {
                throw new IllegalStateException("S3Proxy exited with " + process.exitValue() + ":\n"
                        + Files.readString(log));
            }
            Thread.sleep(100);
        }
        throw new IllegalStateException("S3Proxy did not start within " + START_TIMEOUT + ":\n" + Files.readString(log));
    }

    /** {@code 127.0.0.1:<port>}: the endpoint as DuckDB's S3 settings take it (no scheme). */
    public String endpoint() {
        return "127.0.0.1:" + port;
    }

    /**
     * The directory where the server keeps a bucket's objects, one file per key. Tests use it
     * to make writes fail (a file where a key needs a directory), never to read what was written.
     */
    public Path storage(String bucket) {
        return objects.resolve(bucket);
    }

    @Override
    public void close() {
        stop(process);
    }

    private static void stop(Process process) {
        process.destroy();
        try {
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor();
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }
}
