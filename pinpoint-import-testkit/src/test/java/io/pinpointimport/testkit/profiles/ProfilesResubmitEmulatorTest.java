package io.pinpointimport.testkit.profiles;

import static org.assertj.core.api.Assertions.assertThat;

import io.pinpointimport.EndpointImporter;
import io.pinpointimport.ImportSummary;
import io.pinpointimport.connect.CustomerProfilesImportTarget;
import io.pinpointimport.emulator.profiles.CustomerProfilesEmulator;
import io.pinpointimport.job.ImportResult;
import io.pinpointimport.job.JobStatus;
import io.pinpointimport.model.EndpointDefinition;
import io.pinpointimport.store.LocalShardStore;
import io.pinpointimport.testkit.fixtures.EndpointFixtures;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.SortedMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.customerprofiles.CustomerProfilesAsyncClient;

/**
 * A Customer Profiles run whose upload job ended {@code FAILED} keeps that shard in its {@link LocalShardStore}, as the
 * S3 store keeps the shards of a Pinpoint run, so that {@code resubmitFailed} can give it a new job; once every job of
 * the run has completed, the run's kept shards are deleted.
 */
class ProfilesResubmitEmulatorTest {
    private static final String DOMAIN = "resubmit";
    private static final int RECORDS = 900;
    private static final int PER_SHARD = 300;

    @TempDir
    Path temp;

    @Test
    void aShardWhoseUploadJobFailedIsKeptResubmittedAndImportedThenTheRunsShardsAreDeleted() throws Exception {
        List<EndpointDefinition> input = EndpointFixtures.builder()
                .seed(31)
                .ids(true)
                .specialCharacters(false)
                .build()
                .list(RECORDS);
        Path store = Files.createDirectories(temp.resolve("store"));
        Path journal = Files.createDirectories(temp.resolve("journal"));
        try (CustomerProfilesEmulator emulator =
                        CustomerProfilesEmulator.builder().domain(DOMAIN).start();
                CustomerProfilesAsyncClient client = CustomerProfilesImportEmulatorTest.client(emulator)) {
            emulator.faults().failJobNamed(" shard 00001");
            String runId;
            try (EndpointImporter importer = importer(client, store, journal)) {
                ImportSummary first = importer.importEndpoints(input).outcome().get(180, TimeUnit.SECONDS);
                runId = first.runId();
                assertThat(first.jobsFailed()).as("shard 1's job").isEqualTo(1);
                assertThat(first.jobsCompleted()).isEqualTo(2);
                assertThat(first.recordsImported()).isEqualTo(RECORDS - PER_SHARD);
            }
            assertThat(files(store.resolve(runId)))
                    .as("the run's shards stay while a job of it failed")
                    .isNotEmpty();
            emulator.faults().clear();

            try (EndpointImporter importer = importer(client, store, journal)) {
                SortedMap<Integer, CompletableFuture<ImportResult>> again = importer.resubmitFailed(runId);
                assertThat(again).containsOnlyKeys(1);
                ImportResult result = again.get(1).get(180, TimeUnit.SECONDS);
                assertThat(result.status()).isEqualTo(JobStatus.COMPLETED);
                assertThat(result.totalProcessed()).hasValue(PER_SHARD);
            }
            Set<String> users = new HashSet<>();
            input.forEach(e -> users.add(CustomerProfilesImportEmulatorTest.key(e)));
            assertThat(emulator.profileCount(DOMAIN))
                    .as("every user's profile, shard 1's among them")
                    .isEqualTo(users.size());
            assertThat(store.resolve(runId))
                    .as("every job of the run has completed: nothing needs its shards any more")
                    .doesNotExist();
        }
    }

    @Test
    void aRunWhoseJobsAllCompletedLeavesNoShardBehind() throws Exception {
        List<EndpointDefinition> input = EndpointFixtures.builder()
                .seed(32)
                .ids(true)
                .specialCharacters(false)
                .build()
                .list(PER_SHARD * 2);
        Path store = Files.createDirectories(temp.resolve("store"));
        try (CustomerProfilesEmulator emulator =
                        CustomerProfilesEmulator.builder().domain(DOMAIN).start();
                CustomerProfilesAsyncClient client = CustomerProfilesImportEmulatorTest.client(emulator);
                EndpointImporter importer = importer(client, store, temp.resolve("journal"))) {
            ImportSummary s = importer.importEndpoints(input).outcome().get(180, TimeUnit.SECONDS);
            assertThat(s.jobsCompleted()).isEqualTo(2);
            assertThat(store.resolve(s.runId())).doesNotExist();
        }
    }

    private EndpointImporter importer(CustomerProfilesAsyncClient client, Path store, Path journal) {
        return EndpointImporter.builder()
                .importTarget(CustomerProfilesImportTarget.builder()
                        .client(client)
                        .domainName(DOMAIN)
                        .dataExpiry(Duration.ofDays(30))
                        .workDirectory(temp)
                        .build())
                .shardStore(LocalShardStore.builder().directory(store).build())
                .journalDirectory(journal)
                .tempDirectory(temp)
                .maxRecordsPerShard(PER_SHARD)
                .polling(p -> p.earlyInterval(Duration.ofMillis(10))
                        .minInterval(Duration.ofMillis(10))
                        .maxInterval(Duration.ofMillis(50)))
                .retry(r -> r.initialDelay(Duration.ofMillis(10))
                        .maxDelay(Duration.ofMillis(50))
                        .quotaRetryDelay(Duration.ofMillis(20))
                        .attemptTimeout(Duration.ofSeconds(20)))
                .build();
    }

    private static List<Path> files(Path dir) throws IOException {
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> s = Files.walk(dir)) {
            return s.filter(Files::isRegularFile).toList();
        }
    }
}
