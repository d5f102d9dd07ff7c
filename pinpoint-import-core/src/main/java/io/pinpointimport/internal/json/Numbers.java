package io.pinpointimport.internal.json;

import com.fasterxml.jackson.core.io.NumberOutput;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;

/**
 * How both formats write and read numbers (metrics, latitude, longitude). No promises: internal.
 *
 * <p>Written as the shortest decimal that reads back to the same {@code double}, in plain notation (never an
 * exponent), with at least one fraction digit ({@code 3.0}, {@code 10000000000.0}, {@code 0.0001}). The digits come
 * from Jackson's Schubfach implementation rather than {@code Double.toString}, whose output changed in JDK 19: shards
 * must come out byte for byte the same whatever JDK writes them. No locale is involved anywhere.
 */
public final class Numbers {
    /** Digits of the usual number, read or written without the general algorithms. */
    private static final int MAX_SHORT_DIGITS = 15;

    private static final double MAX_SHORT = 1e15;
    private static final double MIN_SHORT = 1e-7;
    // 10^0 .. 10^22, each an exact double
    private static final double[] POWERS_OF_TEN = new double[23];
    // sign, 15 digits, a point, and up to 7 zeros after it before the first digit (MIN_SHORT), with room to spare
    private static final int MAX_SHORT_LENGTH = 40;
    private static final ThreadLocal<byte[]> FAST_DIGITS = ThreadLocal.withInitial(() -> new byte[MAX_SHORT_LENGTH]);

    static {
        double p = 1;
        for (int i = 0; i < POWERS_OF_TEN.length; i++) {
            POWERS_OF_TEN[i] = p;
            p *= 10;
        }
    }

    private Numbers() {}

    /**
     * Formats a finite double.
     *
     * @param value a finite number
     * @return plain decimal text, ASCII only
     * @throws IllegalArgumentException for NaN or an infinity
     */
    public static String format(double value) {
        if (!Double.isFinite(value)) {
            throw new IllegalArgumentException("not a finite number");
        }
        byte[] digits = FAST_DIGITS.get();
        int length = formatShort(value, digits, 0);
        if (length > 0) {
            return new String(digits, 0, length, StandardCharsets.ISO_8859_1);
        }
        return formatShortest(value);
    }

    /**
     * Appends {@link #format(double)}'s text as ASCII bytes, without making a string for the usual number.
     *
     * @param out the buffer
     * @param value a finite number
     * @throws IllegalArgumentException for NaN or an infinity
     */
    public static void append(ByteSink out, double value) {
        if (!Double.isFinite(value)) {
            throw new IllegalArgumentException("not a finite number");
        }
        out.ensure(MAX_SHORT_LENGTH);
        int length = formatShort(value, out.array(), out.size());
        if (length > 0) {
            out.advance(length);
            return;
        }
        String text = formatShortest(value);
        out.ensure(text.length());
        for (int i = 0; i < text.length(); i++) {
            out.put((byte) text.charAt(i));
        }
    }

    /** The general path: Schubfach's shortest digits, then plain notation. Every finite double. */
    static String formatShortest(double value) {
        String shortest = NumberOutput.toString(value, true);
        if (shortest.indexOf('E') < 0) {
            return shortest;
        }
        String plain = new BigDecimal(shortest).stripTrailingZeros().toPlainString();
        return plain.indexOf('.') < 0 ? plain + ".0" : plain;
    }

    /**
     * The usual number (at most 15 significant digits, such as 37.62, 9.0 or 0.298) without Schubfach: finds the
     * fewest fraction digits {@code k} and the integer {@code m} below 10<sup>15</sup> whose quotient
     * {@code m / 10^k} reads back as the value. A decimal of at most 15 significant digits that reads back as a
     * double is that double's shortest decimal (any two such decimals reading back as one double are equal, since
     * doubles keep 15 significant decimal digits), so the text is the one {@link #formatShortest} writes. The quotient
     * of two doubles that are exact integers is correctly rounded, so the check is exact.
     *
     * @return the text's length in {@code out} from {@code at}, or 0 when the value needs the general path
     */
    static int formatShort(double value, byte[] out, int at) {
        double a = Math.abs(value);
        int pos = at;
        if (Double.doubleToRawLongBits(value) < 0) {
            out[pos++] = '-';
        }
        if (a == 0) {
            out[pos++] = '0';
            out[pos++] = '.';
            out[pos++] = '0';
            return pos - at;
        }
        if (!(a >= MIN_SHORT && a < MAX_SHORT)) {
            return 0;
        }
        for (int k = 0; k < POWERS_OF_TEN.length; k++) {
            double scaled = a * POWERS_OF_TEN[k];
            if (scaled >= MAX_SHORT) {
                return 0;
            }
            double m = Math.rint(scaled);
            if (m != 0 && m / POWERS_OF_TEN[k] == a) {
                long digits = (long) m;
                int fraction = k;
                // A representation found with more fraction digits than it needs ends in zeros: drop them, so
                // that the text is the shortest whichever k found it.
                while (fraction > 0 && digits % 10 == 0) {
                    digits /= 10;
                    fraction--;
                }
                return pos - at + plain(digits, fraction, out, pos);
            }
        }
        return 0;
    }

