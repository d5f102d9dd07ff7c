package io.pinpointimport.emulator.profiles;

import static io.pinpointimport.emulator.profiles.ProfilesClients.client;
import static io.pinpointimport.emulator.profiles.ProfilesClients.fields;
import static io.pinpointimport.emulator.profiles.ProfilesClients.put;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.pinpointimport.emulator.Pace;
import io.pinpointimport.emulator.profiles.internal.ProfilesEngine;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.services.customerprofiles.CustomerProfilesClient;
import software.amazon.awssdk.services.customerprofiles.model.BadRequestException;
import software.amazon.awssdk.services.customerprofiles.model.CustomerProfilesException;
import software.amazon.awssdk.services.customerprofiles.model.FieldContentType;
import software.amazon.awssdk.services.customerprofiles.model.GetDomainResponse;
import software.amazon.awssdk.services.customerprofiles.model.GetUploadJobPathResponse;
import software.amazon.awssdk.services.customerprofiles.model.GetUploadJobResponse;
import software.amazon.awssdk.services.customerprofiles.model.InternalServerException;
import software.amazon.awssdk.services.customerprofiles.model.Profile;
import software.amazon.awssdk.services.customerprofiles.model.ResourceNotFoundException;
import software.amazon.awssdk.services.customerprofiles.model.StatusReason;
import software.amazon.awssdk.services.customerprofiles.model.ThrottlingException;
import software.amazon.awssdk.services.customerprofiles.model.UploadJobStatus;

class CustomerProfilesEmulatorTest {

    private static final String HEADER = "UserId,Email,Phone,City,tier,Ignored\n";

    private CustomerProfilesEmulator emulator;
    private CustomerProfilesClient client;

    @BeforeEach
    void start() {
        emulator = CustomerProfilesEmulator.builder().domain("audience").start();
        client = client(emulator);
    }

    @AfterEach
    void stop() {
        client.close();
        emulator.close();
    }

    private String runJob(String displayName, String csv) throws Exception {
        String jobId = client.createUploadJob(r -> r.domainName("audience")
                        .displayName(displayName)
                        .fields(fields())
                        .uniqueKey("UserId")
                        .dataExpiry(30))
                .jobId();
        GetUploadJobPathResponse path =
                client.getUploadJobPath(r -> r.domainName("audience").jobId(jobId));
        HttpResponse<String> upload = put(path, csv);
        assertThat(upload.statusCode()).as(upload.body()).isEqualTo(200);
        assertThat(upload.headers().firstValue("ETag")).isPresent();
        client.startUploadJob(r -> r.domainName("audience").jobId(jobId));
        return jobId;
    }

    private String createJob(String displayName) {
        return client.createUploadJob(r -> r.domainName("audience")
                        .displayName(displayName)
                        .fields(fields())
                        .uniqueKey("UserId"))
                .jobId();
    }

    private GetUploadJobResponse job(String jobId) {
        return client.getUploadJob(r -> r.domainName("audience").jobId(jobId));
    }

    private List<Profile> search(String keyName, String value) {
        return client.searchProfiles(
                        r -> r.domainName("audience").keyName(keyName).values(value))
                .items();
    }

