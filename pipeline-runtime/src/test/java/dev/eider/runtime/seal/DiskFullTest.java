package dev.eider.runtime.seal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.eider.runtime.pipeline.RejectedException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code ack: durable} on a really full filesystem: a 1 MiB tmpfs (needs root, as on the build
 * machine; skipped with the reason where mounting is not allowed).
 */
class DiskFullTest {
    private static final SealSettings SLOW = new SealSettings(64L << 20, Duration.ofHours(1), 128L << 20);

    @TempDir
    Path tmp;
    private Path mount;

    @BeforeEach
    void mountTinyFilesystem() throws Exception {
        mount = Files.createDirectory(tmp.resolve("tiny"));
        Process p = new ProcessBuilder("mount", "-t", "tmpfs", "-o", "size=1m", "tmpfs", mount.toString())
                .redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes());
        Assumptions.assumeTrue(p.waitFor() == 0, "cannot mount a tmpfs here: " + out);
    }

    @AfterEach
    void unmount() throws Exception {
        new ProcessBuilder("umount", mount.toString()).inheritIO().start().waitFor();
    }

    @Test
    void aFullDiskRefusesAsOverloadedKeepsNothingUnloggedAndRecoversOnceSealed() throws Exception {
        Durability durable = new Durability(AckMode.DURABLE, mount, 64L << 20, 64L << 10);
        try (SealFixture fixture = new SealFixture()) {
            RecordingExporter target = new RecordingExporter();
            PipelineBuffer logs = fixture.pipeline("logs", SLOW, durable, fixture.writer("duckdb", target));
            List<String> acknowledged = new ArrayList<>();
            RejectedException refused = null;
            for (int i = 0; refused == null && i < 10_000; i++) {
                try {
                    SealFixture.accept(logs, 100, TestRows.logs(fixture.allocator, "d" + i + "-", 0, 20));
                    acknowledged.addAll(TestRows.ids("d" + i + "-", 0, 20));
                } catch (RejectedException e) {
                    refused = e;
                }
            }
            assertTrue(refused != null, "the 1 MiB filesystem filled up");
            assertEquals(RejectedException.Reason.OVERLOADED, refused.reason());
            assertTrue(refused.getMessage().contains("No space left"), refused.getMessage());
            assertEquals(acknowledged.size(), logs.status().bufferedRows(), "the refused request is not kept");

            // sealing frees the log's segments: the space returns and so do acknowledgements
            assertEquals(null, logs.flush().error());
            SealFixture.accept(logs, 100, TestRows.logs(fixture.allocator, "after-", 0, 20));
            acknowledged.addAll(TestRows.ids("after-", 0, 20));
            assertEquals(null, logs.flush().error());
            assertEquals(acknowledged, target.committedIds());
        }
    }
}
