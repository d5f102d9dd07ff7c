package io.pinpointimport.testkit.profiles;

import static org.assertj.core.api.Assertions.assertThat;

import io.pinpointimport.EndpointImporter;
import io.pinpointimport.ImportRun;
import io.pinpointimport.ImportSummary;
import io.pinpointimport.connect.CustomerProfilesImportTarget;
import io.pinpointimport.emulator.profiles.CustomerProfilesEmulator;
import io.pinpointimport.emulator.profiles.ProfilesError;
import io.pinpointimport.emulator.profiles.ProfilesOperation;
import io.pinpointimport.job.RetryOptions;
import io.pinpointimport.model.EndpointDefinition;
import io.pinpointimport.testkit.fixtures.EndpointFixtures;
import io.pinpointimport.testkit.fixtures.SeedExamples;
import io.pinpointimport.validation.Rejection;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.customerprofiles.CustomerProfilesAsyncClient;
import software.amazon.awssdk.services.customerprofiles.model.ListUploadJobsResponse;
import software.amazon.awssdk.services.customerprofiles.model.Profile;
import software.amazon.awssdk.services.customerprofiles.model.UploadJobItem;

/**
 * The Customer Profiles target end to end: the real {@link EndpointImporter}, {@link CustomerProfilesImportTarget}
 * and SDK client against the {@link CustomerProfilesEmulator}, which reads the uploaded files with its own parser.
 * Also the Customer Profiles rows of the fault matrix (throttling bursts, 5xx, a failed job, a lost create answer,
 * an expired upload URL). No sleeps: every wait is on a future.
 */
class CustomerProfilesImportEmulatorTest {
    static final String DOMAIN = "audience";
    /** The {@code UniqueKey} the target gives its jobs, which the emulator makes a search key of the domain. */
    static final String KEY = "ProfileKey";

    CustomerProfilesEmulator emulator;
    CustomerProfilesAsyncClient client;

    @TempDir
    Path temp;

    @BeforeEach
    void start() {
        emulator = CustomerProfilesEmulator.builder().domain(DOMAIN).start();
        client = client(emulator);
    }

    @AfterEach
    void stop() {
        client.close();
        emulator.close();
    }