    @Test
    void aJobMakesProfilesThatSearchReadsBackFieldByField() throws Exception {
        String jobId = runJob(
                "run-1 shard 1",
                HEADER
                        + "u-1,one@example.com,+1 206 555 0100,Seattle,gold,x\n"
                        + "u-2,two@example.com,,\"Portland, OR\",,y\n");

        GetUploadJobResponse job = job(jobId);
        assertThat(job.status()).isEqualTo(UploadJobStatus.SUCCEEDED);
        assertThat(job.statusReason()).isNull();
        assertThat(job.resultsSummary().createdRecords()).isEqualTo(2);
        assertThat(job.resultsSummary().updatedRecords()).isZero();
        assertThat(job.resultsSummary().failedRecords()).isZero();
        assertThat(job.displayName()).isEqualTo("run-1 shard 1");
        assertThat(job.uniqueKey()).isEqualTo("UserId");
        assertThat(job.dataExpiry()).isEqualTo(30);
        assertThat(job.fields()).containsOnlyKeys("UserId", "Email", "Phone", "City", "tier");
        assertThat(job.completedAt()).isAfterOrEqualTo(job.createdAt());

        List<Profile> found = search("UserId", "u-1");
        assertThat(found).hasSize(1);
        Profile one = found.get(0);
        assertThat(one.profileId()).matches("[0-9a-f]{32}");
        assertThat(one.accountNumber()).isEqualTo("u-1");
        assertThat(one.emailAddress()).isEqualTo("one@example.com");
        assertThat(one.phoneNumber()).isEqualTo("+1 206 555 0100");
        assertThat(one.address().city()).isEqualTo("Seattle");
        assertThat(one.attributes()).containsExactly(Map.entry("tier", "gold"));

        Profile two = search("_email", "TWO@example.com").get(0);
        assertThat(two.address().city()).isEqualTo("Portland, OR");
        assertThat(two.phoneNumber()).isNull();
        assertThat(two.attributes()).isEmpty();
        assertThat(search("_phone", "+12065550100"))
                .extracting(Profile::accountNumber)
                .containsExactly("u-1");
        assertThat(search("_profileId", one.profileId())).hasSize(1);

        GetDomainResponse domain = client.getDomain(r -> r.domainName("audience"));
        assertThat(domain.stats().profileCount()).isEqualTo(2);
        assertThat(emulator.profileCount("audience")).isEqualTo(2);
    }

    @Test
    void laterRowsUpdateAndEmptyCellsKeepWhatIsThere() throws Exception {
        runJob("first", HEADER + "u-1,one@example.com,,Seattle,gold,\n");
        String second = runJob(
                "second",
                HEADER + "u-1,,+12065550100,,platinum,\n" + "u-3,three@example.com,,,,\n" + "u-3,,,Boston,,\n");

        GetUploadJobResponse job = job(second);
        assertThat(job.status()).isEqualTo(UploadJobStatus.SUCCEEDED);
        assertThat(job.resultsSummary().createdRecords()).isEqualTo(1);
        assertThat(job.resultsSummary().updatedRecords()).isEqualTo(2);
        Profile one = search("UserId", "u-1").get(0);
        assertThat(one.emailAddress()).isEqualTo("one@example.com");
        assertThat(one.phoneNumber()).isEqualTo("+12065550100");
        assertThat(one.address().city()).isEqualTo("Seattle");
        assertThat(one.attributes()).containsEntry("tier", "platinum");
        Profile three = search("UserId", "u-3").get(0);
        assertThat(three.emailAddress()).isEqualTo("three@example.com");
        assertThat(three.address().city()).isEqualTo("Boston");
        assertThat(emulator.profileCount("audience")).isEqualTo(2);
    }

    @Test
    void badRowsFailAloneAndAreCounted() throws Exception {
        String jobId = runJob(
                "mixed",
                HEADER
                        + "u-1,one@example.com,,,,\n"
                        + "u-2,not-an-email,,,,\n" // content type EMAIL_ADDRESS
                        + ",three@example.com,,,,\n" // no unique key
                        + "u-4,,,," + "x".repeat(256) + ",\n" // attribute over 255 characters
                        + "u-5,five@example.com\n" // short row
                        + "u-6,,12345678901234567,,,\n"); // too many digits for a phone number

        GetUploadJobResponse job = job(jobId);
        assertThat(job.status()).isEqualTo(UploadJobStatus.PARTIALLY_SUCCEEDED);
        assertThat(job.resultsSummary().createdRecords()).isEqualTo(1);
        assertThat(job.resultsSummary().failedRecords()).isEqualTo(5);
        assertThat(emulator.profileCount("audience")).isEqualTo(1);
    }

