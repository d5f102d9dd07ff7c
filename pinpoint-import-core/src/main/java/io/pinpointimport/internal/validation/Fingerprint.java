package io.pinpointimport.internal.validation;

/**
 * A 128-bit MurmurHash3 (x64, 128-bit variant) of a string's UTF-16 code units taken as little-endian bytes, with a
 * fixed seed, so that the same input gives the same fingerprint in every JVM (a resumed run must decide as the first
 * one did). Not cryptographic: a false merge of two distinct inputs is as unlikely as a random 128-bit collision
 * for ordinary data, but inputs crafted to collide are known for MurmurHash3.
 *
 * @param hi the first 64 bits
 * @param lo the second 64 bits
 */
public record Fingerprint(long hi, long lo) {
    private static final long SEED = 0x5049_4e50_4f49_4e54L; // "PINPOINT"
    private static final long C1 = 0x87c37b91114253d5L;
    private static final long C2 = 0x4cf5ad432745937fL;

    /**
     * @param s the text
     * @return its fingerprint
     */
    public static Fingerprint of(CharSequence s) {
        return hash(s, "", false, false);
    }

    /**
     * The fingerprint of a pair of strings: the first one's length (two code units), the first, then the second, so
     * that no two distinct pairs give the same character sequence.
     *
     * @param first the first string
     * @param second the second string
     * @return the pair's fingerprint
     */
    public static Fingerprint ofPair(CharSequence first, CharSequence second) {
        return hash(first, second, true, false);
    }

    /**
     * {@link #ofPair} of the first string and the second one with {@code A}-{@code Z} in lower case, read in place:
     * one call per record on the validating path, so no folded string and no joined string are made.
     *
     * @param first the first string
     * @param second the second string, whose ASCII capitals count as their lower case
     * @return the pair's fingerprint
     */
    public static Fingerprint ofPairAsciiLowerCase(CharSequence first, CharSequence second) {
        return hash(first, second, true, true);
    }

    /**
     * MurmurHash3 over the code units of: (with {@code pair}) the first string's length as two units, the first
     * string, the second string (A-Z lowered when {@code lowerSecond}). The units are gathered into one array first:
     * a straight read of four units per half-block costs far less than asking, unit by unit, which string it is in.
     */
    private static Fingerprint hash(CharSequence first, CharSequence second, boolean pair, boolean lowerSecond) {
        int firstLength = first.length();
        int prefix = pair ? 2 : 0;
        int secondStart = prefix + firstLength;
        int n = secondStart + second.length();
        char[] u = new char[n];
        if (pair) {
            u[0] = (char) (firstLength >>> 16);
            u[1] = (char) firstLength;
        }
        copy(first, u, prefix);
        copy(second, u, secondStart);
        if (lowerSecond) {
            for (int i = secondStart; i < n; i++) {
                char c = u[i];
                if (c >= 'A' && c <= 'Z') {
                    u[i] = (char) (c + ('a' - 'A'));
                }
            }
        }
        long h1 = SEED;
        long h2 = SEED;
        int blocks = n / 8;
        for (int b = 0; b < blocks; b++) {
            int i = b * 8;
            long k1 = word(u, i, 4);
            long k2 = word(u, i + 4, 4);
            h1 ^= mixK1(k1);
            h1 = Long.rotateLeft(h1, 27);
            h1 += h2;
            h1 = h1 * 5 + 0x52dce729;
            h2 ^= mixK2(k2);
            h2 = Long.rotateLeft(h2, 31);
            h2 += h1;
            h2 = h2 * 5 + 0x38495ab5;
        }
        int tail = n - blocks * 8;
        int t = blocks * 8;
        if (tail > 4) {
            h2 ^= mixK2(word(u, t + 4, tail - 4));
        }
        if (tail > 0) {
            h1 ^= mixK1(word(u, t, Math.min(tail, 4)));
        }
        long bytes = 2L * n;
        h1 ^= bytes;
        h2 ^= bytes;
        h1 += h2;
        h2 += h1;
        h1 = fmix(h1);
        h2 = fmix(h2);
        h1 += h2;
        h2 += h1;
        return new Fingerprint(h1, h2);
    }

    private static void copy(CharSequence s, char[] to, int at) {
        if (s instanceof String string) {
            string.getChars(0, string.length(), to, at);
        } else {
            for (int i = 0, n = s.length(); i < n; i++) {
                to[at + i] = s.charAt(i);
            }
        }
    }

    // count code units from i, little-endian: unit j at bits 16j
    private static long word(char[] u, int i, int count) {
        if (count == 4) {
            return u[i] | (long) u[i + 1] << 16 | (long) u[i + 2] << 32 | (long) u[i + 3] << 48;
        }
        long k = 0;
        for (int j = 0; j < count; j++) {
            k |= (long) u[i + j] << (16 * j);
        }
        return k;
    }

    private static long mixK1(long k1) {
        k1 *= C1;
        k1 = Long.rotateLeft(k1, 31);
        return k1 * C2;
    }

    private static long mixK2(long k2) {
        k2 *= C2;
        k2 = Long.rotateLeft(k2, 33);
        return k2 * C1;
    }

    private static long fmix(long k) {
        k ^= k >>> 33;
        k *= 0xff51afd7ed558ccdL;
        k ^= k >>> 33;
        k *= 0xc4ceb9fe1a85ec53L;
        k ^= k >>> 33;
        return k;
    }

    @Override
    public String toString() {
        // a fingerprint of a user id is still about a person: never printed
        return "Fingerprint[…]";
    }
}
