package io.pinpointimport.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.pinpointimport.format.EndpointReader;
import io.pinpointimport.format.ImportFormat;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Runs the validating-path benchmark once at a tiny size, both formats and every variant: it cannot rot. It checks
 * that every variant handles every record and that both ratios come out as sane numbers; no timing is asserted.
 */
class ValidatingPathBenchTest {
    private static final Pattern RATIO = Pattern.compile(
            "(CSV|JSON): (importFiles|reader\\+validator\\+writer) / bare Jackson = ([0-9.]+)× in CPU time,"
                    + " ([0-9.]+)× in wall time");

    @TempDir
    Path work;

    @Test
    void measuresEveryVariantInBothFormatsAndPrintsBothRatios() throws Exception {
        ValidatingPathBench.Settings settings =
                ValidatingPathBench.parse(new String[] {"--records", "300", "--rounds", "2"});
        settings.workDir = work;
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();

        List<ValidatingPathBench.Measured> measured =
                ValidatingPathBench.run(settings, new PrintStream(bytes, true, StandardCharsets.UTF_8));

        assertThat(measured)
                .extracting(m -> m.format() + " " + m.variant())
                .containsExactly(
                        "CSV importFiles",
                        "CSV reader+validator+writer",
                        "CSV jackson",
                        "JSON importFiles",
                        "JSON reader+validator+writer",
                        "JSON jackson");
        assertThat(measured).allSatisfy(m -> {
            // every generated record is valid, so every variant writes all of them
            assertThat(m.records()).isEqualTo(300);
            assertThat(m.cpuSeconds()).hasSize(1);
            assertThat(m.cpu()).isPositive().isFinite();
            assertThat(m.wall()).isPositive().isFinite();
        });
        String report = bytes.toString(StandardCharsets.UTF_8);
        List<String> ratios = new ArrayList<>();
        Matcher matcher = RATIO.matcher(report);
        while (matcher.find()) {
            ratios.add(matcher.group(1) + " " + matcher.group(2));
            assertThat(Double.parseDouble(matcher.group(3))).isPositive().isFinite();
            assertThat(Double.parseDouble(matcher.group(4))).isPositive().isFinite();
        }
        assertThat(ratios)
                .containsExactly(
                        "CSV importFiles",
                        "CSV reader+validator+writer",
                        "JSON importFiles",
                        "JSON reader+validator+writer");
        assertThat(report)
                .contains(
                        "CSV: importFiles / bare Jackson per round, CPU time: median",
                        "JSON: reader+validator+writer / bare Jackson per round, CPU time: median");
        assertThat(report).contains("| variant | records written | CPU s (median) |", "|---|---:|", "load at end:");
        // the inputs are removed after each format; only the shard directory may remain
        try (Stream<Path> left = Files.list(work)) {
            assertThat(left.map(p -> p.getFileName().toString())).doesNotContain("input.csv", "input.json");
        }
    }

    @Test
    void writesTheInputAloneForTheImportScript() throws Exception {
        Path input = work.resolve("input.json");

        ValidatingPathBench.main(
                new String[] {"--records", "50", "--format", "json", "--write-input", input.toString()});

        try (EndpointReader reader = EndpointReader.open(input, ImportFormat.JSON)) {
            assertThat(reader.stream().filter(r -> !r.isRejected()).count()).isEqualTo(50);
        }
    }

    @Test
    void refusesASingleRound() {
        assertThatThrownBy(() -> ValidatingPathBench.parse(new String[] {"--rounds", "1"}))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("warm-up");
    }
}