    @Test
    void aFileEveryRowOfWhichFailsFailsTheJob() throws Exception {
        String jobId = runJob("all bad", HEADER + ",a@example.com,,,,\n,b@example.com,,,,\n");
        GetUploadJobResponse job = job(jobId);
        assertThat(job.status()).isEqualTo(UploadJobStatus.FAILED);
        assertThat(job.statusReason()).isEqualTo(StatusReason.VALIDATION_FAILURE);
        assertThat(job.resultsSummary().failedRecords()).isEqualTo(2);
    }

    @Test
    void aFileWithoutAMappedColumnFailsTheJobAndAppliesNothing() throws Exception {
        String jobId = runJob("no city column", "UserId,Email,Phone,tier\nu-1,a@example.com,,\n");
        GetUploadJobResponse job = job(jobId);
        assertThat(job.status()).isEqualTo(UploadJobStatus.FAILED);
        assertThat(job.statusReason()).isEqualTo(StatusReason.VALIDATION_FAILURE);
        assertThat(job.resultsSummary().failedRecords()).isEqualTo(1);
        assertThat(emulator.profileCount("audience")).isZero();
    }

    @Test
    void quotedCellsCrlfAndAByteOrderMarkAreRead() throws Exception {
        String jobId = runJob(
                "quoted",
                "\uFEFF" + HEADER.replace("\n", "\r\n")
                        + "u-1,one@example.com,,\"Line one\r\nline \"\"two\"\"\",gold,\r\n");
        assertThat(job(jobId).status()).isEqualTo(UploadJobStatus.SUCCEEDED);
        assertThat(search("UserId", "u-1").get(0).address().city()).isEqualTo("Line one\r\nline \"two\"");
    }

    @Test
    void aFileThatIsNotUtf8FailsTheJob() throws Exception {
        String jobId = client.createUploadJob(r -> r.domainName("audience")
                        .displayName("latin-1")
                        .fields(fields())
                        .uniqueKey("UserId"))
                .jobId();
        GetUploadJobPathResponse path =
                client.getUploadJobPath(r -> r.domainName("audience").jobId(jobId));
        byte[] body = (HEADER + "u-1,one@example.com,,Z\u00fcrich,,\n").getBytes(StandardCharsets.ISO_8859_1);
        assertThat(ProfilesClients.putBytes(path, body).statusCode()).isEqualTo(200);
        client.startUploadJob(r -> r.domainName("audience").jobId(jobId));
        GetUploadJobResponse job = job(jobId);
        assertThat(job.status()).isEqualTo(UploadJobStatus.FAILED);
        assertThat(job.dataExpiry()).isEqualTo(ProfilesEngine.DEFAULT_DATA_EXPIRY_DAYS);
    }

    @Test
    void theUploadUrlChecksSseCHeadersAndExpiryAsS3Does() throws Exception {
        String jobId = client.createUploadJob(r -> r.domainName("audience")
                        .displayName("checks")
                        .fields(fields())
                        .uniqueKey("UserId"))
                .jobId();
        GetUploadJobPathResponse path =
                client.getUploadJobPath(r -> r.domainName("audience").jobId(jobId));
        assertThat(path.validUntil()).isAfter(Instant.now().plusSeconds(3000));
        assertThat(path.url()).contains("X-Amz-Signature=");

        HttpResponse<String> none = put(path.url(), null, null, HEADER);
        assertThat(none.statusCode()).isEqualTo(400);
        assertThat(none.body()).contains("<Code>InvalidRequest</Code>");

        HttpResponse<String> badMd5 = put(
                path.url(),
                path.clientToken(),
                ProfilesClients.md5Of(Base64.getEncoder().encodeToString(new byte[32])),
                HEADER);
        assertThat(badMd5.statusCode()).isEqualTo(400);
        assertThat(badMd5.body()).contains("The calculated MD5 hash of the key did not match");

        String otherKey = Base64.getEncoder().encodeToString(new byte[32]);
        HttpResponse<String> wrongKey = put(path.url(), otherKey, ProfilesClients.md5Of(otherKey), HEADER);
        assertThat(wrongKey.statusCode()).isEqualTo(403);
        assertThat(wrongKey.body()).contains("<Code>AccessDenied</Code>");

        HttpResponse<String> tampered = put(
                path.url().replaceAll("X-Amz-Signature=[0-9a-f]{4}", "X-Amz-Signature=zzzz"),
                path.clientToken(),
                ProfilesClients.md5Of(path.clientToken()),
                HEADER);
        assertThat(tampered.statusCode()).isEqualTo(403);
        assertThat(tampered.body()).contains("<Code>SignatureDoesNotMatch</Code>");

        emulator.faults().expireNextUploadUrl();
        GetUploadJobPathResponse expired =
                client.getUploadJobPath(r -> r.domainName("audience").jobId(jobId));
        assertThat(expired.validUntil()).isBefore(Instant.now());
        HttpResponse<String> late = put(expired, HEADER);
        assertThat(late.statusCode()).isEqualTo(403);
        assertThat(late.headers().firstValue("Content-Type")).hasValue("application/xml");
        assertThat(late.body()).contains("<Code>AccessDenied</Code><Message>Request has expired</Message>");

        assertThat(put(path, HEADER + "u-1,,,,,\n").statusCode()).isEqualTo(200);
    }