    /** Writes {@code digits / 10^fraction} in plain notation with at least one fraction digit; returns its length. */
    private static int plain(long digits, int fraction, byte[] out, int at) {
        // digits right to left into a scratch area at the end of the text: at most 15 digits, a point, zeros
        int count = 1;
        for (long d = digits / 10; d != 0; d /= 10) {
            count++;
        }
        int integerDigits = Math.max(1, count - fraction);
        int length = integerDigits + 1 + Math.max(1, fraction);
        int p = at + length - 1;
        long d = digits;
        if (fraction == 0) {
            out[p--] = '0';
        } else {
            for (int i = 0; i < fraction; i++) {
                out[p--] = (byte) ('0' + (int) (d % 10));
                d /= 10;
            }
        }
        out[p--] = '.';
        for (int i = 0; i < integerDigits; i++) {
            out[p--] = (byte) ('0' + (int) (d % 10));
            d /= 10;
        }
        return length;
    }

    /**
     * Parses a number written as JSON writes numbers: optional minus, digits without leading zeros, optional fraction,
     * optional exponent. Everything this library writes qualifies; so does any JSON number.
     *
     * @param text the text
     * @return the value, or {@code null} if the text is not such a number
     */
    public static Double parse(String text) {
        double fast = parseShort(text);
        if (fast == fast) {
            return fast;
        }
        if (!isJsonNumber(text)) {
            return null;
        }
        return Double.parseDouble(text);
    }

    /**
     * The usual number ({@code -?(0|[1-9][0-9]*)(\.[0-9]+)?} with at most 15 digits in all) read without
     * {@code Double.parseDouble}: its digits as an integer {@code m} below 10<sup>15</sup> and its fraction digits
     * {@code k}, then {@code m / 10^k}. Both are exact doubles, and the quotient of two exact doubles is correctly
     * rounded, so the value is the one {@code Double.parseDouble} gives (its own fast path does the same).
     *
     * @return the value, or NaN when the text is not of that form (then the general path decides)
     */
    static double parseShort(String s) {
        int n = s.length();
        int i = 0;
        boolean negative = false;
        if (n > 0 && s.charAt(0) == '-') {
            negative = true;
            i = 1;
        }
        if (i >= n || n - i > MAX_SHORT_DIGITS + 1) {
            return Double.NaN;
        }
        long m = 0;
        int digits = 0;
        char first = s.charAt(i);
        if (first == '0') {
            i++;
        } else {
            while (i < n) {
                char c = s.charAt(i);
                if (c < '0' || c > '9') {
                    break;
                }
                m = m * 10 + (c - '0');
                digits++;
                i++;
            }
            if (digits == 0) {
                return Double.NaN;
            }
        }
        int fraction = 0;
        if (i < n) {
            if (s.charAt(i) != '.') {
                return Double.NaN;
            }
            i++;
            while (i < n) {
                char c = s.charAt(i);
                if (c < '0' || c > '9') {
                    return Double.NaN;
                }
                m = m * 10 + (c - '0');
                fraction++;
                i++;
            }
            if (fraction == 0) {
                return Double.NaN;
            }
        }
        if (digits + fraction > MAX_SHORT_DIGITS) {
            return Double.NaN;
        }
        double value = m / POWERS_OF_TEN[fraction];
        return negative ? -value : value;
    }

    static boolean isJsonNumber(CharSequence s) {
        int n = s.length();
        int i = 0;
        if (i < n && s.charAt(i) == '-') {
            i++;
        }
        if (i >= n) {
            return false;
        }
        if (s.charAt(i) == '0') {
            i++;
        } else if (isDigit(s.charAt(i))) {
            while (i < n && isDigit(s.charAt(i))) {
                i++;
            }
        } else {
            return false;
        }
        if (i < n && s.charAt(i) == '.') {
            i++;
            int start = i;
            while (i < n && isDigit(s.charAt(i))) {
                i++;
            }
            if (i == start) {
                return false;
            }
        }
        if (i < n && (s.charAt(i) == 'e' || s.charAt(i) == 'E')) {
            i++;
            if (i < n && (s.charAt(i) == '+' || s.charAt(i) == '-')) {
                i++;
            }
            int start = i;
            while (i < n && isDigit(s.charAt(i))) {
                i++;
            }
            if (i == start) {
                return false;
            }
        }
        return i == n;
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }
}
