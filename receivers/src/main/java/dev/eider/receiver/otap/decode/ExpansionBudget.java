package dev.eider.receiver.otap.decode;

/**
 * How much one message may expand to while it is turned into OTLP. OTAP shares values between
 * rows (dictionaries, attribute sets referenced by parent id, list ranges), so a few bytes of
 * payload can stand for gigabytes of rows; the assemblers charge every value they copy out per
 * row, and the message is refused once the total passes the limit.
 */
final class ExpansionBudget {
    /**
     * What a row costs at least before any value is counted: its share of the OTLP request and
     * of the table batch it becomes (fixed-width columns, offsets, validity). Column data can be
     * zstd-compressed, so a payload of a few hundred bytes can carry a million rows.
     */
    static final long ROW_BYTES = 64;

    private final long limit;
    private long used;

    ExpansionBudget(long limit) {
        this.limit = limit;
    }

    void chargeRows(int rows) throws OtapDecodeException {
        charge(ROW_BYTES * rows);
    }

    void charge(long bytes) throws OtapDecodeException {
        used += bytes;
        if (used > limit) {
            throw new OtapDecodeException("the message expands to more than " + limit
                    + " bytes of OTLP (the stream's limit); send fewer rows per message");
        }
    }
}
