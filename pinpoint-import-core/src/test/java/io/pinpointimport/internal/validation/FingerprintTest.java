package io.pinpointimport.internal.validation;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.HashSet;
import java.util.Set;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class FingerprintTest {
    @Test
    void sameTextGivesTheSameFingerprintInEveryJvm() {
        // pinned: a resumed run in another JVM must take the same decisions, so the hash may never change silently
        assertThat(Fingerprint.of("user-1")).isEqualTo(Fingerprint.of(new StringBuilder("user-1")));
        assertThat(Fingerprint.of("user-1")).isEqualTo(PINNED_USER_1);
        assertThat(Fingerprint.of("")).isEqualTo(PINNED_EMPTY);
    }

    // MurmurHash3_x64_128 of the UTF-16LE bytes with h1 = h2 = the seed; with seed 0 the same code gives what
    // Guava's Hashing.murmur3_128(0).hashUnencodedChars gives (checked for 20,000 random strings when written)
    private static final Fingerprint PINNED_USER_1 = new Fingerprint(958329286979196553L, 1565834337341396700L);
    private static final Fingerprint PINNED_EMPTY = new Fingerprint(3800472580753720152L, -8268785606222613833L);

    @Test
    void distinctTextsOfEveryLengthGiveDistinctFingerprints() {
        Set<Fingerprint> seen = new HashSet<>();
        int n = 0;
        for (int length = 0; length <= 40; length++) {
            for (int i = 0; i < 5_000; i++) {
                String s = (Integer.toString(i, 36) + "x".repeat(length)).substring(0, Math.max(0, length));
                if (seen.add(Fingerprint.of(s + "|" + i))) {
                    n++;
                }
            }
        }
        assertThat(n).isEqualTo(41 * 5_000);
    }

    @Test
    void everyCodeUnitCounts() {
        // one character changed anywhere, in any of the 8 lanes of a block or in the tail
        String base = "abcdefghijklmnopqrstuvw";
        Set<Fingerprint> seen = new HashSet<>();
        seen.add(Fingerprint.of(base));
        for (int i = 0; i < base.length(); i++) {
            char[] cs = base.toCharArray();
            cs[i] = (char) (cs[i] ^ 0x100);
            assertThat(seen.add(Fingerprint.of(new String(cs))))
                    .as("position %d", i)
                    .isTrue();
        }
    }

    @Test
    void bitsAreBalanced() {
        int[] ones = new int[128];
        int n = 20_000;
        for (int i = 0; i < n; i++) {
            Fingerprint f = Fingerprint.of("u" + i);
            for (int b = 0; b < 64; b++) {
                ones[b] += (int) (f.hi() >>> b) & 1;
                ones[64 + b] += (int) (f.lo() >>> b) & 1;
            }
        }
        for (int b = 0; b < 128; b++) {
            // 6 standard deviations of a fair coin over 20,000 draws is about 424
            assertThat(ones[b]).as("bit %d", b).isBetween(n / 2 - 424, n / 2 + 424);
        }
    }

    @Test
    void pairsAreUnambiguous() {
        assertThat(Fingerprint.ofPair("ab", "c")).isNotEqualTo(Fingerprint.ofPair("a", "bc"));
        assertThat(Fingerprint.ofPair("", "abc")).isNotEqualTo(Fingerprint.ofPair("abc", ""));
        assertThat(Fingerprint.ofPair("u", "e"))
                .isEqualTo(Fingerprint.ofPair("u", "e"))
                .isNotEqualTo(Fingerprint.of("ue"));
    }

    @Test
    void aPairHashesAsItsJoinedTextAndTheLowerCaseVariantAsTheLoweredText() {
        // the pair is hashed in place: it must give what the joined text gives, for every length around the 4- and
        // 8-unit blocks, so that fingerprints stay what they were (a resumed run compares them)
        SplittableRandom random = new SplittableRandom(7);
        String units = "aZ09-_.@AbCdXYZ\u00e9\u4e2d";
        for (int i = 0; i < 5_000; i++) {
            String first = text(random, units, random.nextInt(20));
            String second = text(random, units, random.nextInt(20));
            int length = first.length();
            String joined = "" + (char) (length >>> 16) + (char) length + first + second;
            assertThat(Fingerprint.ofPair(first, second)).isEqualTo(Fingerprint.of(joined));
            StringBuilder lowered = new StringBuilder();
            for (char c : second.toCharArray()) {
                lowered.append(c >= 'A' && c <= 'Z' ? (char) (c + 32) : c);
            }
            assertThat(Fingerprint.ofPairAsciiLowerCase(first, second))
                    .isEqualTo(Fingerprint.ofPair(first, lowered.toString()));
        }
        assertThat(Fingerprint.ofPair("user-1", "endpoint-1")).isEqualTo(PINNED_PAIR);
    }

    // pinned when the pair was still hashed from a joined copy (StringBuilder), before it was hashed in place
    private static final Fingerprint PINNED_PAIR = new Fingerprint(-1313769142120575118L, 1252008497852832254L);

    private static String text(SplittableRandom random, String units, int length) {
        StringBuilder sb = new StringBuilder(length);
        for (int i = 0; i < length; i++) {
            sb.append(units.charAt(random.nextInt(units.length())));
        }
        return sb.toString();
    }

    @Test
    void everyLengthAndEveryKindOfUnitHashesAsTheTextbookAlgorithmOverTheUtf16leBytes() {
        // an independent MurmurHash3_x64_128, byte by byte as published, against the library's unit-wise one: every
        // tail length, Latin-1 and wider units, surrogates, pairs and the in-place lower-casing
        SplittableRandom random = new SplittableRandom(19);
        String units = "aZ-09_.@\u00e9\u00c9\u0130\u4e2d\ud83d\ude00\u0000\uffff";
        for (int length = 0; length <= 70; length++) {
            for (int i = 0; i < 40; i++) {
                String first = text(random, units, length);
                String second = text(random, units, random.nextInt(40));
                assertThat(Fingerprint.of(first)).isEqualTo(textbook(first));
                String joined = "" + (char) (first.length() >>> 16) + (char) first.length() + first;
                assertThat(Fingerprint.ofPair(first, second)).isEqualTo(textbook(joined + second));
                StringBuilder lowered = new StringBuilder();
                second.chars().forEach(c -> lowered.append((char) (c >= 'A' && c <= 'Z' ? c + 32 : c)));
                assertThat(Fingerprint.ofPairAsciiLowerCase(first, second)).isEqualTo(textbook(joined + lowered));
                assertThat(Fingerprint.ofPair(new StringBuilder(first), new StringBuilder(second)))
                        .isEqualTo(Fingerprint.ofPair(first, second));
            }
        }
    }

    /** MurmurHash3_x64_128 as published (Austin Appleby's C++), over the text's UTF-16LE bytes, with the seed. */
    private static Fingerprint textbook(String text) {
        // by hand: String.getBytes would replace a lone surrogate
        byte[] data = new byte[text.length() * 2];
        for (int i = 0; i < text.length(); i++) {
            data[2 * i] = (byte) text.charAt(i);
            data[2 * i + 1] = (byte) (text.charAt(i) >>> 8);
        }
        long c1 = 0x87c37b91114253d5L;
        long c2 = 0x4cf5ad432745937fL;
        long h1 = 0x5049_4e50_4f49_4e54L;
        long h2 = h1;
        ByteBuffer buffer = ByteBuffer.wrap(data).order(ByteOrder.LITTLE_ENDIAN);
        int blocks = data.length / 16;
        for (int i = 0; i < blocks; i++) {
            long k1 = buffer.getLong(i * 16);
            long k2 = buffer.getLong(i * 16 + 8);
            k1 *= c1;
            k1 = Long.rotateLeft(k1, 31);
            k1 *= c2;
            h1 ^= k1;
            h1 = Long.rotateLeft(h1, 27);
            h1 += h2;
            h1 = h1 * 5 + 0x52dce729;
            k2 *= c2;
            k2 = Long.rotateLeft(k2, 33);
            k2 *= c1;
            h2 ^= k2;
            h2 = Long.rotateLeft(h2, 31);
            h2 += h1;
            h2 = h2 * 5 + 0x38495ab5;
        }
        long k1 = 0;
        long k2 = 0;
        int tail = blocks * 16;
        for (int j = data.length - tail - 1; j >= 0; j--) {
            long b = data[tail + j] & 0xFFL;
            if (j >= 8) {
                k2 ^= b << (8 * (j - 8));
            } else {
                k1 ^= b << (8 * j);
            }
        }
        if (data.length - tail > 8) {
            k2 *= c2;
            k2 = Long.rotateLeft(k2, 33);
            k2 *= c1;
            h2 ^= k2;
        }
        if (data.length - tail > 0) {
            k1 *= c1;
            k1 = Long.rotateLeft(k1, 31);
            k1 *= c2;
            h1 ^= k1;
        }
        h1 ^= data.length;
        h2 ^= data.length;
        h1 += h2;
        h2 += h1;
        h1 = fmix(h1);
        h2 = fmix(h2);
        h1 += h2;
        h2 += h1;
        return new Fingerprint(h1, h2);
    }

    private static long fmix(long k) {
        k ^= k >>> 33;
        k *= 0xff51afd7ed558ccdL;
        k ^= k >>> 33;
        k *= 0xc4ceb9fe1a85ec53L;
        k ^= k >>> 33;
        return k;
    }

    @Test
    void toStringShowsNothingOfTheInput() {
        assertThat(Fingerprint.of("secret").toString())
                .doesNotContain("secret")
                .doesNotContain(Long.toString(Fingerprint.of("secret").hi()));
    }
}
