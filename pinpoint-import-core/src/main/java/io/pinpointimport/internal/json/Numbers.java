package io.pinpointimport.internal.json;

import com.fasterxml.jackson.core.io.NumberOutput;
import java.math.BigDecimal;

/**
 * How both formats write and read numbers (metrics, latitude, longitude). No promises: internal.
 *
 * <p>Written as the shortest decimal that reads back to the same {@code double}, in plain notation (never an
 * exponent), with at least one fraction digit ({@code 3.0}, {@code 10000000000.0}, {@code 0.0001}). The digits come
 * from Jackson's Schubfach implementation rather than {@code Double.toString}, whose output changed in JDK 19: shards
 * must come out byte for byte the same whatever JDK writes them. No locale is involved anywhere.
 */
public final class Numbers {
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
        String shortest = NumberOutput.toString(value, true);
        if (shortest.indexOf('E') < 0) {
            return shortest;
        }
        String plain = new BigDecimal(shortest).stripTrailingZeros().toPlainString();
        return plain.indexOf('.') < 0 ? plain + ".0" : plain;
    }

    /**
     * Parses a number written as JSON writes numbers: optional minus, digits without leading zeros, optional fraction,
     * optional exponent. Everything this library writes qualifies; so does any JSON number.
     *
     * @param text the text
     * @return the value, or {@code null} if the text is not such a number
     */
    public static Double parse(String text) {
        if (!isJsonNumber(text)) {
            return null;
        }
        return Double.parseDouble(text);
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
