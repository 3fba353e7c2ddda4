package dev.eider.runtime.json;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class HexIdsTest {
    @Test
    void roundTripsAndRejectsMalformedText() {
        byte[] id = HexIds.fromHex("5B8EFFF798038103D269B633813FC60C", 16);
        assertEquals("5b8efff798038103d269b633813fc60c", HexIds.toHex(id));
        assertArrayEquals(new byte[0], HexIds.fromHex("", 8));
        assertNull(HexIds.toHex(new byte[0]));
        IllegalArgumentException shortId = assertThrows(IllegalArgumentException.class, () -> HexIds.fromHex("ABC", 8));
        assertTrue(shortId.getMessage().contains("expected 16 hex digits"), shortId.getMessage());
        assertThrows(IllegalArgumentException.class, () -> HexIds.fromHex("zz00000000000000", 8));
    }
}
