package dev.eider.archetype;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What a user outside this repository does: generate a distribution from the archetype, build
 * it (its own tests, the convergence check, the runnable jar), run the jar, send it telemetry.
 * Everything happens in a temporary directory, offline, against this build's artifacts only
 * (see {@link OfflineMaven}); the generated project has nothing but the archetype's files.
 */
class GeneratedDistributionIT {
    private static final String ARTIFACT_ID = "outside-collector";
    private static final Duration STARTUP = Duration.ofSeconds(60);
    private static final String SERVICE = "outside-build";
    private static final String THREE_LOGS = """
            {"resourceLogs":[{"resource":{"attributes":[{"key":"service.name","value":{"stringValue":"%s"}}]},
             "scopeLogs":[{"logRecords":[{"body":{"stringValue":"one"}},{"body":{"stringValue":"two"}},
             {"severityNumber":9,"body":{"stringValue":"three"}}]}]}]}""".formatted(SERVICE);

    @TempDir
    static Path dir;

    private static final OfflineMaven MAVEN = OfflineMaven.fromSystemProperties();
    private static final String EIDER_VERSION = OfflineMaven.property("eider.version");
    private static final String LIST_RUNTIME_CLASS_PATH = "org.apache.maven.plugins:maven-dependency-plugin:"
            + OfflineMaven.property("maven-dependency-plugin.version") + ":list";

    private static Path project;

    @BeforeAll
    static void generateAndBuild() throws Exception {
        MAVEN.run("generate", dir, "org.apache.maven.plugins:maven-archetype-plugin:"
                        + OfflineMaven.property("maven-archetype-plugin.version") + ":generate",
                "-DarchetypeGroupId=dev.eider", "-DarchetypeArtifactId=eider-distribution-archetype",
                "-DarchetypeVersion=" + EIDER_VERSION, "-DgroupId=com.example.outside", "-DartifactId=" + ARTIFACT_ID,
                "-Dversion=1.0.0-SNAPSHOT", "-Dpackage=com.example.outside");
        project = dir.resolve(ARTIFACT_ID);
        MAVEN.run("build", project, "verify", LIST_RUNTIME_CLASS_PATH, "-DincludeScope=runtime",
                "-DoutputFile=" + project.resolve("target/runtime-class-path.txt"));
    }

    @Test
    void theJarStartsAndItsOwnExporterCountsTheLogsSentToIt() throws Exception {
        Path config = project.resolve("outside-build.yaml");
        Files.writeString(config, """
                receivers:
                  otlp:
                    protocols:
                      http:
                        endpoint: 127.0.0.1:0
                processors:
                  batch:
                    seal_max_age: 200ms
                exporters:
                  row_count:
                    path: ./counts/row-counts.txt
                service:
                  pipelines:
                    logs: {receivers: [otlp], processors: [batch], exporters: [row_count]}
                """);
        Path counts = project.resolve("counts/row-counts.txt");
        try (JarProcess collector = JarProcess.start(project.resolve("target/" + ARTIFACT_ID + ".jar"), project,
                "--config", config.toString())) {
            String url = collector.awaitOutput("receiver otlp \\(http\\) listening on (http://\\S+)", STARTUP);
            HttpResponse<String> response = HttpClient.newHttpClient().send(
                    HttpRequest.newBuilder(URI.create(url + "/v1/logs")).header("Content-Type", "application/json")
                            .POST(HttpRequest.BodyPublishers.ofString(THREE_LOGS)).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertEquals(202, response.statusCode(), response.body());
            assertEquals("seal=1 pipeline=logs table=otlp_logs service=" + SERVICE + " rows=3",
                    awaitFirstLine(counts, Duration.ofSeconds(30)));
            assertEquals(0, collector.terminate(Duration.ofSeconds(60)), collector.output());
            assertTrue(collector.output().contains("every accepted row was sealed"), collector.output());
        }
    }

    @Test
    void aProjectWithNeitherTheBomNorTheParentResolvesTheSameClassPath() throws Exception {
        // the published poms alone (no eider-parent in the private repository, no eider-bom
        // import) must give what the BOM gives: Maven ignores a dependency's dependencyManagement
        Path bare = dir.resolve("bare");
        Files.createDirectories(bare);
        Files.writeString(bare.resolve("pom.xml"), """
                <project xmlns="http://maven.apache.org/POM/4.0.0">
                  <modelVersion>4.0.0</modelVersion>
                  <groupId>com.example.bare</groupId>
                  <artifactId>bare</artifactId>
                  <version>1</version>
                  <dependencies>
                    <dependency>
                      <groupId>dev.eider</groupId>
                      <artifactId>distribution</artifactId>
                      <version>%s</version>
                    </dependency>
                  </dependencies>
                </project>
                """.formatted(EIDER_VERSION));
        MAVEN.run("bare", bare, LIST_RUNTIME_CLASS_PATH, "-DincludeScope=runtime",
                "-DoutputFile=" + bare.resolve("runtime-class-path.txt"));
        List<String> withBom = artifacts(project.resolve("target/runtime-class-path.txt"));
        List<String> withoutBom = artifacts(bare.resolve("runtime-class-path.txt"));
        assertTrue(withBom.equals(withoutBom), () -> "with eider-bom only: " + missingFrom(withoutBom, withBom)
                + "\nwithout it only: " + missingFrom(withBom, withoutBom));
    }

    private static List<String> missingFrom(List<String> list, List<String> artifacts) {
        return artifacts.stream().filter(a -> !list.contains(a)).toList();
    }

    /** dependency:list's lines as {@code group:artifact:type[:classifier]:version:scope}, sorted. */
    private static List<String> artifacts(Path list) throws IOException {
        return Files.readAllLines(list).stream()
                .map(line -> line.split(" -- ", 2)[0].trim())
                .filter(line -> line.chars().filter(c -> c == ':').count() >= 4)
                .sorted()
                .toList();
    }

    private static String awaitFirstLine(Path file, Duration timeout) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            String text = Files.exists(file) ? Files.readString(file) : "";
            int end = text.indexOf('\n');
            if (end >= 0) {
                return text.substring(0, end);
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError(file + " got no line within " + timeout);
            }
            Thread.sleep(100);
        }
    }
}
