package dev.eider.runtime.service;

import dev.eider.runtime.component.Processor;
import dev.eider.runtime.pipeline.Accepted;
import dev.eider.runtime.pipeline.Admission;
import dev.eider.runtime.pipeline.RejectedException;
import dev.eider.runtime.pipeline.RequestMetadata;
import dev.eider.runtime.pipeline.Signal;
import dev.eider.runtime.pipeline.SignalConsumer;
import dev.eider.runtime.seal.PipelineBuffer;
import dev.eider.runtime.table.TableBatches;
import java.util.List;

/** One pipeline as a receiver sees it: its processors in order, then its seal buffer. */
final class PipelineConsumer implements SignalConsumer {
    private final String pipelineId;
    private final Signal signal;
    private final List<Processor> processors;
    private final PipelineBuffer buffer;

    PipelineConsumer(String pipelineId, Signal signal, List<Processor> processors, PipelineBuffer buffer) {
        this.pipelineId = pipelineId;
        this.signal = signal;
        this.processors = List.copyOf(processors);
        this.buffer = buffer;
    }

    String pipelineId() {
        return pipelineId;
    }

    PipelineBuffer buffer() {
        return buffer;
    }

    @Override
    public Signal signal() {
        return signal;
    }

    @Override
    public void checkRequest(RequestMetadata metadata) throws RejectedException {
        for (Processor p : processors) {
            p.checkRequest(metadata);
        }
    }

    @Override
    public Admission admit(long encodedBytes) throws RejectedException {
        return buffer.admit(encodedBytes);
    }

    @Override
    public Accepted consume(Admission admission, TableBatches batches) throws RejectedException {
        TableBatches current = batches;
        try {
            for (Processor p : processors) {
                current = p.process(current);
            }
        } catch (RejectedException | RuntimeException e) {
            current.close();
            admission.close();
            throw e;
        }
        // counted before add(): once buffered, the rows may be sealed and closed at any moment
        Accepted accepted = new Accepted(current.rowCount(), current.batches().size(),
                current.rejectedRows(), current.rejectionMessage());
        buffer.add(admission, current);
        return accepted;
    }

    @Override
    public boolean ready() {
        return buffer.ready();
    }
}