    static CustomerProfilesAsyncClient client(CustomerProfilesEmulator emulator) {
        return CustomerProfilesAsyncClient.builder()
                .endpointOverride(emulator.endpoint())
                .region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("any", "any")))
                .build();
    }

    private EndpointImporter.Builder importer(CustomerProfilesAsyncClient profiles) {
        CustomerProfilesImportTarget target = CustomerProfilesImportTarget.builder()
                .client(profiles)
                .domainName(DOMAIN)
                .dataExpiry(Duration.ofDays(30))
                .workDirectory(temp)
                .build();
        return EndpointImporter.builder()
                .importTarget(target)
                .tempDirectory(temp)
                .polling(p -> p.earlyInterval(Duration.ofMillis(10))
                        .minInterval(Duration.ofMillis(10))
                        .maxInterval(Duration.ofMillis(50)))
                .retry(r -> r.initialDelay(Duration.ofMillis(10))
                        .maxDelay(Duration.ofMillis(50))
                        .quotaRetryDelay(Duration.ofMillis(20))
                        .attemptTimeout(Duration.ofSeconds(20)));
    }

    private static ImportSummary run(EndpointImporter.Builder builder, List<EndpointDefinition> input)
            throws Exception {
        try (EndpointImporter importer = builder.build()) {
            ImportRun run = importer.importEndpoints(input);
            return run.summary().get(180, TimeUnit.SECONDS);
        }
    }

    private Profile profile(String key) {
        List<Profile> found = client.searchProfiles(
                        r -> r.domainName(DOMAIN).keyName(KEY).values(key))
                .join()
                .items();
        assertThat(found).as("profiles with key %s", key).hasSize(1);
        return found.get(0);
    }

    private List<UploadJobItem> jobs() {
        List<UploadJobItem> all = new ArrayList<>();
        String token = null;
        do {
            String next = token;
            ListUploadJobsResponse page = client.listUploadJobs(
                            r -> r.domainName(DOMAIN).maxResults(500).nextToken(next))
                    .join();
            all.addAll(page.items());
            token = page.nextToken();
        } while (token != null);
        return all;
    }

    private static void assertAccountedFor(ImportSummary s) {
        assertThat(s.recordsRead())
                .isEqualTo(s.recordsRejected()
                        + s.recordsImported()
                        + s.recordsFailedInService()
                        + s.recordsFailedWithJob()
                        + s.recordsNotSubmitted());
    }

    /** One upload job per shard, each named once, all SUCCEEDED. */
    private void assertOneSucceededJobPerShard(ImportSummary s) {
        List<UploadJobItem> jobs = jobs();
        assertThat(jobs).hasSize(s.shards());
        assertThat(jobs)
                .extracting(UploadJobItem::displayName)
                .doesNotHaveDuplicates()
                .allMatch(name -> name.startsWith(CustomerProfilesImportTarget.DISPLAY_NAME_PREFIX + s.runId()));
        assertThat(jobs).extracting(UploadJobItem::statusAsString).containsOnly("SUCCEEDED");
    }

    @Test
    void theSeedsThreeEndpointsBecomeTwoProfilesReadBackFieldByField() throws Exception {
        ImportSummary s = run(importer(client), SeedExamples.endpoints());

        assertThat(s.isClean()).as(s.toString()).isTrue();
        assertThat(s.recordsRead()).isEqualTo(3);
        assertThat(s.recordsImported()).isEqualTo(3);
        assertAccountedFor(s);
        assertOneSucceededJobPerShard(s);
        assertThat(emulator.profileCount(DOMAIN)).isEqualTo(2);

        Profile one = profile("example-user-id-1");
        assertThat(one.accountNumber()).isEqualTo("example-user-id-1");
        assertThat(one.phoneNumber()).isEqualTo("2065550182");
        assertThat(one.emailAddress()).isNull();
        assertThat(one.address().country()).isEqualTo("CAN");
        assertThat(one.attributes())
                .containsEntry("SMS_Demographic_Platform", "Android")
                .containsEntry("SMS_Demographic_Make", "LG")
                .doesNotContainKey("APNS_Address");

        Profile two = profile("example-user-id-2");
        assertThat(two.accountNumber()).isEqualTo("example-user-id-2");
        assertThat(two.emailAddress()).isEqualTo("john.stiles@example.com");
        assertThat(two.phoneNumber()).isNull();
        assertThat(two.address().country()).isEqualTo("USA");
        assertThat(two.attributes())
                .containsEntry("APNS_Address", "1a2b3c4d5e6f7g8h9i0j1a2b3c4d5e6f")
                .containsEntry("APNS_Demographic_Platform", "iOS")
                .containsEntry("APNS_Demographic_Make", "Apple")
                .containsEntry("EMAIL_Demographic_Platform", "iOS");
        assertThat(one.profileId()).isNotEqualTo(two.profileId());
    }

    /** The key of the profile a record lands in: its user id, else its endpoint id. */
    static String key(EndpointDefinition endpoint) {
        String user = endpoint.user() == null ? null : endpoint.user().userId();
        return user != null ? user : endpoint.id();
    }

    @Test
    void aHundredThousandEndpointsInSeveralJobsAreAllAccountedForWithOneProfilePerUser() throws Exception {
        int count = 100_000;
        List<EndpointDefinition> input =
                EndpointFixtures.builder().seed(16).ids(true).build().list(count);
        try (CustomerProfilesEmulator lean = CustomerProfilesEmulator.builder()
                        .domain(DOMAIN)
                        .keepProfiles(false)
                        .start();
                CustomerProfilesAsyncClient leanClient = client(lean)) {
            CustomerProfilesEmulator full = emulator;
            CustomerProfilesAsyncClient fullClient = client;
            emulator = lean;
            client = leanClient;
            try {
                ImportSummary s =
                        run(importer(leanClient).maxRecordsPerShard(30_000).retainedRejections(count), input);

                assertThat(s.shards()).isEqualTo(4);
                assertThat(s.recordsRead()).isEqualTo(count);
                assertAccountedFor(s);
                assertThat(s.recordsFailedWithJob() + s.recordsNotSubmitted()).isZero();
                assertThat(s.jobErrors()).isEmpty();
                assertOneSucceededJobPerShard(s);
                Set<Long> rejected = new HashSet<>();
                for (Rejection rejection : s.rejections()) {
                    rejected.add(rejection.recordIndex());
                }
                assertThat(rejected).hasSize((int) s.recordsRejected());
                Set<String> users = new HashSet<>();
                for (int i = 0; i < count; i++) {
                    if (!rejected.contains((long) i)) {
                        users.add(key(input.get(i)));
                    }
                }
                assertThat(users.size()).isLessThan(count - rejected.size()); // several endpoints per user
                assertThat(lean.profileCount(DOMAIN)).isEqualTo(users.size());
                long created = 0;
                long updated = 0;
                for (UploadJobItem item : jobs()) {
                    var job = leanClient
                            .getUploadJob(r -> r.domainName(DOMAIN).jobId(item.jobId()))
                            .join();
                    created += job.resultsSummary().createdRecords();
                    updated += job.resultsSummary().updatedRecords();
                }
                assertThat(created).isEqualTo(users.size());
                assertThat(created + updated).isEqualTo(s.recordsImported());
            } finally {
                emulator = full;
                client = fullClient;
            }
        }
    }

    // ------------------------------------------------------------------------------ the fault matrix's rows

    private List<EndpointDefinition> threeShardsOfUsers() {
        return EndpointFixtures.builder()
                .seed(3)
                .ids(true)
                .specialCharacters(false)
                .build()
                .list(900);
    }

    /**
     * Attempts per call in the fault rows: the library's default. Each step of the target's create (CreateUploadJob,
     * GetUploadJobPath, the upload, StartUploadJob, the first GetUploadJob) has its own attempts, so every burst
     * (at most three in a row) is waited out even when one shard draws all of them.
     */
    static final int FAULT_ROW_ATTEMPTS = RetryOptions.DEFAULT_MAX_ATTEMPTS;

    private ImportSummary runInThreeShards(List<EndpointDefinition> input) throws Exception {
        return run(
                importer(client)
                        .maxRecordsPerShard(300)
                        .retry(r -> r.maxAttempts(FAULT_ROW_ATTEMPTS)
                                .initialDelay(Duration.ofMillis(10))
                                .maxDelay(Duration.ofMillis(50))
                                .quotaRetryDelay(Duration.ofMillis(20))
                                .attemptTimeout(Duration.ofSeconds(20))),
                input);
    }

    private void assertEveryRecordImportedOnce(ImportSummary s, List<EndpointDefinition> input) {
        assertThat(s.jobErrors()).isEmpty();
        assertAccountedFor(s);
        assertThat(s.recordsImported()).isEqualTo(input.size() - s.recordsRejected());
        assertOneSucceededJobPerShard(s);
        Set<String> users = new HashSet<>();
        Set<Long> rejected = new HashSet<>();
        s.rejections().forEach(r -> rejected.add(r.recordIndex()));
        for (int i = 0; i < input.size(); i++) {
            if (!rejected.contains((long) i)) {
                users.add(key(input.get(i)));
            }
        }
        assertThat(emulator.profileCount(DOMAIN)).isEqualTo(users.size());
    }

    @Test
    void throttlingBurstsOnTheCreateAndTheUploadAreWaitedOut() throws Exception {
        emulator.faults()
                .throttleNext(ProfilesOperation.CREATE_UPLOAD_JOB, 3)
                .throttleNext(ProfilesOperation.UPLOAD_FILE, 2);
        List<EndpointDefinition> input = threeShardsOfUsers();
        assertEveryRecordImportedOnce(runInThreeShards(input), input);
    }

    @Test
    void throttlingBurstsOnEveryStepAreWaitedOut() throws Exception {
        emulator.faults()
                .throttleNext(ProfilesOperation.CREATE_UPLOAD_JOB, 3)
                .throttleNext(ProfilesOperation.GET_UPLOAD_JOB_PATH, 2)
                .throttleNext(ProfilesOperation.START_UPLOAD_JOB, 2)
                .throttleNext(ProfilesOperation.GET_UPLOAD_JOB, 2)
                .throttleNext(ProfilesOperation.UPLOAD_FILE, 2);
        List<EndpointDefinition> input = threeShardsOfUsers();
        assertEveryRecordImportedOnce(runInThreeShards(input), input);
    }

    @Test
    void serverErrorsAreRetriedWithoutASecondJob() throws Exception {
        emulator.faults()
                .serverErrorNext(ProfilesOperation.CREATE_UPLOAD_JOB, 2)
                .serverErrorNext(ProfilesOperation.GET_UPLOAD_JOB_PATH, 2)
                .serverErrorNext(ProfilesOperation.START_UPLOAD_JOB, 2)
                .serverErrorNext(ProfilesOperation.GET_UPLOAD_JOB, 3)
                .serverErrorNext(ProfilesOperation.UPLOAD_FILE, 1);
        List<EndpointDefinition> input = threeShardsOfUsers();
        assertEveryRecordImportedOnce(runInThreeShards(input), input);
    }

    @Test
    void lostCreateAnswersAreFoundByNameNotCreatedTwice() throws Exception {
        // (not a 429: a throttled create is one the service did not record, and the target creates again then)
        emulator.faults()
                .failNextCreateAfterRecording(ProfilesError.INTERNAL_SERVER)
                .dropNextCreateAfterRecording();
        List<EndpointDefinition> input = threeShardsOfUsers();
        assertEveryRecordImportedOnce(runInThreeShards(input), input);
    }

    @Test
    void anExpiredUploadUrlIsReplaced() throws Exception {
        emulator.faults().expireNextUploadUrls(2);
        List<EndpointDefinition> input = threeShardsOfUsers();
        assertEveryRecordImportedOnce(runInThreeShards(input), input);
    }

    @Test
    void aFailedJobFailsItsShardOnlyAndEveryRecordIsStillAccountedFor() throws Exception {
        emulator.faults().failJobNamed(" shard 00001");
        List<EndpointDefinition> input = threeShardsOfUsers();
        ImportSummary s = runInThreeShards(input);

        assertAccountedFor(s);
        assertThat(s.jobsFailed()).isEqualTo(1);
        assertThat(s.jobsCompleted()).isEqualTo(2);
        assertThat(s.recordsFailedWithJob() + s.recordsFailedInService()).isEqualTo(300);
        assertThat(s.recordsImported()).isEqualTo(input.size() - s.recordsRejected() - 300);
        Map<String, String> statuses = new HashMap<>();
        jobs().forEach(j ->
                statuses.put(j.displayName().substring(j.displayName().lastIndexOf(' ') + 1), j.statusAsString()));
        assertThat(statuses).containsEntry("00001", "FAILED").hasSize(3);
        assertThat(jobs())
                .filteredOn(j -> j.displayName().endsWith("00001"))
                .singleElement()
                .satisfies(j -> assertThat(j.statusReasonAsString()).isEqualTo("VALIDATION_FAILURE"));
    }
}
