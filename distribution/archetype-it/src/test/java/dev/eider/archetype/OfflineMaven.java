package dev.eider.archetype;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The Maven that runs this build, started again on a project outside the reactor: offline, with
 * a private local repository holding this build's artifacts and the build's own local repository
 * as a read-only tail (Maven's {@code maven.repo.local.tail}) for everything else. Nothing is
 * downloaded and nothing is written outside the private repository and the project.
 */
final class OfflineMaven {
    private static final long TIMEOUT_MINUTES = 10;
    private static final int LOG_LINES_ON_FAILURE = 80;

    private final Path executable;
    private final Path repository;
    private final Path tailRepository;
    private final Path logs;

    private OfflineMaven(Path executable, Path repository, Path tailRepository, Path logs) {
        this.executable = executable;
        this.repository = repository;
        this.tailRepository = tailRepository;
        this.logs = logs;
    }

    /** As the failsafe configuration of this module describes it. */
    static OfflineMaven fromSystemProperties() {
        return new OfflineMaven(Path.of(property("maven.home"), "bin", "mvn"), Path.of(property("eider.it.repository")),
                Path.of(property("eider.it.tail.repository")), Path.of(property("eider.it.logs")));
    }

    static String property(String name) {
        String value = System.getProperty(name);
        if (value == null || value.isBlank()) {
            throw new IllegalStateException("system property " + name + " is not set (run through Maven failsafe)");
        }
        return value;
    }

    /** Runs {@code mvn args} in {@code directory}; fails with the end of the log unless it exits 0. */
    void run(String logName, Path directory, String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(executable.toString(), "-B", "-ntp", "-o",
                "-Dmaven.repo.local=" + repository, "-Dmaven.repo.local.tail=" + tailRepository));
        command.addAll(List.of(args));
        Files.createDirectories(logs);
        Path log = logs.resolve(logName + ".log");
        ProcessBuilder builder = new ProcessBuilder(command).directory(directory.toFile())
                .redirectErrorStream(true).redirectOutput(log.toFile());
        builder.environment().put("JAVA_HOME", System.getProperty("java.home"));
        Process maven = builder.start();
        if (!maven.waitFor(TIMEOUT_MINUTES, TimeUnit.MINUTES)) {
            maven.destroyForcibly();
            throw new AssertionError("mvn " + String.join(" ", args) + " did not finish within " + TIMEOUT_MINUTES
                    + " minutes; log " + log + ":\n" + tail(log));
        }
        if (maven.exitValue() != 0) {
            throw new AssertionError("mvn " + String.join(" ", args) + " exited " + maven.exitValue() + " in "
                    + directory + "; log " + log + ":\n" + tail(log));
        }
    }

    private static String tail(Path log) throws IOException {
        List<String> lines = Files.readAllLines(log);
        return String.join("\n", lines.subList(Math.max(0, lines.size() - LOG_LINES_ON_FAILURE), lines.size()));
    }
}