    @Test
    void startBeforeUploadIsRefusedAndUnknownThingsAreNotFound() {
        String jobId = client.createUploadJob(r -> r.domainName("audience")
                        .displayName("early")
                        .fields(fields())
                        .uniqueKey("UserId"))
                .jobId();
        assertThat(jobId).matches("[0-9a-f]{32}");
        assertThatThrownBy(() ->
                        client.startUploadJob(r -> r.domainName("audience").jobId(jobId)))
                .isInstanceOf(BadRequestException.class)
                .hasMessageContaining("has no file yet");
        assertThat(job(jobId).status()).isEqualTo(UploadJobStatus.CREATED);
        assertThat(job(jobId).resultsSummary()).isNull();
        assertThatThrownBy(
                        () -> client.getUploadJob(r -> r.domainName("audience").jobId("0".repeat(32))))
                .isInstanceOf(ResourceNotFoundException.class)
                .satisfies(e ->
                        assertThat(((ResourceNotFoundException) e).statusCode()).isEqualTo(404));
        assertThatThrownBy(() -> client.getDomain(r -> r.domainName("nope")))
                .isInstanceOf(ResourceNotFoundException.class);
        assertThatThrownBy(() -> client.createUploadJob(r -> r.domainName("audience")
                        .displayName("bad")
                        .fields(Map.of("x", ProfilesClients.field("x", "Nickname", FieldContentType.STRING)))
                        .uniqueKey("x")))
                .isInstanceOf(BadRequestException.class)
                .hasMessageContaining("Fields.x.Target");
    }

    @Test
    void throttlingAndServerErrorsAreAnsweredAsTheModelSays() {
        emulator.faults()
                .throttleNext(ProfilesOperation.GET_DOMAIN, 1)
                .serverErrorNext(ProfilesOperation.GET_DOMAIN, 1);
        assertThatThrownBy(() -> client.getDomain(r -> r.domainName("audience")))
                .isInstanceOf(ThrottlingException.class)
                .satisfies(
                        e -> assertThat(((ThrottlingException) e).statusCode()).isEqualTo(429));
        assertThatThrownBy(() -> client.getDomain(r -> r.domainName("audience")))
                .isInstanceOf(InternalServerException.class);
        assertThat(client.getDomain(r -> r.domainName("audience")).domainName()).isEqualTo("audience");
    }

    @Test
    void anInjectedJobFailureFailsThatJobOnly() throws Exception {
        emulator.faults().failJobNamed("shard-2");
        String ok = runJob("run shard-1", HEADER + "u-1,,,,,\n");
        String failed = runJob("run shard-2", HEADER + "u-2,,,,,\nu-3,,,,,\n");
        assertThat(job(ok).status()).isEqualTo(UploadJobStatus.SUCCEEDED);
        GetUploadJobResponse job = job(failed);
        assertThat(job.status()).isEqualTo(UploadJobStatus.FAILED);
        assertThat(job.statusReason()).isEqualTo(StatusReason.VALIDATION_FAILURE);
        assertThat(job.resultsSummary().failedRecords()).isEqualTo(2);
        assertThat(emulator.profileCount("audience")).isEqualTo(1);
    }

