package dev.eider.runtime.seal;

import static dev.eider.runtime.seal.SealFixture.PATIENCE;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.eider.runtime.pipeline.Admission;
import dev.eider.runtime.pipeline.RejectedException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Many request threads against the buffers while seals, flushes and drains run (rules 1, 3, 8). */
class SealConcurrencyTest {
    private static final int THREADS = 6;
    private static final int ROWS_PER_REQUEST = 5;
    // A small cap and target, so requests meet backpressure and many seals run during the test.
    private static final SealSettings BUSY = new SealSettings(8 * 1024, Duration.ofMillis(20), 32 * 1024);

    private final SealFixture fixture = new SealFixture();
    private final ExecutorService pool = Executors.newFixedThreadPool(THREADS + 1);

    @AfterEach
    void tearDown() throws InterruptedException {
        pool.shutdownNow();
        assertTrue(pool.awaitTermination(30, TimeUnit.SECONDS));
        fixture.close();
    }

    @Test
    void concurrentRequestsToTwoPipelinesOnOneWriterCommitEveryAcceptedRowOnce() throws Exception {
        RecordingExporter exporter = new RecordingExporter();
        ExporterWriter shared = fixture.writer("duckdb", exporter);
        PipelineBuffer logs = fixture.pipeline("logs", BUSY, shared);
        PipelineBuffer audit = fixture.pipeline("logs/audit", BUSY, shared);

        List<Future<Client>> clients = new ArrayList<>();
        for (int t = 0; t < THREADS; t++) {
            Client client = new Client(t % 2 == 0 ? logs : audit, "t" + t + "-", 200);
            clients.add(pool.submit(client::run));
        }
        List<String> acceptedLogs = new ArrayList<>();
        List<String> acceptedAudit = new ArrayList<>();
        for (int t = 0; t < THREADS; t++) {
            Client done = clients.get(t).get(PATIENCE.toSeconds(), TimeUnit.SECONDS);
            (t % 2 == 0 ? acceptedLogs : acceptedAudit).addAll(done.accepted);
        }
        assertEquals("sealed", logs.flush().status());
        assertEquals("sealed", audit.flush().status());

        assertSameRows(acceptedLogs, exporter.committedIds("logs"));
        assertSameRows(acceptedAudit, exporter.committedIds("logs/audit"));
        assertEquals(acceptedLogs.size(), logs.status().committedRowsTotal());
        assertEquals(acceptedAudit.size(), audit.status().committedRowsTotal());
        assertEquals(0, logs.status().admittedBytes());
        assertEquals(1, exporter.maxConcurrentSeals(), "one writer serializes both pipelines");
    }

    @Test
    void drainUnderLoadSealsEveryAcceptedRow() throws Exception {
        RecordingExporter exporter = new RecordingExporter();
        PipelineBuffer logs = fixture.pipeline("logs", BUSY, fixture.writer("duckdb", exporter));
        CountDownLatch loaded = new CountDownLatch(THREADS);
        List<Future<Client>> clients = new ArrayList<>();
        for (int t = 0; t < THREADS; t++) {
            Client client = new Client(logs, "d" + t + "-", Integer.MAX_VALUE);
            client.afterFirstAccept = loaded::countDown;
            clients.add(pool.submit(client::run));
        }
        assertTrue(loaded.await(PATIENCE.toSeconds(), TimeUnit.SECONDS));

        logs.drain(PATIENCE);

        List<String> accepted = new ArrayList<>();
        for (Future<Client> f : clients) {
            Client done = f.get(PATIENCE.toSeconds(), TimeUnit.SECONDS);
            assertTrue(done.sawUnavailable, "clients stop on UNAVAILABLE once the drain began");
            accepted.addAll(done.accepted);
        }
        assertSameRows(accepted, exporter.committedIds());
        assertEquals(0, logs.status().bufferedRows());
    }

    @Test
    void aFlushRacingTheDrainFinishesAndBothLoseNothing() throws Exception {
        RecordingExporter exporter = new RecordingExporter();
        PipelineBuffer logs = fixture.pipeline("logs", BUSY, fixture.writer("duckdb", exporter));
        CountDownLatch loaded = new CountDownLatch(THREADS - 1);
        List<Future<Client>> clients = new ArrayList<>();
        for (int t = 0; t < THREADS - 1; t++) {
            Client client = new Client(logs, "r" + t + "-", Integer.MAX_VALUE);
            client.afterFirstAccept = loaded::countDown;
            clients.add(pool.submit(client::run));
        }
        AtomicBoolean drained = new AtomicBoolean();
        ConcurrentLinkedQueue<FlushResult> flushes = new ConcurrentLinkedQueue<>();
        Future<?> flusher = pool.submit(() -> {
            // Keeps flushing until after the drain returned, so flushes overlap it at every stage.
            boolean last = false;
            while (!last) {
                last = drained.get();
                flushes.add(logs.flush());
            }
        });
        assertTrue(loaded.await(PATIENCE.toSeconds(), TimeUnit.SECONDS));

        logs.drain(PATIENCE);
        drained.set(true);
        flusher.get(PATIENCE.toSeconds(), TimeUnit.SECONDS);

        List<String> accepted = new ArrayList<>();
        for (Future<Client> f : clients) {
            accepted.addAll(f.get(PATIENCE.toSeconds(), TimeUnit.SECONDS).accepted);
        }
        assertSameRows(accepted, exporter.committedIds());
        for (FlushResult r : flushes) {
            assertEquals("sealed", r.status(), String.valueOf(r.error()));
        }
        long sealedByFlushes = flushes.stream().mapToLong(FlushResult::sealedRows).sum();
        assertTrue(sealedByFlushes <= accepted.size());
    }

    private static void assertSameRows(List<String> accepted, List<String> committed) {
        assertEquals(accepted.size(), committed.size(), "committed rows == accepted rows");
        assertEquals(committed.size(), new HashSet<>(committed).size(), "no row committed twice");
        assertEquals(new HashSet<>(accepted), new HashSet<>(committed));
    }

    /** A request thread: admits and adds until done or the pipeline stops, retrying on backpressure. */
    private final class Client {
        final PipelineBuffer buffer;
        final String prefix;
        final int requests;
        final List<String> accepted = new ArrayList<>();
        Runnable afterFirstAccept = () -> {};
        boolean sawUnavailable;

        Client(PipelineBuffer buffer, String prefix, int requests) {
            this.buffer = buffer;
            this.prefix = prefix;
            this.requests = requests;
        }

        Client run() throws InterruptedException, RejectedException {
            for (int i = 0; i < requests; i++) {
                Admission admission;
                try {
                    admission = buffer.admit(100);
                } catch (RejectedException e) {
                    if (e.reason() == RejectedException.Reason.UNAVAILABLE) {
                        sawUnavailable = true;
                        return this;
                    }
                    i--;
                    Thread.sleep(1);
                    continue;
                }
                int from = i * ROWS_PER_REQUEST;
                buffer.add(admission, TestRows.logs(fixture.allocator, prefix, from, ROWS_PER_REQUEST));
                accepted.addAll(TestRows.ids(prefix, from, ROWS_PER_REQUEST));
                if (i == 0) {
                    afterFirstAccept.run();
                }
            }
            return this;
        }
    }
}
