package dev.eider.runtime.service;

import dev.eider.runtime.pipeline.Accepted;
import dev.eider.runtime.pipeline.Admission;
import dev.eider.runtime.pipeline.RejectedException;
import dev.eider.runtime.pipeline.RequestMetadata;
import dev.eider.runtime.pipeline.Signal;
import dev.eider.runtime.pipeline.SignalConsumer;
import dev.eider.runtime.table.TableBatchShare;
import dev.eider.runtime.table.TableBatches;
import java.util.ArrayList;
import java.util.List;

/**
 * A receiver feeding several pipelines of one signal: a request must pass every pipeline's
 * checks and fit every pipeline's buffer, and each pipeline gets its own handle on the rows.
 */
final class FanOutConsumer implements SignalConsumer {
    private final Signal signal;
    private final List<PipelineConsumer> pipelines;

    FanOutConsumer(Signal signal, List<PipelineConsumer> pipelines) {
        this.signal = signal;
        this.pipelines = List.copyOf(pipelines);
    }

    @Override
    public Signal signal() {
        return signal;
    }

    @Override
    public void checkRequest(RequestMetadata metadata) throws RejectedException {
        for (PipelineConsumer p : pipelines) {
            p.checkRequest(metadata);
        }
    }

    @Override
    public Admission admit(long encodedBytes) throws RejectedException {
        List<Admission> admissions = new ArrayList<>(pipelines.size());
        try {
            for (PipelineConsumer p : pipelines) {
                admissions.add(p.admit(encodedBytes));
            }
        } catch (RejectedException | RuntimeException e) {
            admissions.forEach(Admission::close);
            throw e;
        }
        return new FanOutAdmission(admissions);
    }

    @Override
    public Accepted consume(Admission admission, TableBatches batches) throws RejectedException {
        List<Admission> parts = ((FanOutAdmission) admission).parts();
        Accepted first = null;
        RejectedException failure = null;
        for (int i = 0; i < pipelines.size(); i++) {
            boolean last = i == pipelines.size() - 1;
            TableBatches own = last ? batches : TableBatchShare.share(batches);
            try {
                Accepted accepted = pipelines.get(i).consume(parts.get(i), own);
                if (first == null) {
                    first = accepted;
                }
            } catch (RejectedException e) {
                failure = failure == null ? e : failure;
            }
        }
        if (failure != null) {
            throw failure;
        }
        return first;
    }

    @Override
    public boolean ready() {
        for (PipelineConsumer p : pipelines) {
            if (!p.ready()) {
                return false;
            }
        }
        return true;
    }

    /** One reservation per pipeline, released together when unused. */
    private record FanOutAdmission(List<Admission> parts) implements Admission {
        @Override
        public long reservedBytes() {
            return parts.isEmpty() ? 0 : parts.get(0).reservedBytes();
        }

        @Override
        public void close() {
            parts.forEach(Admission::close);
        }
    }
}
