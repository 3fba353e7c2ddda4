package dev.eider.receiver.otap.decode;

import com.code_intelligence.jazzer.junit.FuzzTest;

/**
 * Any byte string either decodes to an AnyValue or fails with OtapDecodeException; anything else
 * thrown (or a hang, or an OOM) fails the fuzz test. Seeds: CborFuzzTestInputs/decode/.
 */
class CborFuzzTest {
    @FuzzTest
    void decode(byte[] data) {
        try {
            Cbor.decode(data, "fuzzed ser column");
        } catch (OtapDecodeException expected) {
            // the decoder's own error for malformed CBOR
        }
    }
}
