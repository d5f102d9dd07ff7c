package io.pinpointimport.internal.json;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Locale;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class NumbersTest {
    @ParameterizedTest
    @CsvSource({
        "3.0, 3.0",
        "0.0, 0.0",
        "-0.0, -0.0",
        "-2.5, -2.5",
        "12345.678, 12345.678",
        "1e7, 10000000.0",
        "1e10, 10000000000.0",
        "-1e10, -10000000000.0",
        "1e23, 100000000000000000000000.0",
        "123456789012345680, 123456789012345680.0",
        "0.001, 0.001",
        "1e-4, 0.0001",
        "1e-7, 0.0000001",
        "-1.5e-9, -0.0000000015",
        "47.61, 47.61",
        "-122.33, -122.33",
    })
    void writesPlainDecimalsWithAFractionDigit(double value, String expected) {
        assertThat(Numbers.format(value)).isEqualTo(expected);
    }

    @Test
    void extremesAreStillPlainAndReadBackExactly() {
        for (double d : new double[] {Double.MAX_VALUE, -Double.MAX_VALUE, Double.MIN_VALUE, Double.MIN_NORMAL}) {
            String s = Numbers.format(d);
            assertThat(s).doesNotContain("E").doesNotContain("e").contains(".");
            assertThat(Numbers.parse(s)).isEqualTo(d);
        }
    }

    @Test
    void sameTextInEveryLocale() {
        Locale before = Locale.getDefault();
        try {
            Locale.setDefault(Locale.GERMANY);
            assertThat(Numbers.format(1234567.5)).isEqualTo("1234567.5");
            assertThat(Numbers.format(-0.25)).isEqualTo("-0.25");
            assertThat(Numbers.format(1e12)).isEqualTo("1000000000000.0");
            assertThat(Numbers.parse("1234567.5")).isEqualTo(1234567.5);
            Locale.setDefault(new Locale("ar", "EG"));
            assertThat(Numbers.format(1234567.5)).isEqualTo("1234567.5");
        } finally {
            Locale.setDefault(before);
        }
    }

    @Test
    void randomDoublesRoundTripWithoutExponent() {
        Random random = new Random(42);
        int checked = 0;
        for (int i = 0; i < 20_000; i++) {
            // Half with random bits (any exponent), half in the range real metrics live in.
            double d = i % 2 == 0
                    ? Double.longBitsToDouble(random.nextLong())
                    : (random.nextDouble() - 0.5) * Math.pow(10, random.nextInt(30) - 10);
            if (!Double.isFinite(d)) {
                continue;
            }
            String s = Numbers.format(d);
            if (s.indexOf('E') >= 0 || !Numbers.parse(s).equals(d)) {
                throw new AssertionError("bad text for bits " + Double.doubleToRawLongBits(d) + ": " + s);
            }
            checked++;
        }
        assertThat(checked).isGreaterThan(19_000);
    }

    @ParameterizedTest
    @ValueSource(strings = {"3", "-0", "3.25", "1e3", "1E+3", "2.5e-3", "0.5"})
    void readsAnyJsonNumber(String text) {
        assertThat(Numbers.parse(text)).isEqualTo(Double.parseDouble(text));
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "",
                "-",
                "+3",
                "03",
                ".5",
                "5.",
                "1e",
                "NaN",
                "Infinity",
                "0x10",
                "1,5",
                " 3",
                "3 ",
                "3d",
                "1_000"
            })
    void refusesWhatIsNotAJsonNumber(String text) {
        assertThat(Numbers.parse(text)).isNull();
    }

    @Test
    void refusesToFormatNonFiniteNumbers() {
        assertThatThrownBy(() -> Numbers.format(Double.NaN)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Numbers.format(Double.NEGATIVE_INFINITY)).isInstanceOf(IllegalArgumentException.class);
    }
}
