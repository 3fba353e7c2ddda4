package dev.eider.runtime.pipeline;

/**
 * Bytes reserved against the buffer cap before a body is decoded. Closing an admission that was
 * never consumed releases the reservation; once consumed, the buffer owns it until the rows are
 * sealed by every exporter. Closing is idempotent.
 */
public interface Admission extends AutoCloseable {
    long reservedBytes();

    @Override
    void close();
}
