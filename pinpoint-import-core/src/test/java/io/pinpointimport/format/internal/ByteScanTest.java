package io.pinpointimport.format.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class ByteScanTest {
    @Test
    void findsTheFirstLineEndAtEveryPositionAndOffsetAsAByteLoopDoes() {
        SplittableRandom random = new SplittableRandom(19);
        byte[] sample = {'\n', '\r', 0, (byte) 0x8A, (byte) 0x8D, 0x0B, 0x0C, 0x0E, 0x09, ',', (byte) 0xFF, 'a'};
        for (int round = 0; round < 20_000; round++) {
            byte[] b = new byte[random.nextInt(40)];
            for (int i = 0; i < b.length; i++) {
                b[i] = random.nextInt(4) == 0 ? sample[random.nextInt(sample.length)] : (byte) random.nextInt(256);
            }
            int from = b.length == 0 ? 0 : random.nextInt(b.length + 1);
            int to = from + random.nextInt(b.length - from + 1);
            assertThat(ByteScan.indexOfLineEnd(b, from, to)).isEqualTo(byteLoop(b, from, to));
        }
    }

    @Test
    void marksExactlyTheMatchingBytesOfAWord() {
        // every byte value next to every other, so no carry or borrow between neighbours goes unnoticed
        byte[] b = new byte[8];
        for (int x = 0; x < 256; x++) {
            for (int y = 0; y < 256; y++) {
                for (int i = 0; i < 8; i++) {
                    b[i] = (byte) (i % 2 == 0 ? x : y);
                }
                long w = ByteScan.word(b, 0);
                long expected = 0;
                for (int i = 0; i < 8; i++) {
                    if (b[i] == ',') {
                        expected |= 0x80L << (8 * i);
                    }
                }
                assertThat(ByteScan.matches(w, ByteScan.COMMAS)).isEqualTo(expected);
            }
        }
    }

    private static int byteLoop(byte[] b, int from, int to) {
        for (int i = from; i < to; i++) {
            if (b[i] == '\n' || b[i] == '\r') {
                return i;
            }
        }
        return -1;
    }
}
