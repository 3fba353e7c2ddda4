package dev.eider.receiver.otap.grpc;

import static org.junit.jupiter.api.Assertions.assertNotNull;

import dev.eider.receiver.otap.proto.BatchArrowRecords;
import dev.eider.receiver.otap.proto.BatchStatus;
import io.grpc.Status;
import io.grpc.stub.StreamObserver;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/** The client end of one Arrow stream: sends batches, collects the statuses and the final gRPC status. */
final class ArrowStreamClient implements StreamObserver<BatchStatus> {
    private final BlockingQueue<BatchStatus> statuses = new LinkedBlockingQueue<>();
    private final CompletableFuture<Status> end = new CompletableFuture<>();
    private StreamObserver<BatchArrowRecords> requests;

    void attach(StreamObserver<BatchArrowRecords> requests) {
        this.requests = requests;
    }

    void send(BatchArrowRecords batch) {
        requests.onNext(batch);
    }

    void finish() {
        requests.onCompleted();
    }

    /** The next BatchStatus; fails the test when none arrives. */
    BatchStatus nextStatus() throws InterruptedException {
        BatchStatus status = statuses.poll(30, TimeUnit.SECONDS);
        assertNotNull(status, "no BatchStatus arrived");
        return status;
    }

    /** How the stream ended. */
    Status end() throws Exception {
        return end.get(30, TimeUnit.SECONDS);
    }

    @Override
    public void onNext(BatchStatus status) {
        statuses.add(status);
    }

    @Override
    public void onError(Throwable t) {
        end.complete(Status.fromThrowable(t));
    }

    @Override
    public void onCompleted() {
        end.complete(Status.OK);
    }
}
