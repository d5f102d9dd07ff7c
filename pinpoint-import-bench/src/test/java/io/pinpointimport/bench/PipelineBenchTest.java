package io.pinpointimport.bench;

import static org.assertj.core.api.Assertions.assertThat;

import io.pinpointimport.format.ImportFormat;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Runs every stage once at a tiny size against in-process servers: the benchmark cannot rot. No timing asserted. */
class PipelineBenchTest {

    @TempDir
    Path work;

    @Test
    void runsEveryStageOnceAtATinySize() throws Exception {
        for (ImportFormat format : new ImportFormat[] {ImportFormat.CSV, ImportFormat.JSON}) {
            PipelineBench.Settings settings = PipelineBench.parse(new String[] {
                "--sizes",
                "0.3",
                "--iterations",
                "1",
                "--warmup-mb",
                "0",
                "--format",
                format.name(),
                "--max-shard-bytes",
                "150000",
                "--calibration-records",
                "500"
            });
            settings.workDir = work;
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();

            List<PipelineBench.Result> results =
                    PipelineBench.run(settings, new PrintStream(bytes, true, StandardCharsets.UTF_8));

            assertThat(results)
                    .extracting(PipelineBench.Result::stage)
                    .containsExactly(
                            PipelineBench.Stage.SERIALIZE, PipelineBench.Stage.UPLOAD, PipelineBench.Stage.PIPELINE);
            PipelineBench.Result serialized = results.get(0);
            assertThat(serialized.shards()).isGreaterThan(1);
            assertThat(results.get(1).bytes()).isEqualTo(serialized.bytes());
            assertThat(results.get(2).bytes()).isEqualTo(serialized.bytes());
            assertThat(results.get(2).shards()).isEqualTo(serialized.shards());
            assertThat(results).allSatisfy(r -> {
                assertThat(r.seconds()).isPositive();
                assertThat(r.peakHeapMb()).isPositive();
            });
            assertThat(bytes.toString(StandardCharsets.UTF_8)).contains("efficiency", "peak heap MB", "median s");
            try (Stream<Path> left = Files.list(work)) {
                assertThat(left)
                        .as("no shard files left behind")
                        .allMatch(p -> !p.getFileName().toString().startsWith("kept-"));
            }
        }
    }

    @Test
    void stagesRotateSoThatEachRunsFirstOnceInThreeIterations() throws Exception {
        assertThat(PipelineBench.order(1))
                .containsExactly(
                        PipelineBench.Stage.SERIALIZE, PipelineBench.Stage.UPLOAD, PipelineBench.Stage.PIPELINE);
        assertThat(PipelineBench.order(2))
                .containsExactly(
                        PipelineBench.Stage.UPLOAD, PipelineBench.Stage.PIPELINE, PipelineBench.Stage.SERIALIZE);
        assertThat(PipelineBench.order(3))
                .containsExactly(
                        PipelineBench.Stage.PIPELINE, PipelineBench.Stage.SERIALIZE, PipelineBench.Stage.UPLOAD);
        assertThat(PipelineBench.order(4)).isEqualTo(PipelineBench.order(1));

        PipelineBench.Settings settings = PipelineBench.parse(new String[] {
            "--sizes",
            "0.2",
            "--iterations",
            "3",
            "--warmup-mb",
            "0",
            "--format",
            "json",
            "--max-shard-bytes",
            "100000",
            "--calibration-records",
            "300"
        });
        settings.workDir = work;
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        List<PipelineBench.Result> results =
                PipelineBench.run(settings, new PrintStream(bytes, true, StandardCharsets.UTF_8));

        assertThat(results).hasSize(9);
        for (int i = 0; i < 3; i++) {
            List<PipelineBench.Result> iteration = results.subList(3 * i, 3 * i + 3);
            assertThat(iteration)
                    .extracting(PipelineBench.Result::stage)
                    .containsExactlyElementsOf(PipelineBench.order(i + 1));
            assertThat(iteration).extracting(PipelineBench.Result::position).containsExactly(1, 2, 3);
            // upload before serialize in an iteration sends the previous serialize stage's files: the same bytes
            assertThat(iteration)
                    .extracting(PipelineBench.Result::bytes)
                    .containsOnly(results.get(0).bytes());
        }
        assertThat(bytes.toString(StandardCharsets.UTF_8)).contains("| 1 of 3 |", "medians, ", "core-time efficiency");
        assertThat(results)
                .filteredOn(r -> r.stage() == PipelineBench.Stage.PIPELINE)
                .allSatisfy(r -> assertThat(r.storedCpuSeconds()).isPositive().isLessThanOrEqualTo(r.cpuSeconds()));
    }
}