    @Test
    void aLostStartAnswerLeavesTheJobStartedAndFaultsComeInTheOrderAdded() throws Exception {
        String jobId = createJob("run-8 shard-1");
        GetUploadJobPathResponse path =
                client.getUploadJobPath(r -> r.domainName("audience").jobId(jobId));
        assertThat(put(path, HEADER + "u-1,,,,,\n").statusCode()).isEqualTo(200);
        emulator.faults()
                .failNextAfterApplying(ProfilesOperation.START_UPLOAD_JOB, ProfilesError.INTERNAL_SERVER)
                .failNext(ProfilesOperation.START_UPLOAD_JOB, 1, ProfilesError.BAD_REQUEST, "started already");

        assertThatThrownBy(() ->
                        client.startUploadJob(r -> r.domainName("audience").jobId(jobId)))
                .isInstanceOf(InternalServerException.class);
        assertThat(job(jobId).status()).isEqualTo(UploadJobStatus.SUCCEEDED);
        assertThatThrownBy(() ->
                        client.startUploadJob(r -> r.domainName("audience").jobId(jobId)))
                .isInstanceOf(BadRequestException.class)
                .hasMessageContaining("started already");
        client.startUploadJob(r -> r.domainName("audience").jobId(jobId));
        assertThat(job(jobId).resultsSummary().createdRecords()).isEqualTo(1);
        assertThat(emulator.profileCount("audience")).isEqualTo(1);
    }

    @Test
    void aLostUploadAnswerKeepsTheFile() throws Exception {
        String jobId = createJob("run-7 shard-1");
        GetUploadJobPathResponse path =
                client.getUploadJobPath(r -> r.domainName("audience").jobId(jobId));
        emulator.faults().failNextAfterApplying(ProfilesOperation.UPLOAD_FILE, ProfilesError.THROTTLING);

        HttpResponse<String> lost = put(path, HEADER + "u-1,,,,,\nu-2,,,,,\n");
        assertThat(lost.statusCode()).isEqualTo(503);
        assertThat(lost.body()).contains("<Code>SlowDown</Code>");
        client.startUploadJob(r -> r.domainName("audience").jobId(jobId));
        assertThat(job(jobId).resultsSummary().createdRecords()).isEqualTo(2);
    }

    @Test
    void aLostCreateAnswerLeavesAJobThatListUploadJobsFinds() {
        emulator.faults().failNextCreateAfterRecording(ProfilesError.INTERNAL_SERVER);
        assertThatThrownBy(() -> client.createUploadJob(r -> r.domainName("audience")
                        .displayName("run-9 shard-1")
                        .fields(fields())
                        .uniqueKey("UserId")))
                .isInstanceOf(InternalServerException.class);
        client.createUploadJob(r -> r.domainName("audience")
                .displayName("run-9 shard-2")
                .fields(fields())
                .uniqueKey("UserId"));

        var page = client.listUploadJobs(r -> r.domainName("audience").maxResults(1));
        assertThat(page.items()).extracting(i -> i.displayName()).containsExactly("run-9 shard-2");
        assertThat(page.nextToken()).isNotNull();
        var next = client.listUploadJobs(
                r -> r.domainName("audience").maxResults(1).nextToken(page.nextToken()));
        assertThat(next.items()).extracting(i -> i.displayName()).containsExactly("run-9 shard-1");
        assertThat(next.items().get(0).status()).isEqualTo(UploadJobStatus.CREATED);
        assertThat(next.nextToken()).isNull();
    }

