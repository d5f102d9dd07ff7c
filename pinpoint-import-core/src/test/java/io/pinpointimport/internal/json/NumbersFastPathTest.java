package io.pinpointimport.internal.json;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The fast paths of {@link Numbers} (short decimals read and written without {@code Double.parseDouble} and
 * Schubfach) against the general path they shortcut: every text read gives the same double (bit for bit, -0.0
 * included) and the same refusal; every double written gives the same text, byte for byte, whether as a string or
 * appended to a buffer. Seeded, so a failure repeats.
 */
class NumbersFastPathTest {
    private static final int CASES = 50_000;

    @Test
    void writesEveryDoubleAsTheGeneralPathDoes() {
        Random random = new Random(19);
        int fast = 0;
        for (int i = 0; i < CASES; i++) {
            double d = randomDouble(random, i);
            if (!Double.isFinite(d)) {
                continue;
            }
            fast += assertSameText(d) ? 1 : 0;
        }
        // the test must exercise the fast path, not only the fallback
        assertThat(fast).isGreaterThan(CASES / 3);
    }

    @ParameterizedTest
    @ValueSource(
            doubles = {
                0.0,
                -0.0,
                1.0,
                -1.0,
                9.0,
                10.0,
                100.0,
                0.1,
                0.2,
                0.3,
                0.1 + 0.2,
                1e-7,
                1e-8,
                9.99e-8,
                1.0000001e-7,
                1e14,
                1e15,
                1e15 - 1,
                1e15 + 1,
                999999999999999.0,
                999999999999999.9,
                123456789012345.0,
                1234567890123456.0,
                9007199254740992.0,
                9007199254740993.0,
                1e16,
                1e22,
                1e23,
                5e-324,
                4.9e-324,
                Double.MIN_NORMAL,
                Double.MAX_VALUE,
                -Double.MAX_VALUE,
                37.62,
                -122.46,
                0.298,
                759.86,
                242.0,
                1e7,
                1e-3,
                9999999.999,
                0.001,
                0.0009999,
                47.6062,
                2.5e-5,
                123.456e10
            })
    void writesTheEdgesAsTheGeneralPathDoes(double d) {
        assertSameText(d);
        assertSameText(Math.nextUp(d));
        assertSameText(Math.nextDown(d));
    }

