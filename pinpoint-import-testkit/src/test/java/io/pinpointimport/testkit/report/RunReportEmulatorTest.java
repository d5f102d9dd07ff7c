package io.pinpointimport.testkit.report;

import static org.assertj.core.api.Assertions.assertThat;

import io.pinpointimport.EndpointImporter;
import io.pinpointimport.ImportRun;
import io.pinpointimport.ImportSummary;
import io.pinpointimport.emulator.LocalS3;
import io.pinpointimport.emulator.Pace;
import io.pinpointimport.emulator.pinpoint.PinpointEmulator;
import io.pinpointimport.format.ImportFormat;
import io.pinpointimport.job.JobStatus;
import io.pinpointimport.model.ChannelType;
import io.pinpointimport.model.EndpointDefinition;
import io.pinpointimport.report.OutcomeCounts;
import io.pinpointimport.report.RecordFate;
import io.pinpointimport.report.RecordOutcome;
import io.pinpointimport.report.RunReport;
import io.pinpointimport.s3.S3ShardStore;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.pinpoint.PinpointAsyncClient;
import software.amazon.awssdk.services.s3.S3AsyncClient;

/**
 * Issue 18's acceptance for the run report, against the emulator and the in-process S3: 10,000 records with rows
 * rejected locally, rows the service fails (endpoints of a user who already has the most endpoints the service
 * allows) and one job that ends FAILED. Every record gets exactly one outcome, the counts per outcome are the
 * summary's, and every failure line the service wrote lands on the input record it is about: checked against the
 * input itself, whose records say which of them the service must fail.
 */
class RunReportEmulatorTest {
    private static final String ROLE = "arn:aws:iam::123456789012:role/PinpointImport";
    private static final String BUCKET = "report";
    private static final int RECORDS = 10_000;
    private static final int PER_SHARD = 1_000;
    /** The shard whose job the emulator fails whole. */
    private static final int FAILED_SHARD = 3;
    /**
     * User ids the application already holds 15 endpoints for: the service fails any further endpoint of them. Several,
     * since the validator itself rejects a 16th endpoint of one user within a run.
     */
    private static final String FULL_USER = "full-user-";

    private static final int FULL_USERS = 20;

    static LocalS3 localS3;
    static PinpointEmulator emulator;
    static PinpointAsyncClient pinpoint;
    static S3AsyncClient s3;

    @TempDir
    Path temp;

    @BeforeAll
    static void start() {
        localS3 = LocalS3.start();
        localS3.createBucket(BUCKET);
        emulator = PinpointEmulator.builder().s3(localS3).pace(Pace.instant()).start();
        pinpoint = emulator.newAsyncClient();
        s3 = localS3.newAsyncClient();
    }

    @AfterAll
    static void stop() {
        pinpoint.close();
        s3.close();
        emulator.close();
        localS3.close();
    }

    private static boolean rejectedLocally(int i) {
        return i % 97 == 5;
    }

    private static boolean failedInService(int i) {
        return i % 53 == 7 && !rejectedLocally(i);
    }

    private static EndpointDefinition record(int i) {
        return EndpointDefinition.builder()
                .id("ep-" + i)
                .channelType(ChannelType.EMAIL)
                // no @: address.email-format rejects it locally
                .address(rejectedLocally(i) ? "user" + i + ".example.com" : "user" + i + "@example.com")
                .user(u -> u.userId(failedInService(i) ? FULL_USER + i % FULL_USERS : "user-" + i))
                .build();
    }

    private EndpointImporter.Builder importer(String app, Path journal) {
        return EndpointImporter.builder()
                .pinpoint(pinpoint)
                .applicationId(app)
                .roleArn(ROLE)
                .shardStore(S3ShardStore.builder()
                        .s3(s3)
                        .bucket(BUCKET)
                        .prefix("report/")
                        .build())
                .format(ImportFormat.CSV)
                .maxRecordsPerShard(PER_SHARD)
                .tempDirectory(temp)
                .journalDirectory(journal)
                .polling(p -> p.earlyInterval(Duration.ofMillis(10))
                        .minInterval(Duration.ofMillis(10))
                        .maxInterval(Duration.ofMillis(40)))
                .retry(r -> r.initialDelay(Duration.ofMillis(5)).maxDelay(Duration.ofMillis(40)));
    }

