package io.pinpointimport.format;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.pinpointimport.ImportException;
import io.pinpointimport.model.ChannelType;
import io.pinpointimport.model.EndpointDefinition;
import io.pinpointimport.testkit.fixtures.SeedExamples;
import io.pinpointimport.validation.Rejection;
import io.pinpointimport.validation.Rule;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.SequenceInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EndpointReaderTest {
    @TempDir
    Path dir;

    private static Rejection only(List<ReadResult> results, int index) {
        return results.get(index).rejection();
    }

    @Test
    void aRepeatedCustomNameIsMalformedAmongFewNamesOrMany() {
        // names are compared one by one while an object has few, through a set past 8: both must catch a repeat,
        // a null one included, and keep every name's first place
        StringBuilder many = new StringBuilder();
        for (int i = 0; i < 12; i++) {
            many.append(i == 0 ? "" : ",")
                    .append("\"n")
                    .append(i)
                    .append("\":[\"v")
                    .append(i)
                    .append("\"]");
        }
        StringBuilder manyMetrics = new StringBuilder();
        for (int i = 0; i < 12; i++) {
            manyMetrics
                    .append(i == 0 ? "" : ",")
                    .append("\"m")
                    .append(i)
                    .append("\":")
                    .append(i)
                    .append(".5");
        }
        String text = String.join(
                "\n",
                "{\"ChannelType\":\"SMS\",\"Attributes\":{\"a\":[\"1\"],\"b\":null,\"a\":[\"2\"]}}",
                "{\"ChannelType\":\"SMS\",\"Attributes\":{\"b\":null,\"b\":[\"2\"]}}",
                "{\"ChannelType\":\"SMS\",\"Attributes\":{" + many + ",\"n3\":[\"again\"]}}",
                "{\"ChannelType\":\"SMS\",\"Attributes\":{" + many + ",\"n11\":null}}",
                "{\"ChannelType\":\"SMS\",\"Metrics\":{" + manyMetrics + ",\"m0\":1}}",
                "{\"ChannelType\":\"SMS\",\"User\":{\"UserAttributes\":{" + many + "}}," + "\"Attributes\":{\"b\":null,"
                        + many + "},\"Metrics\":{" + manyMetrics + "}}");

        List<ReadResult> results = Formats.read(ImportFormat.JSON, text + "\n");

        assertThat(results).hasSize(6);
        assertThat(only(results, 0).field()).contains("Attributes.a");
        assertThat(only(results, 1).field()).contains("Attributes.b");
        assertThat(only(results, 2).field()).contains("Attributes.n3");
        assertThat(only(results, 3).field()).contains("Attributes.n11");
        assertThat(only(results, 4).field()).contains("Metrics.m0");
        for (int i = 0; i < 5; i++) {
            assertThat(only(results, i).rule()).isEqualTo(Rule.MALFORMED_INPUT);
        }
        EndpointDefinition d = results.get(5).definition();
        assertThat(d.attributes().keySet()).hasSize(12).startsWith("n0", "n1").endsWith("n11");
        assertThat(d.attributes().get("n7")).containsExactly("v7");
        assertThat(d.user().userAttributes()).isEqualTo(d.attributes());
        assertThat(d.metrics()).hasSize(12).containsEntry("m0", 0.5).containsEntry("m11", 11.5);
    }

    @Test
    void jsonNumbersReadAsDoubleParseDoubleReadsTheirText() {
        // the factory reads numbers with Jackson's fast parser: it must give the very double the JDK gives
        java.util.SplittableRandom random = new java.util.SplittableRandom(19);
        List<String> texts = new java.util.ArrayList<>(List.of(
                "0",
                "-0",
                "0.1",
                "2.2250738585072011e-308",
                "4.9e-324",
                "1.7976931348623157e308",
                "9007199254740993",
                "123456789012345678901234567890",
                "0.30000000000000004",
                "1e23",
                "8.41e21",
                "5e-324",
                "47.6062"));
        for (int i = 0; i < 2_000; i++) {
            texts.add(Double.toString(Double.longBitsToDouble(random.nextLong()) % 1e12)
                    .replace("Infinity", "1")
                    .replace("NaN", "2"));
            texts.add(random.nextInt(1_000_000) + "." + random.nextInt(1_000_000) + "e" + (random.nextInt(600) - 300));
        }
        StringBuilder lines = new StringBuilder();
        for (String t : texts) {
            lines.append("{\"ChannelType\":\"SMS\",\"Metrics\":{\"m\":")
                    .append(t)
                    .append("}}\n");
        }

        List<ReadResult> results = Formats.read(ImportFormat.JSON, lines.toString());

        for (int i = 0; i < texts.size(); i++) {
            double expected = Double.parseDouble(texts.get(i));
            if (Double.isFinite(expected)) {
                assertThat(results.get(i).definition().metrics().get("m"))
                        .as(texts.get(i))
                        .isEqualTo(expected);
            }
        }
    }

    @Test
    void badJsonLinesAreRejectedAndReadingGoesOn() {
        String text = """
                {"ChannelType":"SMS","Address":"+1"}
                {"ChannelType":"SMS","Address":"secret-address
                [1,2]
                {"ChannelType":"SMS"} {"Address":"x"}
                {"ChannelType":"SMS","Address":5}
                {"ChannelType":"SMS","Bogus":"secret-value"}
                {"Location":{"Country":"US","Planet":"Earth"}}
                {"Metrics":{"m":"3"}}
                {"Attributes":{"a":"not-an-array"}}
                {"Attributes":{"a":["x",1]}}
                {"Address":"a","Address":"b"}

                {"ChannelType":"SMOKE_SIGNAL","Address":"+2"}
                """;

        List<ReadResult> results = Formats.read(ImportFormat.JSON, text);

        assertThat(results).hasSize(12);
        assertThat(results.get(0).definition().address()).isEqualTo("+1");
        assertThat(only(results, 1).rule()).isEqualTo(Rule.MALFORMED_INPUT);
        assertThat(only(results, 1).message()).doesNotContain("secret");
        assertThat(only(results, 2).rule()).isEqualTo(Rule.MALFORMED_INPUT);
        assertThat(only(results, 3).rule()).isEqualTo(Rule.MALFORMED_INPUT);
        assertThat(only(results, 4).rule()).isEqualTo(Rule.WRONG_TYPE);
        assertThat(only(results, 4).field()).contains("Address");
        assertThat(only(results, 5).rule()).isEqualTo(Rule.UNKNOWN_FIELD);
        assertThat(only(results, 5).field()).contains("Bogus");
        assertThat(only(results, 5).message()).doesNotContain("secret");
        assertThat(only(results, 6).field()).contains("Location.Planet");
        assertThat(only(results, 7).rule()).isEqualTo(Rule.WRONG_TYPE);
        assertThat(only(results, 7).field()).contains("Metrics.m");
        assertThat(only(results, 8).field()).contains("Attributes.a");
        assertThat(only(results, 9).field()).contains("Attributes.a[1]");
        assertThat(only(results, 10).rule()).isEqualTo(Rule.MALFORMED_INPUT);
        assertThat(only(results, 10).field()).contains("Address");
        // The blank line is skipped; the unknown channel type is carried as text for validation to judge.
        ReadResult last = results.get(11);
        assertThat(last.line()).isEqualTo(13);
        assertThat(last.recordIndex()).isEqualTo(11);
        assertThat(last.definition().channelType()).isEqualTo(ChannelType.UNKNOWN_TO_LIBRARY);
        assertThat(last.definition().channelTypeAsString()).isEqualTo("SMOKE_SIGNAL");

        Rejection r = only(results, 4);
        assertThat(r.source()).contains("test.json");
        assertThat(r.line()).hasValue(5);
        assertThat(r.recordIndex()).isEqualTo(4);
        assertThat(r.column()).isEmpty();
    }

    @Test
    void jsonNullMeansAbsent() {
        assertThat(Formats.readAll(
                        ImportFormat.JSON,
                        "{\"ChannelType\":\"SMS\",\"Address\":null,\"Location\":null,\"Attributes\":{\"a\":null}}\n"))
                .containsExactly(EndpointDefinition.builder()
                        .channelType(ChannelType.SMS)
                        .build());
    }

    @Test
    void badCsvLinesAreRejectedWithTheirColumnAndReadingGoesOn() {
        String text = """
                ChannelType,Address,Location.Latitude,Metrics.m,Attributes.a,Bogus
                SMS,+1,47.6,3,x,
                SMS,"secret,unclosed
                SMS,+2,north,3,x,
                SMS,+3,1,three,x,
                SMS,+4,1,3,x,secret-value
                SMS,+5,1,3,x,,extra
                SMS,+6,"x"y,3,x,
                SMS,+7,1,3,a"b,

                SMS,+8,,,\"quoted, with \"\"quotes\"\"\",
                """;

        List<ReadResult> results = Formats.read(ImportFormat.CSV, text);

        assertThat(results).hasSize(9);
        assertThat(results.get(0).definition().location().latitude()).isEqualTo(47.6);
        assertThat(only(results, 1).rule()).isEqualTo(Rule.MALFORMED_INPUT);
        assertThat(only(results, 1).column()).hasValue(2);
        assertThat(only(results, 1).message()).doesNotContain("secret");
        assertThat(only(results, 2).rule()).isEqualTo(Rule.WRONG_TYPE);
        assertThat(only(results, 2).column()).hasValue(3);
        assertThat(only(results, 2).field()).contains("Location.Latitude");
        assertThat(only(results, 3).rule()).isEqualTo(Rule.WRONG_TYPE);
        assertThat(only(results, 3).column()).hasValue(4);
        assertThat(only(results, 4).rule()).isEqualTo(Rule.UNKNOWN_FIELD);
        assertThat(only(results, 4).column()).hasValue(6);
        assertThat(only(results, 4).field()).contains("Bogus");
        assertThat(only(results, 4).message()).doesNotContain("secret");
        assertThat(only(results, 5).rule()).isEqualTo(Rule.MALFORMED_INPUT);
        assertThat(only(results, 5).column()).hasValue(7);
        assertThat(only(results, 6).column()).hasValue(3);
        assertThat(only(results, 7).column()).hasValue(5);
        ReadResult last = results.get(8);
        assertThat(last.line()).isEqualTo(11);
        assertThat(last.definition().attributes()).containsEntry("a", List.of("quoted, with \"quotes\""));
        assertThat(last.definition().location()).isNull();

        Rejection r = only(results, 2);
        assertThat(r.source()).contains("test.csv");
        assertThat(r.line()).hasValue(4);
        assertThat(r.recordIndex()).isEqualTo(2);
        assertThat(r.describe())
                .startsWith("record 2 (test.csv line 4, column 3) Location.Latitude [input.wrong-type]");
    }

    @Test
    void csvRowsShorterThanTheHeaderAreRejectedWithTheirLine() {
        // issue 14: "short-1,EMAIL,short1@example.com,gold" was read with user id "gold"
        List<ReadResult> results = Formats.read(
                ImportFormat.CSV,
                "Id,ChannelType,Address,User.UserId,Attributes.tier\nshort-1,EMAIL,short1@example.com,gold\n"
                        + "full-1,EMAIL,full1@example.com,,gold\n");

        assertThat(results).hasSize(2);
        assertThat(only(results, 0).rule()).isEqualTo(Rule.MALFORMED_INPUT);
        assertThat(only(results, 0).line()).hasValue(2);
        assertThat(only(results, 0).message()).contains("4 values", "5 columns").doesNotContain("gold", "short1");
        assertThat(results.get(1).definition().user()).isNull();
        assertThat(results.get(1).definition().attributes()).containsEntry("tier", List.of("gold"));
    }

    @Test
    void crOnlyLineEndsReadAsLines() {
        // issue 14: a CR-only export read as one header line ("Read 0 records")
        List<ReadResult> results = Formats.read(
                ImportFormat.CSV, "Id,ChannelType,Address\rcr-1,EMAIL,a@example.com\rcr-2,EMAIL,b@example.com\r");

        assertThat(results).extracting(r -> r.definition().id()).containsExactly("cr-1", "cr-2");
        assertThat(results).extracting(ReadResult::line).containsExactly(2L, 3L);
    }

    @Test
    void repeatedSingleValuedCsvColumnIsRejectedWhereItHoldsAValue() {
        List<ReadResult> results = Formats.read(ImportFormat.CSV, "Address,Address\n+1,\n+1,+2\n");

        assertThat(results.get(0).isRejected()).isFalse();
        assertThat(only(results, 1).rule()).isEqualTo(Rule.MALFORMED_INPUT);
        assertThat(only(results, 1).column()).hasValue(2);
    }

    @Test
    void malformedCsvHeaderRejectsEveryRowButReadsThemAll() {
        List<ReadResult> results = Formats.read(ImportFormat.CSV, "ChannelType,\"Address\n SMS,+1\nSMS,+2\n");

        assertThat(results).hasSize(2).allSatisfy(r -> {
            assertThat(r.rejection().rule()).isEqualTo(Rule.MALFORMED_INPUT);
            assertThat(r.rejection().message()).contains("header on line 1");
        });
    }

    @Test
    void invalidUtf8IsRejectedPerLine() {
        byte[] bad = "Address\n+1\n".getBytes(StandardCharsets.UTF_8);
        byte[] text = new byte[bad.length + 3];
        System.arraycopy(bad, 0, text, 0, bad.length);
        text[bad.length] = (byte) 0xC3;
        text[bad.length + 1] = (byte) 0x28;
        text[bad.length + 2] = '\n';
        for (ImportFormat f : ImportFormat.values()) {
            byte[] input = f == ImportFormat.CSV
                    ? text
                    : "{\"Address\":\"+1\"}\n{\"Address\":\"\u00c3(\"}\n".getBytes(StandardCharsets.ISO_8859_1);
            try (EndpointReader reader = EndpointReader.open(new ByteArrayInputStream(input), f, null)) {
                assertThat(reader.next().isRejected()).isFalse();
                ReadResult r = reader.next();
                assertThat(r.rejection().rule()).as("%s", f).isEqualTo(Rule.MALFORMED_INPUT);
                assertThat(reader.next()).isNull();
            }
        }
    }

    @Test
    void bomAndCrLfAreAccepted() {
        String crlf = "\uFEFF" + SeedExamples.CSV.replace("\n", "\r\n");
        assertThat(Formats.readAll(ImportFormat.CSV, crlf)).isEqualTo(SeedExamples.endpoints());
        String json = "\uFEFF" + SeedExamples.NDJSON.replace("\n", "\r\n");
        assertThat(Formats.readAll(ImportFormat.JSON, json)).isEqualTo(SeedExamples.endpoints());
    }

    @Test
    void overlongLineIsRejectedWithoutStoppingTheReader() {
        StringBuilder text = new StringBuilder("{\"Address\":\"");
        text.append("x".repeat(EndpointReader.MAX_LINE_BYTES));
        text.append("\"}\n{\"Address\":\"+1\"}\n");

        List<ReadResult> results = Formats.read(ImportFormat.JSON, text.toString());

        assertThat(results).hasSize(2);
        assertThat(results.get(0).rejection().message()).contains("longer than");
        assertThat(results.get(1).definition().address()).isEqualTo("+1");
    }

    @Test
    void lastLineWithoutNewlineAndEmptyInputs() {
        assertThat(Formats.readAll(ImportFormat.JSON, "{\"Address\":\"+1\"}")).hasSize(1);
        assertThat(Formats.read(ImportFormat.JSON, "")).isEmpty();
        assertThat(Formats.read(ImportFormat.CSV, "")).isEmpty();
        assertThat(Formats.read(ImportFormat.CSV, "Address\n")).isEmpty();
    }

    @Test
    void opensFilesByPathAndNamesThemInRejections() throws IOException {
        Path file = dir.resolve("users.json");
        Files.writeString(file, SeedExamples.NDJSON + "not json\n");
        try (EndpointReader reader = EndpointReader.open(file, ImportFormat.JSON)) {
            List<ReadResult> results = reader.stream().toList();
            assertThat(results).hasSize(4);
            assertThat(results.get(3).rejection().source()).contains("users.json");
            assertThat(reader.source()).hasValue("users.json");
        }
    }

    @Test
    void aFileThatCannotBeOpenedIsAnInputReadExceptionNamingIt() {
        Path missing = dir.resolve("missing.csv");
        assertThatThrownBy(() -> EndpointReader.open(missing, ImportFormat.CSV))
                .isInstanceOfSatisfying(InputReadException.class, e -> {
                    assertThat(e.source()).hasValue("missing.csv");
                    assertThat(e.line()).isZero();
                    assertThat(e).hasMessageContaining("missing.csv").isInstanceOf(ImportException.class);
                })
                .hasCauseInstanceOf(NoSuchFileException.class);
    }

    @Test
    void anInputThatFailsMidwayIsAnInputReadExceptionWithTheLastLineRead() {
        byte[] good = SeedExamples.NDJSON.getBytes(StandardCharsets.UTF_8);
        InputStream failing = new SequenceInputStream(new ByteArrayInputStream(good), new InputStream() {
            @Override
            public int read() throws IOException {
                throw new IOException("disk gone");
            }
        });
        try (EndpointReader reader = EndpointReader.open(failing, ImportFormat.JSON, "users.json")) {
            assertThatThrownBy(() -> reader.stream().toList()).isInstanceOfSatisfying(InputReadException.class, e -> {
                assertThat(e.source()).hasValue("users.json");
                assertThat(e.line()).isEqualTo(SeedExamples.NDJSON.lines().count());
                assertThat(e.getCause()).hasMessage("disk gone");
            });
        }
    }

    @Test
    void readResultAccessorsGuardTheAbsentSide() {
        List<ReadResult> results = Formats.read(ImportFormat.JSON, "{}\nnope\n");
        assertThatThrownBy(() -> results.get(0).rejection()).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> results.get(1).definition()).isInstanceOf(IllegalStateException.class);
        assertThat(results.get(0))
                .isEqualTo(Formats.read(ImportFormat.JSON, "{}\n").get(0));
    }

    @Test
    void closedReaderRefusesToRead() {
        EndpointReader reader = EndpointReader.open(new ByteArrayInputStream(new byte[0]), ImportFormat.CSV, "x");
        reader.close();
        assertThatThrownBy(reader::next).isInstanceOf(IllegalStateException.class);
    }
}
