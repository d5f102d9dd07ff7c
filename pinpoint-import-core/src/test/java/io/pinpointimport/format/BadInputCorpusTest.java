package io.pinpointimport.format;

import static org.assertj.core.api.Assertions.assertThat;

import io.pinpointimport.model.EndpointDefinition;
import io.pinpointimport.validation.Rejection;
import io.pinpointimport.validation.Rule;
import java.io.IOException;
import java.io.OutputStream;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Reads every file of the bad-input corpus ({@code src/test/resources/bad-input}) and checks it against
 * {@code bad-input/expected.tsv}: exactly the listed rejections (file, line, rule), the listed number of good records
 * still read, and nothing thrown.
 */
class BadInputCorpusTest {
    private static final String ROOT = "bad-input";

    /** One file's expectations: the rejections as "line rule" and the number of good records. */
    record Expected(String file, List<String> rejections, int good) {
        @Override
        public String toString() {
            return file;
        }
    }

    static Stream<Arguments> corpus() throws IOException {
        Map<String, Expected> byFile = new LinkedHashMap<>();
        for (String row : Files.readAllLines(root().resolve("expected.tsv"), StandardCharsets.UTF_8)) {
            if (row.isBlank() || row.startsWith("#")) {
                continue;
            }
            String[] c = row.split("\t");
            Expected e = byFile.computeIfAbsent(c[0], f -> new Expected(f, new ArrayList<>(), Integer.parseInt(c[3])));
            assertThat(Integer.parseInt(c[3])).as("good count of %s", c[0]).isEqualTo(e.good());
            if (!c[1].equals("-")) {
                e.rejections().add(c[1] + " " + c[2]);
            }
        }
        return byFile.values().stream().map(Arguments::of);
    }

