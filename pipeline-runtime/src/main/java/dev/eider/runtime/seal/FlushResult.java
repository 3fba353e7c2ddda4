package dev.eider.runtime.seal;

/** The answer to a flush: rows sealed by it, seals in total, and the error if one seal failed. */
public record FlushResult(String status, long sealedRows, long sealsTotal, String error) {
    public static final String SEALED = "sealed";
    public static final String FAILED = "failed";

    public static FlushResult sealed(long sealedRows, long sealsTotal) {
        return new FlushResult(SEALED, sealedRows, sealsTotal, null);
    }

    public static FlushResult failed(long sealedRows, long sealsTotal, String error) {
        return new FlushResult(FAILED, sealedRows, sealsTotal, error);
    }
}