    @Test
    void stepsPaceShowsInProgressAndAStopAppliesNothing() throws Exception {
        try (CustomerProfilesEmulator stepped = CustomerProfilesEmulator.builder()
                        .domain("audience")
                        .pace(Pace.steps())
                        .start();
                CustomerProfilesClient steps = client(stepped)) {
            CustomerProfilesEmulator saved = emulator;
            CustomerProfilesClient savedClient = client;
            emulator = stepped;
            client = steps;
            try {
                String first = runJob("first", HEADER + "u-1,,,,,\n");
                assertThat(job(first).status()).isEqualTo(UploadJobStatus.IN_PROGRESS);
                assertThat(job(first).status()).isEqualTo(UploadJobStatus.SUCCEEDED);

                String second = runJob("second", HEADER + "u-2,,,,,\n");
                assertThat(job(second).status()).isEqualTo(UploadJobStatus.IN_PROGRESS);
                client.stopUploadJob(r -> r.domainName("audience").jobId(second));
                GetUploadJobResponse stopped = job(second);
                assertThat(stopped.status()).isEqualTo(UploadJobStatus.STOPPED);
                assertThat(stopped.completedAt()).isNotNull();
                assertThat(stepped.profileCount("audience")).isEqualTo(1);
                assertThatThrownBy(() -> client.stopUploadJob(
                                r -> r.domainName("audience").jobId(first)))
                        .isInstanceOf(BadRequestException.class);
            } finally {
                emulator = saved;
                client = savedClient;
            }
        }
    }

    @Test
    void leanModeCountsTheSameAndRefusesSearches() throws Exception {
        try (CustomerProfilesEmulator lean = CustomerProfilesEmulator.builder()
                        .domain("audience")
                        .keepProfiles(false)
                        .start();
                CustomerProfilesClient leanClient = client(lean)) {
            CustomerProfilesEmulator saved = emulator;
            CustomerProfilesClient savedClient = client;
            emulator = lean;
            client = leanClient;
            try {
                String jobId = runJob("lean", HEADER + "u-1,,,,,\nu-1,,,,,\nu-2,bad,,,,\nu-3,,,,,\n");
                GetUploadJobResponse job = job(jobId);
                assertThat(job.status()).isEqualTo(UploadJobStatus.PARTIALLY_SUCCEEDED);
                assertThat(job.resultsSummary().createdRecords()).isEqualTo(2);
                assertThat(job.resultsSummary().updatedRecords()).isEqualTo(1);
                assertThat(job.resultsSummary().failedRecords()).isEqualTo(1);
                assertThat(client.getDomain(r -> r.domainName("audience"))
                                .stats()
                                .profileCount())
                        .isEqualTo(2);
                assertThatThrownBy(() -> search("UserId", "u-1"))
                        .isInstanceOf(BadRequestException.class)
                        .hasMessageContaining("keeps no profiles");
            } finally {
                emulator = saved;
                client = savedClient;
            }
        }
    }

    @Test
    void anyCredentialsAreAcceptedUnlessAnAccessKeyIsRequired() {
        assertThat(client.getDomain(r -> r.domainName("audience")).domainName()).isEqualTo("audience");
        try (CustomerProfilesEmulator strict = CustomerProfilesEmulator.builder()
                        .domain("audience")
                        .requireAccessKeyId("test-key")
                        .start();
                CustomerProfilesClient wrong = client(strict)) {
            assertThatThrownBy(() -> wrong.getDomain(r -> r.domainName("audience")))
                    .isInstanceOf(CustomerProfilesException.class)
                    .satisfies(e ->
                            assertThat(((AwsServiceException) e).statusCode()).isEqualTo(403));
        }
    }

    @Test
    void createDomainAndGetDomainSpeakTheModel() {
        var created = client.createDomain(r -> r.domainName("second").defaultExpirationDays(30));
        assertThat(created.domainName()).isEqualTo("second");
        assertThat(created.defaultExpirationDays()).isEqualTo(30);
        assertThat(created.createdAt()).isNotNull();
        assertThatThrownBy(() -> client.createDomain(r -> r.domainName("second").defaultExpirationDays(30)))
                .isInstanceOf(BadRequestException.class);
        assertThatThrownBy(() -> client.createDomain(r -> r.domainName("third")))
                .isInstanceOf(BadRequestException.class)
                .hasMessageContaining("DefaultExpirationDays");
        assertThat(client.getDomain(r -> r.domainName("second")).stats().profileCount())
                .isZero();
    }
}
