package io.pinpointimport.testkit.profiles;

import static org.assertj.core.api.Assertions.assertThat;

import io.pinpointimport.emulator.profiles.CustomerProfilesEmulator;
import io.pinpointimport.format.ImportFormat;
import io.pinpointimport.model.EndpointDefinition;
import io.pinpointimport.testkit.ChildJvm;
import io.pinpointimport.testkit.FixtureFiles;
import io.pinpointimport.testkit.fixtures.EndpointFixtures;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.customerprofiles.CustomerProfilesAsyncClient;
import software.amazon.awssdk.services.customerprofiles.model.ListUploadJobsResponse;
import software.amazon.awssdk.services.customerprofiles.model.UploadJobItem;

/**
 * Kill and resume on the Customer Profiles target: a run in a child JVM ({@link ProfilesImportChild}) is killed right
 * after the emulator recorded an upload job whose answer the child never got, then resumed from its journal in a new
 * JVM. The resumed run adopts that job by its name: no shard gets a second upload job, and every record is accounted
 * for. The kill point is reached by holding the create's answer back, never by timing.
 */
class ProfilesKillAndResumeEmulatorTest {
    private static final String DOMAIN = "kill";
    private static final int RECORDS = 900;
    private static final int PER_SHARD = 300;

    @TempDir
    Path temp;

    private final List<ChildJvm> children = new ArrayList<>();

    @AfterEach
    void killLeftovers() throws Exception {
        for (ChildJvm child : children) {
            child.kill();
        }
    }

    @Test
    void aShardWhoseJobWasCreatedGetsNoSecondJobAfterAKill() throws Exception {
        List<EndpointDefinition> input = EndpointFixtures.builder()
                .seed(8)
                .ids(true)
                .specialCharacters(false)
                .build()
                .list(RECORDS);
        Path file = FixtureFiles.write(ImportFormat.JSON, input, temp, "input.json");
        try (CustomerProfilesEmulator emulator =
                        CustomerProfilesEmulator.builder().domain(DOMAIN).start();
                CustomerProfilesAsyncClient client = CustomerProfilesImportEmulatorTest.client(emulator)) {
            List<String> settings = List.of(
                    "profiles=" + emulator.endpoint(),
                    "domain=" + DOMAIN,
                    "journal=" + Files.createDirectories(temp.resolve("journal")),
                    "temp=" + Files.createDirectories(temp.resolve("work")),
                    "maxRecords=" + PER_SHARD);

            CompletableFuture<String> recorded = emulator.faults().holdNextCreateAfterRecording();
            ChildJvm first = start(settings, "start", file.toString());
            String heldJobId = first.awaitOrExit(recorded, "a create to be recorded");
            first.awaitLine(ChildJvm.RUN);
            String runId = first.runId();
            first.kill();
            emulator.faults().clear(); // the held answer is never sent
            assertThat(first.lines())
                    .as("the child never learnt the held job")
                    .noneMatch(l -> l.endsWith(" " + heldJobId))
                    .noneMatch(l -> l.startsWith("DONE"));

            ChildJvm resumed = start(settings, "resume", runId);
            assertThat(resumed.awaitExit()).as(resumed.describe()).isZero();
            Map<String, Long> done = resumed.summary();
            assertThat(done)
                    .as(resumed.describe())
                    .containsEntry("read", (long) RECORDS)
                    .containsEntry("shards", (long) (RECORDS / PER_SHARD))
                    .containsEntry("completed", (long) (RECORDS / PER_SHARD))
                    .containsEntry("failed", 0L)
                    .containsEntry("jobErrors", 0L)
                    .containsEntry("resumed", 1L);
            assertThat(done.get("read"))
                    .isEqualTo(done.get("rejected")
                            + done.get("imported")
                            + done.get("failedInService")
                            + done.get("failedWithJob")
                            + done.get("notSubmitted"));

            List<UploadJobItem> jobs = new ArrayList<>();
            String token = null;
            do {
                String next = token;
                ListUploadJobsResponse page = client.listUploadJobs(
                                r -> r.domainName(DOMAIN).maxResults(500).nextToken(next))
                        .join();
                jobs.addAll(page.items());
                token = page.nextToken();
            } while (token != null);
            assertThat(jobs)
                    .as("one upload job per shard, the held one adopted")
                    .hasSize(RECORDS / PER_SHARD);
            assertThat(jobs).extracting(UploadJobItem::displayName).doesNotHaveDuplicates();
            assertThat(jobs).extracting(UploadJobItem::statusAsString).containsOnly("SUCCEEDED");
            assertThat(jobs).extracting(UploadJobItem::jobId).contains(heldJobId);

            Set<String> users = new HashSet<>();
            input.forEach(e -> users.add(CustomerProfilesImportEmulatorTest.key(e)));
            assertThat(done.get("rejected")).isZero();
            assertThat(emulator.profileCount(DOMAIN)).isEqualTo(users.size());
        }
    }

    private ChildJvm start(List<String> settings, String mode, String operand) throws IOException {
        List<String> args = new ArrayList<>(settings);
        args.add(mode);
        args.add(operand);
        ChildJvm child = ChildJvm.start(ProfilesImportChild.class, args, temp, "child-" + children.size() + "-" + mode);
        children.add(child);
        return child;
    }
}
