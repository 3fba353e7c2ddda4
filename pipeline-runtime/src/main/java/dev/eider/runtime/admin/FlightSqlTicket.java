package dev.eider.runtime.admin;

import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/**
 * The statement handle of a query's ticket: the catalog and the SQL text themselves, so the
 * server keeps nothing between GetFlightInfo and DoGet. DoGet checks the statement again, so a
 * handle a client made up gets exactly what the same SQL would.
 *
 * @param catalog the exporter id the statement reads
 */
record FlightSqlTicket(String catalog, String sql) {
    private static final byte VERSION = 1;

    byte[] encode() {
        byte[] catalogBytes = catalog.getBytes(StandardCharsets.UTF_8);
        byte[] sqlBytes = sql.getBytes(StandardCharsets.UTF_8);
        return ByteBuffer.allocate(1 + 4 + catalogBytes.length + sqlBytes.length)
                .put(VERSION).putInt(catalogBytes.length).put(catalogBytes).put(sqlBytes).array();
    }

    static FlightSqlTicket decode(byte[] handle) {
        try {
            ByteBuffer in = ByteBuffer.wrap(handle);
            if (in.get() != VERSION) {
                throw FlightSqlErrors.invalid("the ticket was not made by this server");
            }
            byte[] catalog = new byte[in.getInt()];
            in.get(catalog);
            byte[] sql = new byte[in.remaining()];
            in.get(sql);
            return new FlightSqlTicket(new String(catalog, StandardCharsets.UTF_8), new String(sql, StandardCharsets.UTF_8));
        } catch (BufferUnderflowException | NegativeArraySizeException e) {
            throw FlightSqlErrors.invalid("the ticket was not made by this server");
        }
    }
}
