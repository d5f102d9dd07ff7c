package io.pinpointimport.emulator.pinpoint.internal;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.io.JsonStringEncoder;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The size bounds that let the 15 KB check skip writing an item are never below the item's real size. */
class RowDecoderSizeBoundTest {
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final RowDecoder DECODER = new RowDecoder(MAPPER);
    // characters that grow the most when written: escapes, multi-byte UTF-8, surrogate pairs
    private static final String[] PIECES = {
        "a", "Z", "0", "\"", "\\", "\u0001", "\u001f", "\u00e9", "\u20ac", "\uD83D\uDE00", "/", " ", "\u007f"
    };
    private static final String[] NUMBERS = {
        "1", "0", "-0", "1e5", "1E300", "-1.5e-300", "4.9e-324", "123456789012", "0.1", "2"
    };

    private static String text(Random random, int max) {
        StringBuilder sb = new StringBuilder();
        int n = 1 + random.nextInt(max);
        for (int i = 0; i < n; i++) {
            sb.append(PIECES[random.nextInt(PIECES.length)]);
        }
        return sb.toString();
    }

    private static long size(ObjectNode item) {
        return item.toString().getBytes(StandardCharsets.UTF_8).length;
    }

    private static String quoted(String s) {
        return "\"" + new String(JsonStringEncoder.getInstance().quoteAsString(s)) + "\"";
    }

    @Test
    void jsonBoundHoldsForNastyLines() {
        Random random = new Random(42);
        int checked = 0;
        for (int i = 0; i < 3000; i++) {
            StringBuilder line =
                    new StringBuilder("{\"ChannelType\":\"EMAIL\",\"Address\":").append(quoted(text(random, 20)));
            line.append(",\"Metrics\":{");
            int metrics = random.nextInt(20);
            for (int m = 0; m < metrics; m++) {
                line.append(m == 0 ? "" : ",")
                        .append("\"m")
                        .append(m)
                        .append("\":")
                        .append(NUMBERS[random.nextInt(NUMBERS.length)]);
            }
            line.append("},\"Location\":{\"Latitude\":")
                    .append(NUMBERS[random.nextInt(NUMBERS.length)])
                    .append(",\"City\":")
                    .append(quoted(text(random, 10)))
                    .append('}');
            line.append(",\"Demographic\":{\"Make\":null}");
            line.append('}');
            RowDecoder.Decoded decoded = DECODER.jsonLine(line.toString());
            if (decoded.item() == null) {
                continue;
            }
            checked++;
            assertThat(RowDecoder.jsonSizeBound(line.toString(), decoded.item()))
                    .as("bound of %s", line)
                    .isGreaterThanOrEqualTo(size(decoded.item()));
        }
        assertThat(checked).isGreaterThan(1000);
    }

    @Test
    void csvBoundHoldsForNastyRows() {
        RowDecoder.CsvHeader header = DECODER.header(List.of(
                "Id",
                "ChannelType",
                "Address",
                "User.UserId",
                "Attributes.a",
                "Attributes.a",
                "Metrics.m",
                "Location.Latitude",
                "Demographic.Make",
                "User.UserAttributes.u"));
        Random random = new Random(7);
        int checked = 0;
        for (int i = 0; i < 3000; i++) {
            List<String> cells = new ArrayList<>();
            cells.add(random.nextBoolean() ? "" : "id" + i);
            cells.add("EMAIL");
            cells.add(text(random, 20));
            for (int c = 0; c < 3; c++) {
                cells.add(random.nextInt(4) == 0 ? "" : text(random, 20));
            }
            cells.add(NUMBERS[random.nextInt(NUMBERS.length)]);
            cells.add(random.nextBoolean() ? "" : NUMBERS[random.nextInt(NUMBERS.length)]);
            cells.add(text(random, 5));
            cells.add(text(random, 30));
            RowDecoder.Decoded decoded = DECODER.csvRow(header, cells);
            if (decoded.item() == null) {
                continue;
            }
            checked++;
            assertThat(RowDecoder.csvSizeBound(header, cells))
                    .as("bound of %s", cells)
                    .isGreaterThanOrEqualTo(size(decoded.item()));
        }
        assertThat(checked).isGreaterThan(1000);
    }

    @Test
    void tooLargeWritesTheItemOnlyAboveTheBound() {
        ObjectNode item = MAPPER.createObjectNode().put("Address", "x".repeat(RowDecoder.MAX_ENDPOINT_BYTES));
        assertThat(RowDecoder.tooLarge(item, Long.MAX_VALUE)).isTrue();
        assertThat(RowDecoder.tooLarge(item, RowDecoder.MAX_ENDPOINT_BYTES))
                .as("a bound at the limit means the item fits, whatever it holds")
                .isFalse();
        ObjectNode small = MAPPER.createObjectNode().put("Address", "x");
        assertThat(RowDecoder.tooLarge(small, Long.MAX_VALUE)).isFalse();
    }
}
