package io.pinpointimport.examples;

import static org.assertj.core.api.Assertions.assertThat;

import io.pinpointimport.EndpointImporter;
import io.pinpointimport.ImportRun;
import io.pinpointimport.ImportSummary;
import io.pinpointimport.report.OutcomeCounts;
import io.pinpointimport.report.RecordFate;
import io.pinpointimport.report.RecordOutcome;
import io.pinpointimport.report.RunReport;
import io.pinpointimport.s3.S3ShardStore;
import io.pinpointimport.spi.ShardStore;
import io.pinpointimport.testkit.junit.ApplicationId;
import io.pinpointimport.testkit.junit.Bucket;
import io.pinpointimport.testkit.junit.PinpointEmulatorTest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.pinpoint.PinpointAsyncClient;
import software.amazon.awssdk.services.s3.S3AsyncClient;

/**
 * docs/journal-and-resume.md: a run with a journal, stopped, and resumed by a second importer; docs/after-the-run.md: its
 * report.
 */
@PinpointEmulatorTest
class JournalExampleTest {

    @Test
    void resumesAStoppedRun(PinpointAsyncClient pinpoint, S3AsyncClient s3, @Bucket String bucket,
                            @ApplicationId String applicationId, @TempDir Path dir) throws Exception {
        Path journalDirectory = dir.resolve("pinpoint-journal");
        Path endpointsCsv = dir.resolve("endpoints.csv");
        Files.writeString(endpointsCsv, "ChannelType,Address\n" + IntStream.range(0, 2_000)
                .mapToObj(i -> "EMAIL,user" + i + "@example.com\n").collect(Collectors.joining()));
        String roleArn = "arn:aws:iam::123456789012:role/PinpointImport";
        ShardStore s3Store = S3ShardStore.builder().s3(s3).bucket(bucket).build();

        // tag::journal[]
        EndpointImporter importer = EndpointImporter.builder()
                .pinpoint(pinpoint).applicationId(applicationId).roleArn(roleArn)
                .shardStore(s3Store)
                .journalDirectory(journalDirectory)          // a disk that survives the crash
                .build();

        ImportRun run = importer.importFiles(endpointsCsv);
        String runId = run.runId();                         // keep it, or find it later with unfinishedRuns()
        // end::journal[]
        run.cancel();                                        // stands in for the crash
        importer.close();
        EndpointImporter later = EndpointImporter.builder()
                .pinpoint(pinpoint).applicationId(applicationId).roleArn(roleArn)
                .shardStore(s3Store)
                .journalDirectory(journalDirectory)
                .build();
        try (later) {
            assertThat(later.unfinishedRuns()).contains(runId);
            // tag::resume[]
            // ... the process died. Later, with an importer built with the same settings:
            ImportSummary summary = later.resume(runId).summary().join();
            // end::resume[]
            assertThat(summary.resumed()).isTrue();
            assertThat(summary.recordsRead()).isEqualTo(2_000);
            assertThat(summary.serviceProcessed()).isEqualTo(2_000);

            // tag::run-report[]
            RunReport report = RunReport.open(journalDirectory, runId);
            OutcomeCounts counts = report.counts();              // per outcome, as the summary counts them
            try (Stream<RecordFate> notImported = report.fates()
                    .filter(f -> f.outcome() != RecordOutcome.IMPORTED)) {
                notImported.forEach(f -> System.out.println(f.describe()));
            }
            // end::run-report[]
            assertThat(counts.of(RecordOutcome.IMPORTED)).isEqualTo(summary.recordsImported());
            assertThat(counts.total()).isEqualTo(2_000);
        }
    }
}