    @Test
    void readsEveryTextAsTheGeneralPathDoes() {
        Random random = new Random(20);
        int fast = 0;
        for (int i = 0; i < CASES; i++) {
            String text = randomText(random);
            Double expected = Numbers.isJsonNumber(text) ? Double.parseDouble(text) : null;
            if (!Objects.equals(Numbers.parse(text), expected)) {
                assertThat(Numbers.parse(text)).as(text).isEqualTo(expected);
            }
            if (!Double.isNaN(Numbers.parseShort(text))) {
                fast++;
            }
        }
        assertThat(fast).isGreaterThan(CASES / 4);
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "0",
                "-0",
                "0.0",
                "-0.0",
                "00",
                "-00",
                "01",
                "0.",
                ".0",
                "-",
                "",
                "1e5",
                "1E5",
                "1e+5",
                "1e-5",
                "0e0",
                "-0e0",
                "1.5e3",
                "123456789012345",
                "1234567890123456",
                "999999999999999.9",
                "0.000000000000001",
                "0.0000000000000001",
                "123456789.123456",
                "12345678.1234567",
                "9007199254740993",
                "1.000000000000000",
                "37.620",
                "037.62",
                "37,62",
                "37.62 ",
                " 37.62",
                "+37.62",
                "3.7.6",
                "--1",
                "1-",
                "0x1",
                "NaN",
                "Infinity",
                "-Infinity",
                "١٢",
                "1_000",
                "4.9e-324",
                "1e400",
                "-1e400",
                "0.1",
                "100",
                "100.0"
            })
    void readsTheEdgesAsTheGeneralPathDoes(String text) {
        Double expected = Numbers.isJsonNumber(text) ? Double.parseDouble(text) : null;
        assertThat(Numbers.parse(text)).isEqualTo(expected);
    }

    /**
     * A number kept as its input text: whatever form the input has (exponent, leading or trailing zeros, -0, big
     * values, many digits), the text written for the value read is the text the general path writes.
     */
    @ParameterizedTest
    @ValueSource(
            strings = {
                "37.62",
                "37.620",
                "3.762e1",
                "0.3762E2",
                "-0",
                "-0.0",
                "0",
                "0.0",
                "9",
                "9.0",
                "9.00",
                "1e7",
                "10000000",
                "10000000.0",
                "1e15",
                "1000000000000000.0",
                "123456789012345",
                "1234567890123456789",
                "0.1",
                "1e-1",
                "0.30000000000000004",
                "0.000001",
                "1e-7",
                "1e-8",
                "0.00000001",
                "4.9e-324",
                "1e308",
                "-122.46",
                "-1.2246e2",
                "759.86",
                "0.298"
            })
    void aNumberReadAndWrittenBackComesOutAsTheGeneralPathWritesIt(String text) {
        double value = Numbers.parse(text);
        assertThat(value).isEqualTo(Double.parseDouble(text));
        String general = Numbers.formatShortest(Double.parseDouble(text));
        assertThat(Numbers.format(value)).isEqualTo(general);
        ByteSink sink = new ByteSink(4);
        Numbers.append(sink, value);
        assertThat(new String(sink.array(), 0, sink.size(), StandardCharsets.US_ASCII))
                .isEqualTo(general);
    }

    @Test
    void appendsAfterWhatIsAlreadyInTheBuffer() {
        ByteSink sink = new ByteSink(16);
        sink.write('x');
        List<String> expected = new ArrayList<>(List.of("x"));
        Random random = new Random(21);
        for (int i = 0; i < 1000; i++) {
            double d = randomDouble(random, i);
            if (Double.isFinite(d)) {
                Numbers.append(sink, d);
                sink.write(',');
                expected.add(Numbers.formatShortest(d) + ",");
            }
        }
        assertThat(new String(sink.array(), 0, sink.size(), StandardCharsets.US_ASCII))
                .isEqualTo(String.join("", expected));
    }

    private static boolean assertSameText(double d) {
        if (!Double.isFinite(d)) {
            return false;
        }
        String general = Numbers.formatShortest(d);
        ByteSink sink = new ByteSink(1);
        Numbers.append(sink, d);
        String appended = new String(sink.array(), 0, sink.size(), StandardCharsets.US_ASCII);
        String formatted = Numbers.format(d);
        if (!formatted.equals(general) || !appended.equals(general)) {
            String bits = "bits " + Long.toHexString(Double.doubleToRawLongBits(d)) + " (" + d + ")";
            assertThat(formatted).as(bits).isEqualTo(general);
            assertThat(appended).as(bits).isEqualTo(general);
        }
        return Numbers.formatShort(d, new byte[64], 0) > 0;
    }

    /** Doubles of every kind: random bits, short decimals of any scale, integers, their neighbours. */
    private static double randomDouble(Random random, int i) {
        switch (i % 6) {
            case 0:
                return Double.longBitsToDouble(random.nextLong());
            case 1:
                return Double.parseDouble(randomDecimal(random, 1 + random.nextInt(17)));
            case 2:
                return Double.parseDouble(randomDecimal(random, 1 + random.nextInt(6)));
            case 3:
                return (random.nextBoolean() ? -1 : 1) * (double) random.nextInt(1_000_000);
            case 4: {
                double d = Double.parseDouble(randomDecimal(random, 1 + random.nextInt(15)));
                return random.nextBoolean() ? Math.nextUp(d) : Math.nextDown(d);
            }
            default:
                return (random.nextDouble() - 0.5) * Math.pow(10, random.nextInt(40) - 20);
        }
    }

    /** A decimal with the given significant digits at a random scale, written plainly. */
    private static String randomDecimal(Random random, int digits) {
        StringBuilder unscaled = new StringBuilder();
        unscaled.append((char) ('1' + random.nextInt(9)));
        for (int d = 1; d < digits; d++) {
            unscaled.append((char) ('0' + random.nextInt(10)));
        }
        BigDecimal value = new BigDecimal(new BigInteger(unscaled.toString()), random.nextInt(40) - 20);
        return (random.nextBoolean() ? "-" : "") + value.toPlainString();
    }

    /** Texts of every form a cell may hold: plain decimals, exponents, leading zeros, junk around a number. */
    private static String randomText(Random random) {
        StringBuilder sb = new StringBuilder();
        if (random.nextInt(3) == 0) {
            sb.append('-');
        }
        int integerDigits = random.nextInt(5) == 0 ? random.nextInt(20) : random.nextInt(6);
        for (int d = 0; d < integerDigits; d++) {
            sb.append((char) ('0' + (d == 0 && random.nextInt(4) != 0 ? 1 + random.nextInt(9) : random.nextInt(10))));
        }
        if (random.nextInt(4) != 0) {
            sb.append('.');
            int fractionDigits = random.nextInt(5) == 0 ? random.nextInt(20) : random.nextInt(6);
            for (int d = 0; d < fractionDigits; d++) {
                sb.append((char) ('0' + random.nextInt(10)));
            }
        }
        if (random.nextInt(8) == 0) {
            sb.append(random.nextBoolean() ? 'e' : 'E');
            if (random.nextBoolean()) {
                sb.append(random.nextBoolean() ? '+' : '-');
            }
            for (int d = random.nextInt(4); d > 0; d--) {
                sb.append((char) ('0' + random.nextInt(10)));
            }
        }
        if (random.nextInt(30) == 0) {
            String junk = " ,x+-.e0";
            sb.insert(random.nextInt(sb.length() + 1), junk.charAt(random.nextInt(junk.length())));
        }
        return sb.toString();
    }
}