    @Test
    void everyRecordHasExactlyOneOutcomeMatchingTheSummaryAndTheInput() throws Exception {
        String app = emulator.createApp("report");
        Path journal = temp.resolve("journal");
        try (EndpointImporter filler =
                importer(app, temp.resolve("fill-journal")).build()) {
            List<EndpointDefinition> full = new ArrayList<>();
            for (int i = 0; i < 15 * FULL_USERS; i++) {
                int n = i;
                full.add(EndpointDefinition.builder()
                        .id("full-" + n)
                        .channelType(ChannelType.EMAIL)
                        .address("full" + n + "@example.com")
                        .user(u -> u.userId(FULL_USER + n % FULL_USERS))
                        .build());
            }
            assertThat(filler.importEndpoints(full)
                            .summary()
                            .get(60, TimeUnit.SECONDS)
                            .recordsImported())
                    .isEqualTo(15 * FULL_USERS);
        }
        emulator.faults().failJobAt(String.format("/%05d/", FAILED_SHARD), "Piece 1 could not be read");

        List<EndpointDefinition> input = new ArrayList<>();
        for (int i = 0; i < RECORDS; i++) {
            input.add(record(i));
        }
        ImportSummary summary;
        String runId;
        try (EndpointImporter importer = importer(app, journal).build()) {
            ImportRun run = importer.importEndpoints(input);
            runId = run.runId();
            summary = run.outcome().get(120, TimeUnit.SECONDS);
        }
        assertThat(summary.recordsRejected()).isPositive();
        assertThat(summary.recordsFailedInService())
                .as(summary.toString() + summary.results())
                .isPositive();
        assertThat(summary.recordsFailedWithJob()).isEqualTo(PER_SHARD);

        RunReport report = RunReport.open(journal, runId);
        assertThat(report.runEnded()).isTrue();
        SoftAssertions soft = new SoftAssertions();
        long index = 0;
        long serviceLines = 0;
        try (Stream<RecordFate> fates = report.fates()) {
            for (Iterator<RecordFate> it = fates.iterator(); it.hasNext(); index++) {
                RecordFate f = it.next();
                int i = (int) f.recordIndex();
                soft.assertThat(f.recordIndex())
                        .as("records in input order, each once")
                        .isEqualTo(index);
                soft.assertThat(f.endpointId())
                        .as("record %d", i)
                        .contains(input.get(i).id());
                RecordOutcome expected;
                if (rejectedLocally(i)) {
                    expected = RecordOutcome.REJECTED;
                } else if (f.shard().orElse(-1) == FAILED_SHARD) {
                    expected = RecordOutcome.FAILED_WITH_JOB;
                } else if (failedInService(i)) {
                    expected = RecordOutcome.FAILED_IN_SERVICE;
                } else {
                    expected = RecordOutcome.IMPORTED;
                }
                soft.assertThat(f.outcome()).as("record %d: %s", i, f).isEqualTo(expected);
                if (expected == RecordOutcome.REJECTED) {
                    soft.assertThat(f.ruleIds()).as("record %d", i).containsExactly("address.email-format");
                }
                if (expected == RecordOutcome.FAILED_IN_SERVICE) {
                    serviceLines++;
                    // the service's own line, about this shard's object, at this record's row below the header
                    soft.assertThat(f.serviceLine())
                            .as("record %d", i)
                            .hasValueSatisfying(line -> assertThat(line)
                                    .contains(String.format(
                                            "/%05d/part.csv line %d: ",
                                            f.shard().getAsInt(), f.row().getAsLong() + 2)));
                }
                if (expected == RecordOutcome.FAILED_WITH_JOB) {
                    soft.assertThat(f.jobId()).as("record %d", i).isPresent();
                }
            }
        }
        soft.assertThat(index).isEqualTo(RECORDS);
        soft.assertThat(serviceLines)
                .as("every failure line the service wrote is on a record")
                .isEqualTo(summary.results().stream()
                        .filter(r -> r.status() == JobStatus.COMPLETED)
                        .mapToLong(r -> r.failures().size())
                        .sum());

        OutcomeCounts counts = report.counts();
        soft.assertThat(counts.total()).isEqualTo(summary.recordsRead());
        soft.assertThat(counts.of(RecordOutcome.REJECTED)).isEqualTo(summary.recordsRejected());
        soft.assertThat(counts.of(RecordOutcome.IMPORTED)).isEqualTo(summary.recordsImported());
        soft.assertThat(counts.of(RecordOutcome.FAILED_IN_SERVICE)).isEqualTo(summary.recordsFailedInService());
        soft.assertThat(counts.of(RecordOutcome.FAILED_WITH_JOB)).isEqualTo(summary.recordsFailedWithJob());
        soft.assertThat(counts.of(RecordOutcome.NOT_SUBMITTED)).isEqualTo(summary.recordsNotSubmitted());
        soft.assertThat(counts.of(RecordOutcome.ROW_NOT_IDENTIFIED)).isZero();
        soft.assertAll();
    }
}
