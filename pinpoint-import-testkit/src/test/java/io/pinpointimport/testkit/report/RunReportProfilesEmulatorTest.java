package io.pinpointimport.testkit.report;

import static org.assertj.core.api.Assertions.assertThat;

import io.pinpointimport.EndpointImporter;
import io.pinpointimport.ImportRun;
import io.pinpointimport.ImportSummary;
import io.pinpointimport.connect.CustomerProfilesImportTarget;
import io.pinpointimport.emulator.profiles.CustomerProfilesEmulator;
import io.pinpointimport.model.EndpointDefinition;
import io.pinpointimport.report.OutcomeCounts;
import io.pinpointimport.report.RecordFate;
import io.pinpointimport.report.RecordOutcome;
import io.pinpointimport.report.RunReport;
import io.pinpointimport.testkit.fixtures.EndpointFixtures;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.customerprofiles.CustomerProfilesAsyncClient;

/**
 * The run report with the second target, Amazon Connect Customer Profiles upload jobs, against its emulator: three
 * shards, one job failed whole; every record has one outcome and the counts are the summary's.
 */
class RunReportProfilesEmulatorTest {
    private static final String DOMAIN = "audience";
    private static final int PER_SHARD = 300;

    CustomerProfilesEmulator emulator;
    CustomerProfilesAsyncClient client;

    @TempDir
    Path temp;

    @BeforeEach
    void start() {
        emulator = CustomerProfilesEmulator.builder().domain(DOMAIN).start();
        client = CustomerProfilesAsyncClient.builder()
                .endpointOverride(emulator.endpoint())
                .region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("any", "any")))
                .build();
    }

    @AfterEach
    void stop() {
        client.close();
        emulator.close();
    }

    @Test
    void everyRecordOfAProfilesRunHasOneOutcomeAndTheCountsAreTheSummarys() throws Exception {
        emulator.faults().failJobNamed(" shard 00001");
        List<EndpointDefinition> input = EndpointFixtures.builder()
                .seed(3)
                .ids(true)
                .specialCharacters(false)
                .build()
                .list(3 * PER_SHARD);
        Path journal = temp.resolve("journal");
        ImportSummary summary;
        String runId;
        try (EndpointImporter importer = EndpointImporter.builder()
                .importTarget(CustomerProfilesImportTarget.builder()
                        .client(client)
                        .domainName(DOMAIN)
                        .dataExpiry(Duration.ofDays(30))
                        .workDirectory(temp)
                        .build())
                .tempDirectory(temp)
                .journalDirectory(journal)
                .maxRecordsPerShard(PER_SHARD)
                .polling(p -> p.earlyInterval(Duration.ofMillis(10))
                        .minInterval(Duration.ofMillis(10))
                        .maxInterval(Duration.ofMillis(50)))
                .build()) {
            ImportRun run = importer.importEndpoints(input);
            runId = run.runId();
            summary = run.outcome().get(180, TimeUnit.SECONDS);
        }
        assertThat(summary.jobsFailed()).isEqualTo(1);

        RunReport report = RunReport.open(journal, runId);
        OutcomeCounts counts = report.counts();
        assertThat(counts.total()).isEqualTo(input.size());
        assertThat(counts.of(RecordOutcome.REJECTED)).isEqualTo(summary.recordsRejected());
        assertThat(counts.of(RecordOutcome.IMPORTED)).isEqualTo(summary.recordsImported());
        assertThat(counts.of(RecordOutcome.FAILED_WITH_JOB)).isEqualTo(summary.recordsFailedWithJob());
        assertThat(counts.of(RecordOutcome.FAILED_IN_SERVICE)).isZero();
        assertThat(counts.of(RecordOutcome.NOT_SUBMITTED)).isEqualTo(summary.recordsNotSubmitted());
        try (Stream<RecordFate> fates = report.fates()) {
            assertThat(fates.filter(f -> f.outcome() == RecordOutcome.FAILED_WITH_JOB))
                    .isNotEmpty()
                    .allSatisfy(f -> {
                        assertThat(f.shard()).hasValue(1);
                        assertThat(f.jobId()).isPresent();
                        // Customer Profiles names no rows: its line is the job's status reason, on no record
                        assertThat(f.serviceLine()).isEmpty();
                    });
        }
    }
}
