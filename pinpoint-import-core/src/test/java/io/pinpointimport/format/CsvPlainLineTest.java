package io.pinpointimport.format;

import static org.assertj.core.api.Assertions.assertThat;

import io.pinpointimport.model.EndpointDefinition;
import io.pinpointimport.validation.Rejection;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * Lines that are ASCII and hold no double quote are cut into cells straight from their bytes; every other line is
 * decoded first. Both ways must read the same cells: each random plain row is read once as it is, and once with its
 * non-empty cells quoted (which sends it down the decoding path), and the two reads must agree, verdict included.
 */
class CsvPlainLineTest {
    private static final String HEADER = "Id,ChannelType,Address,Location.Latitude,User.UserId,Attributes.Tags,"
            + "Attributes.Tags,Metrics.score,User.UserAttributes.Name";
    private static final int COLUMNS = HEADER.split(",").length;
    private static final String PLAIN_CHARS = "abcXYZ019 .-_+@:;/!#$%&'()*<=>?[]^`{|}~";

    @Test
    void aPlainLineReadsAsTheSameLineWithEveryValueQuoted() {
        SplittableRandom random = new SplittableRandom(19);
        List<String> plain = new ArrayList<>();
        List<String> quoted = new ArrayList<>();
        for (int row = 0; row < 2_000; row++) {
            int cells = random.nextInt(10) == 0 ? COLUMNS + random.nextInt(3) - 1 : COLUMNS; // some short or long
            List<String> values = new ArrayList<>();
            for (int c = 0; c < cells; c++) {
                values.add(value(random, c));
            }
            plain.add(String.join(",", values));
            quoted.add(String.join(
                    ",",
                    values.stream().map(v -> v.isEmpty() ? v : '"' + v + '"').toList()));
        }
        List<Object> readPlain = read(plain);
        List<Object> readQuoted = read(quoted);
        assertThat(readPlain).hasSize(2_000).isEqualTo(readQuoted);
        // the rows cover accepted records and rejected ones (wrong type, wrong length), so both paths are compared
        assertThat(readPlain).anyMatch(r -> r instanceof EndpointDefinition).anyMatch(r -> r instanceof Rejection);
    }

    @Test
    void aTrailingCommaAndEmptyCellsReadAsAbsentValues() {
        List<Object> read = read(List.of("id-1,EMAIL,a@example.com,,,,,,", "\"id-1\",EMAIL,a@example.com,,,,,,"));
        assertThat(read.get(0)).isInstanceOf(EndpointDefinition.class).isEqualTo(read.get(1));
    }

    @Test
    void aQuoteOrAWideCharacterAtAnyPositionTakesTheLineOffThePlainPath() {
        // the plain path looks at eight bytes a step: a quote or a multi-byte character in any byte of any step, or
        // in the bytes after the last whole step, must send the line to the decoding path
        String row = "id-1,EMAIL,someone@example.com,47.5,user-1,tag-a,tag-b,3.0,Alex";
        for (int at = 0; at <= row.length(); at++) {
            String withQuote = row.substring(0, at) + '"' + row.substring(at);
            Object read = read(List.of(withQuote)).get(0);
            assertThat(read).as("a quote at %d", at).isInstanceOf(Rejection.class);
            String wide = row.substring(0, at) + '\u00e9' + row.substring(at);
            String wideQuoted = String.join(
                    ",",
                    java.util.Arrays.stream(wide.split(",", -1))
                            .map(v -> v.isEmpty() ? v : '"' + v + '"')
                            .toList());
            assertThat(read(List.of(wide))).as("a wide character at %d", at).isEqualTo(read(List.of(wideQuoted)));
        }
    }

    private static String value(SplittableRandom random, int column) {
        if (random.nextInt(3) == 0) {
            return "";
        }
        if (column == 3 || column == 7) {
            // numeric columns: mostly numbers, sometimes text (a wrong-type rejection)
            // some the plain path reads in place, some it leaves to the general parser (exponent, many digits,
            // leading zeros), some no parser takes
            String[] odd = {"abc", "1e5", "-0", "-0.0", "007", "12345678901234567.5", "0.1234567890123456", "1.", "-"};
            return random.nextInt(4) == 0
                    ? odd[random.nextInt(odd.length)]
                    : (random.nextBoolean() ? "-" : "") + random.nextInt(1000) + "." + random.nextInt(10);
        }
        if (column == 1) {
            return random.nextBoolean() ? "EMAIL" : "SMS";
        }
        StringBuilder sb = new StringBuilder();
        for (int i = 0, n = 1 + random.nextInt(12); i < n; i++) {
            sb.append(PLAIN_CHARS.charAt(random.nextInt(PLAIN_CHARS.length())));
        }
        // a value that starts or ends with a space is kept as it is by the reader either way
        return sb.toString();
    }

    /** @return per row: the definition, or the rejection (both compare by value) */
    private static List<Object> read(List<String> rows) {
        List<Object> out = new ArrayList<>();
        for (ReadResult r : Formats.read(ImportFormat.CSV, HEADER + "\n" + String.join("\n", rows) + "\n")) {
            out.add(r.isRejected() ? r.rejection() : r.definition());
        }
        return out;
    }
}