    @Test
    void corpusIsLargeAndEveryFileIsListed() throws IOException {
        List<String> listed = corpus().map(a -> ((Expected) a.get()[0]).file()).toList();
        List<String> present = new ArrayList<>();
        for (String dir : List.of("csv", "json")) {
            try (Stream<Path> files = Files.list(root().resolve(dir))) {
                files.forEach(p -> present.add(dir + "/" + p.getFileName()));
            }
        }
        assertThat(listed).hasSizeGreaterThanOrEqualTo(40).containsExactlyInAnyOrderElementsOf(present);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("corpus")
    void eachFileGivesItsRejectionsAndStillReadsTheGoodRecords(Expected expected) {
        Path file = root().resolve(expected.file());
        ImportFormat format = expected.file().startsWith("csv/") ? ImportFormat.CSV : ImportFormat.JSON;
        List<String> rejections = new ArrayList<>();
        List<EndpointDefinition> good = new ArrayList<>();
        try (EndpointReader reader = EndpointReader.open(file, format)) {
            for (ReadResult r = reader.next(); r != null; r = reader.next()) {
                if (r.isRejected()) {
                    Rejection x = r.rejection();
                    assertThat(x.source()).contains(file.getFileName().toString());
                    assertThat(x.line()).hasValue(r.line());
                    assertThat(x.message()).isNotBlank();
                    // issue 14: no personal value, no terminal escape, nothing long, whatever the file holds
                    assertThat(x.describe())
                            .doesNotContain("secret", "\u001b", "\u0007", "pwned\u0007")
                            .hasSizeLessThan(1000);
                    rejections.add(r.line() + " " + x.rule().id());
                } else {
                    good.add(r.definition());
                }
            }
        }
        assertThat(rejections)
                .as("rejections (line rule) of %s", expected.file())
                .containsExactlyElementsOf(expected.rejections());
        assertThat(good)
                .as("good records of %s", expected.file())
                .hasSize(expected.good())
                .allSatisfy(d -> {
                    assertThat(d.id()).startsWith("good-").doesNotContain("\r", "\uFEFF");
                    if (d.address() != null) {
                        assertThat(d.address()).doesNotContain("\r");
                    }
                });
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("twentyMegabyteLine")
    void aTwentyMegabyteLineIsRejectedAndTheLinesAroundItAreRead(ImportFormat format, @TempDir Path dir)
            throws IOException {
        Path file = dir.resolve(format == ImportFormat.CSV ? "huge-line.csv" : "huge-line.json");
        String head = format == ImportFormat.CSV
                ? "Id,ChannelType,Address\ngood-1,EMAIL,user1@example.com\n"
                : "{\"Id\":\"good-1\",\"ChannelType\":\"EMAIL\"}\n";
        String tail = format == ImportFormat.CSV
                ? "good-2,EMAIL,user2@example.com\n"
                : "{\"Id\":\"good-2\",\"ChannelType\":\"EMAIL\"}\n";
        byte[] block = new byte[1024 * 1024];
        Arrays.fill(block, (byte) 'x');
        try (OutputStream out = Files.newOutputStream(file)) {
            out.write(head.getBytes(StandardCharsets.UTF_8));
            out.write((format == ImportFormat.CSV ? "bad-1,EMAIL," : "{\"Id\":\"bad-1\",\"Address\":\"")
                    .getBytes(StandardCharsets.UTF_8));
            for (int i = 0; i < 20; i++) {
                out.write(block);
            }
            out.write('\n');
            out.write(tail.getBytes(StandardCharsets.UTF_8));
        }
        long hugeLine = format == ImportFormat.CSV ? 3 : 2;
        List<ReadResult> results;
        try (EndpointReader reader = EndpointReader.open(file, format)) {
            results = reader.stream().toList();
        }
        assertThat(results).hasSize(3);
        assertThat(results.get(1).isRejected()).isTrue();
        assertThat(results.get(1).rejection().rule()).isEqualTo(Rule.MALFORMED_INPUT);
        assertThat(results.get(1).rejection().line()).hasValue(hugeLine);
        assertThat(results.get(1).rejection().source())
                .contains(file.getFileName().toString());
        assertThat(results.get(0).definition().id()).isEqualTo("good-1");
        assertThat(results.get(2).definition().id()).isEqualTo("good-2");
        assertThat(results.get(2).line()).isEqualTo(hugeLine + 1);
    }

    @Test
    void aHugeHeaderNameIsShortenedInEveryRejection(@TempDir Path dir) throws IOException {
        // issue 14: a 950 KB file with a 900 KB header cell made a 3.6 GB rejects file
        Path file = dir.resolve("huge-header.csv");
        StringBuilder text = new StringBuilder("Id,ChannelType,Address,Colour")
                .append("x".repeat(900_000))
                .append('\n');
        for (int i = 0; i < 200; i++) {
            text.append("bad-").append(i).append(",EMAIL,bad@example.com,blue\n");
        }
        Files.writeString(file, text, StandardCharsets.UTF_8);
        List<ReadResult> results;
        try (EndpointReader reader = EndpointReader.open(file, ImportFormat.CSV)) {
            results = reader.stream().toList();
        }
        assertThat(results).hasSize(200).allSatisfy(r -> {
            assertThat(r.rejection().rule()).isEqualTo(Rule.UNKNOWN_FIELD);
            assertThat(r.rejection().describe()).hasSizeLessThan(600).contains("900006 characters");
        });
    }

    @Test
    void aFileWithoutItsHeaderLineIsRejectedWithoutQuotingTheFirstRow(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("no-header.csv");
        Files.writeString(
                file,
                "john-1,EMAIL,john.secret@example.com,+12065550100\n"
                        + "jane-1,EMAIL,jane.secret@example.com,+12065550101\n",
                StandardCharsets.UTF_8);
        List<ReadResult> results;
        try (EndpointReader reader = EndpointReader.open(file, ImportFormat.CSV)) {
            results = reader.stream().toList();
        }
        assertThat(results).hasSize(2).allSatisfy(r -> {
            assertThat(r.isRejected()).isTrue();
            assertThat(r.rejection().message()).contains("not a header").doesNotContain("secret", "john", "+1206");
        });
        assertThat(results).extracting(ReadResult::line).containsExactly(1L, 2L);
    }

    static Stream<ImportFormat> twentyMegabyteLine() {
        return Stream.of(ImportFormat.CSV, ImportFormat.JSON);
    }

    private static Path root() {
        URL url = BadInputCorpusTest.class.getClassLoader().getResource(ROOT + "/expected.tsv");
        assertThat(url).as("bad-input/expected.tsv on the test class path").isNotNull();
        try {
            return Path.of(url.toURI()).getParent();
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }
}
