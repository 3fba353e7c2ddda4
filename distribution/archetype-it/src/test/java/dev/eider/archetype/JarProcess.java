package dev.eider.archetype;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** {@code java -jar} of a built distribution, its output (stdout and stderr) in a file. */
final class JarProcess implements AutoCloseable {
    private static final long POLL_MILLIS = 100;

    private final Process process;
    private final Path output;

    private JarProcess(Process process, Path output) {
        this.process = process;
        this.output = output;
    }

    static JarProcess start(Path jar, Path workDir, String... args) throws IOException {
        Path output = workDir.resolve("collector-output.txt");
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx512m", "-jar", jar.toString()));
        command.addAll(List.of(args));
        Process process = new ProcessBuilder(command).directory(workDir.toFile())
                .redirectErrorStream(true).redirectOutput(output.toFile()).start();
        return new JarProcess(process, output);
    }

    /** The first group of the first output line matching {@code regex}, once it is printed. */
    String awaitOutput(String regex, Duration timeout) throws IOException, InterruptedException {
        Pattern pattern = Pattern.compile(regex);
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            Matcher m = pattern.matcher(output());
            if (m.find()) {
                return m.group(1);
            }
            if (!process.isAlive() || System.nanoTime() > deadline) {
                throw new AssertionError("no output matching " + regex + " (process "
                        + (process.isAlive() ? "running" : "exited " + process.exitValue()) + "):\n" + output());
            }
            Thread.sleep(POLL_MILLIS);
        }
    }

    String output() throws IOException {
        return Files.readString(output);
    }

    /** SIGTERM, as a service manager stops it; the exit code once it has stopped. */
    int terminate(Duration timeout) throws IOException, InterruptedException {
        process.destroy();
        if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
            throw new AssertionError("did not stop within " + timeout + ":\n" + output());
        }
        return process.exitValue();
    }

    @Override
    public void close() {
        process.destroyForcibly();
    }
}
