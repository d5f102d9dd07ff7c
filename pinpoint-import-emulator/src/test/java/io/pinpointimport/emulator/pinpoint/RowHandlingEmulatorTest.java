package io.pinpointimport.emulator.pinpoint;

import static org.assertj.core.api.Assertions.assertThat;

import io.pinpointimport.emulator.LocalS3;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CompletionException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.pinpoint.PinpointAsyncClient;
import software.amazon.awssdk.services.pinpoint.model.EndpointResponse;
import software.amazon.awssdk.services.pinpoint.model.Format;
import software.amazon.awssdk.services.pinpoint.model.ImportJobResponse;
import software.amazon.awssdk.services.pinpoint.model.JobStatus;
import software.amazon.awssdk.services.pinpoint.model.NotFoundException;
import software.amazon.awssdk.services.pinpoint.model.SegmentResponse;
import software.amazon.awssdk.services.s3.S3Client;

/** Row handling as the service does it: bad rows counted and listed, good rows imported, limits enforced. */
class RowHandlingEmulatorTest {

    static final String ROLE = "arn:aws:iam::123456789012:role/PinpointImport";
    static final String BUCKET = "rows";

    static LocalS3 localS3;
    static PinpointEmulator emulator;
    static PinpointEmulator smallLimit;
    static PinpointAsyncClient pinpoint;
    static S3Client s3;
    String appId;

    @BeforeAll
    static void start() {
        localS3 = LocalS3.start();
        emulator = PinpointEmulator.builder().s3(localS3).start();
        smallLimit = PinpointEmulator.builder().s3(localS3).maxBytesPerJob(100).start();
        pinpoint = emulator.newAsyncClient();
        s3 = localS3.newClient();
    }

    @AfterAll
    static void stop() {
        pinpoint.close();
        s3.close();
        smallLimit.close();
        emulator.close();
        localS3.close();
    }

    @BeforeEach
    void app() {
        localS3.createBucket(BUCKET);
        appId = emulator.createApp("rows");
    }

    @AfterEach
    void reset() {
        emulator.reset();
        localS3.reset();
    }

    static void put(String key, String text) {
        s3.putObject(b -> b.bucket(BUCKET).key(key), RequestBody.fromString(text, StandardCharsets.UTF_8));
    }

    ImportJobResponse runJob(PinpointAsyncClient client, String app, Format format, String s3Url) {
        String jobId = client.createImportJob(r -> r.applicationId(app)
                        .importJobRequest(
                                j -> j.format(format).s3Url(s3Url).roleArn(ROLE).registerEndpoints(true)))
                .join()
                .importJobResponse()
                .id();
        return client.getImportJob(r -> r.applicationId(app).jobId(jobId))
                .join()
                .importJobResponse();
    }

    ImportJobResponse runJob(Format format, String s3Url) {
        return runJob(pinpoint, appId, format, s3Url);
    }

    EndpointResponse endpoint(String id) {
        return pinpoint.getEndpoint(r -> r.applicationId(appId).endpointId(id))
                .join()
                .endpointResponse();
    }

    boolean exists(String id) {
        try {
            endpoint(id);
            return true;
        } catch (CompletionException e) {
            assertThat(e.getCause()).isInstanceOf(NotFoundException.class);
            return false;
        }
    }

    @Test
    void badCsvRowsAreCountedAndListedAndGoodRowsImported() {
        put(
                "p/a.csv",
                String.join(
                        "\n",
                        "Id,ChannelType,Address,Metrics.visits,Attributes.tag",
                        "ok-1,EMAIL,one@example.com,1,x", // line 2 good
                        "bad-2,EMAIL,,1,x", // 3 Missing Address
                        "bad-3,,three@example.com,1,x", // 4 Missing ChannelType
                        "bad-4,FAX,four@example.com,1,x", // 5 bad channel
                        "bad-5,EMAIL,five@example.com,1", // 6 wrong cell count
                        "bad-6,EMAIL,six@exa\tmple.com,1,x", // 7 tab
                        "\"bad-7\",EMAIL,\"seven@\nexample.com\",1,x", // 8-9 line break in a value
                        "bad-8,EMAIL,eight@example.com,many,x", // 10 metric not a number
                        "bad-9,EMAIL,nine@example.com,1," + "v".repeat(101), // 11 value too long
                        "bad$10,EMAIL,ten@example.com,1,x", // 12 id with $
                        "ok-11,SMS,+12065550100,,", // 13 good, empty cells absent
                        ""));
        ImportJobResponse job = runJob(Format.CSV, "s3://rows/p/");

        assertThat(job.jobStatus()).isEqualTo(JobStatus.COMPLETED);
        assertThat(job.totalProcessed()).isEqualTo(11);
        assertThat(job.totalFailures()).isEqualTo(9);
        assertThat(job.failures())
                .containsExactly(
                        "s3://rows/p/a.csv line 3: Missing Address",
                        "s3://rows/p/a.csv line 4: Missing ChannelType",
                        "s3://rows/p/a.csv line 5: ChannelType is not one of [ADM, APNS, APNS_SANDBOX, APNS_VOIP, "
                                + "APNS_VOIP_SANDBOX, BAIDU, CUSTOM, EMAIL, GCM, IN_APP, PUSH, SMS, VOICE]",
                        "s3://rows/p/a.csv line 6: expected 5 values, found 4",
                        "s3://rows/p/a.csv line 7: tab inside a value",
                        "s3://rows/p/a.csv line 8: line break inside a value",
                        "s3://rows/p/a.csv line 10: Metrics.visits is not a number",
                        "s3://rows/p/a.csv line 11: Attributes.tag has a value longer than 100 characters (UTF-16 code units)",
                        "s3://rows/p/a.csv line 12: Id must not be blank or contain $, { or }");
        assertThat(job.failures()).noneMatch(line -> line.contains("@example.com"));
        assertThat(exists("ok-1")).isTrue();
        assertThat(exists("ok-11")).isTrue();
        assertThat(endpoint("ok-11").attributes()).isEmpty();
        assertThat(exists("bad-2")).isFalse();
        assertThat(exists("bad-5")).isFalse();
    }

    @Test
    void crOnlyAndMixedLineEndsEndRecordsAndALoneCrNeverMergesTwo() {
        // issue 14: old spreadsheet exports end lines with CR only
        put(
                "cr/a.csv",
                "Id,ChannelType,Address\rcr-1,EMAIL,one@example.com\rcr-2,EMAIL,two@example.com\r\n"
                        + "cr-3,EMAIL,three@example.com\ncr-4,EMAIL,four@example.com\r");
        ImportJobResponse job = runJob(Format.CSV, "s3://rows/cr/");

        assertThat(job.totalFailures()).as("%s", job.failures()).isZero();
        assertThat(job.totalProcessed()).isEqualTo(4);
        assertThat(endpoint("cr-4").address()).isEqualTo("four@example.com");
        assertThat(endpoint("cr-1").address()).isEqualTo("one@example.com");
    }

    @Test
    void effectiveDateAndEmptyJsonValuesFailTheRow() {
        // issue 14: the import takes no EffectiveDate; an empty value cannot mean "absent" in JSON as it does in CSV
        put(
                "e/a.json",
                String.join(
                        "\n",
                        "{\"Id\":\"e-1\",\"ChannelType\":\"EMAIL\",\"Address\":\"a@example.com\",\"EffectiveDate\":\"2026-11-29\"}",
                        "{\"Id\":\"e-2\",\"ChannelType\":\"EMAIL\",\"Address\":\"b@example.com\",\"Attributes\":{\"t\":[\"x\",\"\"]}}",
                        "{\"Id\":\"e-3\",\"ChannelType\":\"EMAIL\",\"Address\":\"c@example.com\",\"Demographic\":{\"Make\":\"\"}}",
                        "{\"Id\":\"e-4\",\"ChannelType\":\"EMAIL\",\"Address\":\"d@example.com\",\"Attributes\":{\"t\":[]}}",
                        "{\"Id\":\"e-5\",\"ChannelType\":\"EMAIL\",\"Address\":\"e@example.com\",\"RequestId\":\"\"}",
                        "{\"Id\":\"e-6\",\"ChannelType\":\"EMAIL\",\"Address\":\"f@example.com\",\"Attributes\":{\"t\":[\""
                                + "\uD83D\uDE00".repeat(51) + "\"]}}",
                        "{\"Id\":\"e-7\",\"ChannelType\":\"EMAIL\",\"Address\":\"g@example.com\",\"Attributes\":{\"t\":[\""
                                + "\uD83D\uDE00".repeat(50) + "\"]}}",
                        ""));
        ImportJobResponse job = runJob(Format.JSON, "s3://rows/e/");

        assertThat(job.totalFailures()).as("%s", job.failures()).isEqualTo(6);
        assertThat(job.failures())
                .containsExactly(
                        "s3://rows/e/a.json line 1: unknown attribute 'EffectiveDate'",
                        "s3://rows/e/a.json line 2: empty value: leave the member out (Attributes)",
                        "s3://rows/e/a.json line 3: empty value: leave the member out (Demographic.Make)",
                        "s3://rows/e/a.json line 4: Attributes has an attribute without values",
                        "s3://rows/e/a.json line 5: empty value: leave the member out (RequestId)",
                        "s3://rows/e/a.json line 6: Attributes.t has a value longer than 100 characters (UTF-16 code units)");
        assertThat(endpoint("e-7").attributes().get("t")).containsExactly("\uD83D\uDE00".repeat(50));
    }

    @Test
    void aJsonKeyThatLooksLikeDataIsDescribedNotQuoted() {
        put(
                "k/a.json",
                "{\"Id\":\"k-1\",\"ChannelType\":\"EMAIL\",\"john.secret@example.com\":\"x\"}\n"
                        + "{\"Id\":\"k-2\",\"ChannelType\":\"EMAIL\",\"Nick\\u001B[2J\":\"x\"}\n");
        ImportJobResponse job = runJob(Format.JSON, "s3://rows/k/");

        assertThat(job.failures())
                .containsExactly(
                        "s3://rows/k/a.json line 1: unknown attribute of 23 characters (not shown: it looks like data)",
                        "s3://rows/k/a.json line 2: unknown attribute 'Nick\\u001B[2J'");
    }

    @Test
    void aHeaderThatIsReallyDataIsNotQuotedAndEscapesNeverReachTheFailureLines() {
        put("h/a.csv", "h-1,EMAIL,john.secret@example.com\nh-2,EMAIL,jane.secret@example.com\n");
        put("h/b.csv", "Id,ChannelType,Address,\u001B]0;pwned\u0007Colour\nh-3,EMAIL,c@example.com,blue\n");
        ImportJobResponse job = runJob(Format.CSV, "s3://rows/h/");

        assertThat(job.totalFailures()).isEqualTo(2);
        assertThat(job.failures())
                .noneMatch(line -> line.contains("secret") || line.contains("\u001B") || line.contains("\u0007"));
        assertThat(job.failures())
                .containsExactly(
                        "s3://rows/h/a.csv line 2: header: none of the 3 columns of the first line is one the import takes"
                                + " (is the header line missing?)",
                        "s3://rows/h/b.csv line 2: header: unknown column '\\u001B]0;pwned\\u0007Colour' in the header");
    }

    @Test
    void unknownOrRepeatedHeaderFailsEveryRowOfThatFile() {
        put("p/a.csv", "\uFEFFChannelType,Address\nEMAIL,a@example.com\nSMS,+12065550100\n");
        put("p/b.csv", "ChannelType,Address,Address\nEMAIL,b@example.com,c@example.com\n");
        put("p/c.csv", "ChannelType,Address,Nickname\nEMAIL,d@example.com,dee\n");
        ImportJobResponse job = runJob(Format.CSV, "s3://rows/p/");
        assertThat(job.totalProcessed()).isEqualTo(4);
        assertThat(job.totalFailures()).isEqualTo(4);
        assertThat(job.failures())
                .containsExactly(
                        "s3://rows/p/a.csv line 2: header: unknown column '\\uFEFFChannelType' in the header",
                        "s3://rows/p/a.csv line 3: header: unknown column '\\uFEFFChannelType' in the header",
                        "s3://rows/p/b.csv line 2: header: column 'Address' appears more than once in the header",
                        "s3://rows/p/c.csv line 2: header: unknown column 'Nickname' in the header");
    }

    @Test
    void ndjsonRowsAreParsedIndependently() {
        put(
                "j/a.json",
                String.join(
                        "\n",
                        "{\"Id\":\"j-1\",\"ChannelType\":\"EMAIL\",\"Address\":\"a@example.com\",\"Attributes\":{\"i\":[\"x\",\"y\"]},"
                                + "\"Location\":{\"Latitude\":47.6,\"Country\":\"US\"},\"Metrics\":{\"m\":2}}",
                        "",
                        "{\"Id\":\"j-2\",\"ChannelType\":\"EMAIL\"", // 3 not JSON
                        "[1,2]", // 4 not an object
                        "{\"Id\":\"j-3\",\"ChannelType\":\"EMAIL\",\"Address\":\"c@example.com\",\"Nick\":\"c\"}", // 5
                        // unknown
                        "{\"Id\":\"j-4\",\"ChannelType\":\"EMAIL\",\"Address\":\"d@example.com\",\"Attributes\":{\"i\":\"x\"}}",
                        "{\"Id\":\"j-5\",\"ChannelType\":\"EMAIL\",\"Address\":\"e@example.com\",\"EndpointStatus\":\"ACTIVE\"}",
                        ""));
        put("j/ignored.csv", "ChannelType,Address\nEMAIL,z@example.com\n");
        ImportJobResponse job = runJob(Format.JSON, "s3://rows/j");
        assertThat(job.totalProcessed()).isEqualTo(6);
        assertThat(job.totalFailures()).isEqualTo(5);
        assertThat(job.failures())
                .containsExactly(
                        "s3://rows/j/a.json line 3: not valid JSON",
                        "s3://rows/j/a.json line 4: not a JSON object",
                        "s3://rows/j/a.json line 5: unknown attribute 'Nick'",
                        "s3://rows/j/a.json line 6: Attributes values must be arrays of strings",
                        "s3://rows/j/a.json line 7: unknown attribute 'EndpointStatus'");
        EndpointResponse e = endpoint("j-1");
        assertThat(e.attributes()).containsEntry("i", List.of("x", "y"));
        assertThat(e.location().latitude()).isEqualTo(47.6);
        assertThat(e.metrics()).containsEntry("m", 2.0);
    }

    @Test
    void rowsWithIdUpdateCaseInsensitivelyAndRowsWithoutIdGetOne() {
        put(
                "u/1.csv",
                "Id,ChannelType,Address,User.UserId,Attributes.a,Demographic.Make\n"
                        + "Up-1,EMAIL,old@example.com,u-1,first,Apple\n"
                        + ",SMS,+12065550100,u-1,,\n");
        runJob(Format.CSV, "s3://rows/u/1.csv");
        put("u/2.csv", "Id,Attributes.a,Demographic.Model\nUP-1,second,iPhone\n");
        ImportJobResponse update = runJob(Format.CSV, "s3://rows/u/2.csv");
        assertThat(update.totalFailures()).as("an update needs no Address").isZero();

        EndpointResponse e = endpoint("up-1");
        assertThat(e.id()).isEqualTo("Up-1");
        assertThat(e.address()).isEqualTo("old@example.com");
        assertThat(e.attributes()).containsEntry("a", List.of("second"));
        assertThat(e.demographic().make()).isEqualTo("Apple");
        assertThat(e.demographic().model()).isEqualTo("iPhone");

        List<EndpointResponse> user = pinpoint.getUserEndpoints(
                        r -> r.applicationId(appId).userId("u-1"))
                .join()
                .endpointsResponse()
                .item();
        assertThat(user).hasSize(2);
        assertThat(user)
                .filteredOn(x -> !x.id().equals("Up-1"))
                .singleElement()
                .satisfies(x -> assertThat(x.id()).isNotBlank());
    }

    /**
     * Within one job too, not only against earlier jobs: rows without an {@code Id} are new endpoints each, and every
     * row past the user's 15th fails with its line while the job still ends {@code COMPLETED}.
     */
    @Test
    void threeHundredEndpointsOfOneUserInOneJobImportFifteen() {
        StringBuilder json = new StringBuilder();
        for (int i = 1; i <= 300; i++) {
            json.append("{\"ChannelType\":\"EMAIL\",\"Address\":\"e")
                    .append(i)
                    .append("@example.com\",\"User\":{\"UserId\":\"many\"}}\n");
        }
        put("many/a.json", json.toString());
        ImportJobResponse job = runJob(Format.JSON, "s3://rows/many/");
        assertThat(job.jobStatusAsString()).isEqualTo("COMPLETED");
        assertThat(job.totalProcessed()).isEqualTo(300);
        assertThat(job.totalFailures()).isEqualTo(300 - PinpointEmulator.MAX_ENDPOINTS_PER_USER);
        assertThat(job.failures()).first().isEqualTo("s3://rows/many/a.json line 16: User already has 15 endpoints");
        assertThat(pinpoint.getUserEndpoints(r -> r.applicationId(appId).userId("many"))
                        .join()
                        .endpointsResponse()
                        .item())
                .hasSize(PinpointEmulator.MAX_ENDPOINTS_PER_USER);
    }

    @Test
    void sixteenthEndpointOfAUserFails() {
        StringBuilder csv = new StringBuilder("Id,ChannelType,Address,User.UserId\n");
        for (int i = 1; i <= 16; i++) {
            csv.append("e-").append(i).append(",EMAIL,e").append(i).append("@example.com,same-user\n");
        }
        put("u/a.csv", csv.toString());
        ImportJobResponse job = runJob(Format.CSV, "s3://rows/u/");
        assertThat(job.totalFailures()).isEqualTo(1);
        assertThat(job.failures()).containsExactly("s3://rows/u/a.csv line 17: User already has 15 endpoints");
        assertThat(pinpoint.getUserEndpoints(r -> r.applicationId(appId).userId("same-user"))
                        .join()
                        .endpointsResponse()
                        .item())
                .hasSize(15);
    }

    @Test
    void attributeLimits() {
        StringBuilder header = new StringBuilder("ChannelType,Address,Attributes.multi");
        StringBuilder tooMany = new StringBuilder("EMAIL,a@example.com,v0");
        for (int i = 1; i <= 50; i++) {
            header.append(",Attributes.multi");
            tooMany.append(",v").append(i);
        }
        put("l/a.csv", header + "\n" + tooMany + "\n");
        put("l/b.csv", "ChannelType,Address,Attributes." + "n".repeat(51) + "\nEMAIL,b@example.com,x\n");
        StringBuilder wide =
                new StringBuilder("{\"ChannelType\":\"EMAIL\",\"Address\":\"c@example.com\",\"Metrics\":{");
        for (int i = 0; i < 251; i++) {
            wide.append(i == 0 ? "" : ",").append("\"m").append(i).append("\":1");
        }
        put("l/c.json", wide + "}}\n");
        ImportJobResponse csv = runJob(Format.CSV, "s3://rows/l/");
        assertThat(csv.failures())
                .containsExactly(
                        "s3://rows/l/a.csv line 2: Attributes.multi has more than 50 values",
                        "s3://rows/l/b.csv line 2: Attributes attribute name must be 1 to 50 characters (UTF-16 code units)");
        ImportJobResponse json = runJob(Format.JSON, "s3://rows/l/");
        assertThat(json.failures())
                .containsExactly(
                        "s3://rows/l/c.json line 1: The application would have more than 250 custom attributes");
    }

    @Test
    void failuresAreCappedAtOneHundredLines() {
        StringBuilder csv = new StringBuilder("ChannelType,Address\n");
        for (int i = 0; i < 150; i++) {
            csv.append("EMAIL,\n");
        }
        csv.append("EMAIL,ok@example.com\n");
        put("cap/a.csv", csv.toString());
        ImportJobResponse job = runJob(Format.CSV, "s3://rows/cap/");
        assertThat(job.jobStatus()).isEqualTo(JobStatus.COMPLETED);
        assertThat(job.totalProcessed()).isEqualTo(151);
        assertThat(job.totalFailures()).isEqualTo(150);
        assertThat(job.failures())
                .hasSize(PinpointEmulator.MAX_FAILURE_LINES)
                .first()
                .isEqualTo("s3://rows/cap/a.csv line 2: Missing Address");
        assertThat(job.failures()).last().isEqualTo("s3://rows/cap/a.csv line 101: Missing Address");
    }

    @Test
    void moreDataThanTheJobLimitFailsTheJob() {
        put("big/a.csv", "ChannelType,Address\n" + "EMAIL,a@example.com\n".repeat(3));
        put("big/b.csv", "ChannelType,Address\n" + "EMAIL,b@example.com\n".repeat(3));
        String app = smallLimit.createApp("limit");
        try (PinpointAsyncClient client = smallLimit.newAsyncClient()) {
            ImportJobResponse one = runJob(client, app, Format.CSV, "s3://rows/big/a.csv");
            assertThat(one.jobStatus()).as("one file fits").isEqualTo(JobStatus.COMPLETED);
            ImportJobResponse both = runJob(client, app, Format.CSV, "s3://rows/big/");
            assertThat(both.jobStatus()).isEqualTo(JobStatus.FAILED);
            assertThat(both.failures())
                    .singleElement()
                    .asString()
                    .isEqualTo("The files at s3://rows/big/ hold 160 bytes, more than the 100 bytes one import job"
                            + " may read");
            assertThat(both.failedPieces()).isEqualTo(1);
        } finally {
            smallLimit.reset();
        }
    }

    @Test
    void missingFilesBucketsAndBadEncodingFailTheJob() {
        ImportJobResponse none = runJob(Format.CSV, "s3://rows/nothing/");
        assertThat(none.jobStatus()).isEqualTo(JobStatus.FAILED);
        assertThat(none.failures()).containsExactly("No CSV files found at s3://rows/nothing/");
        ImportJobResponse noBucket = runJob(Format.CSV, "s3://no-such-bucket/p/");
        assertThat(noBucket.jobStatus()).isEqualTo(JobStatus.FAILED);
        assertThat(noBucket.failures()).containsExactly("Bucket not found: s3://no-such-bucket");

        byte[] latin1 = "ChannelType,Address\nEMAIL,a@example.com\nEMAIL,j\u00f6rg@example.com\n"
                .getBytes(StandardCharsets.ISO_8859_1);
        s3.putObject(b -> b.bucket(BUCKET).key("enc/a.csv"), RequestBody.fromBytes(latin1));
        ImportJobResponse encoding = runJob(Format.CSV, "s3://rows/enc/");
        assertThat(encoding.jobStatus()).isEqualTo(JobStatus.FAILED);
        assertThat(encoding.failedPieces()).isEqualTo(1);
        assertThat(encoding.failures())
                .singleElement()
                .asString()
                .startsWith("s3://rows/enc/a.csv line ")
                .endsWith("not valid UTF-8; the rest of the file was not read");
    }

    @Test
    void withoutRegisterEndpointsNothingIsStored() {
        put("n/a.csv", "Id,ChannelType,Address\nn-1,EMAIL,a@example.com\n");
        String jobId = pinpoint.createImportJob(r -> r.applicationId(appId)
                        .importJobRequest(
                                j -> j.format(Format.CSV).s3Url("s3://rows/n/").roleArn(ROLE)))
                .join()
                .importJobResponse()
                .id();
        ImportJobResponse job = pinpoint.getImportJob(
                        r -> r.applicationId(appId).jobId(jobId))
                .join()
                .importJobResponse();
        assertThat(job.totalProcessed()).isEqualTo(1);
        assertThat(exists("n-1")).isFalse();
    }

    @Test
    void defineSegmentCreatesAnImportSegmentAndSegmentIdAddsToIt() {
        put("s/a.csv", "ChannelType,Address\nEMAIL,a@example.com\nSMS,+12065550100\nEMAIL,\n");
        ImportJobResponse first = pinpoint.createImportJob(r -> r.applicationId(appId)
                        .importJobRequest(j -> j.format(Format.CSV)
                                .s3Url("s3://rows/s/")
                                .roleArn(ROLE)
                                .registerEndpoints(true)
                                .defineSegment(true)
                                .segmentName("imported")))
                .join()
                .importJobResponse();
        String segmentId = first.definition().segmentId();
        assertThat(segmentId).matches("[0-9a-f]{32}");
        SegmentResponse segment = pinpoint.getSegment(
                        r -> r.applicationId(appId).segmentId(segmentId))
                .join()
                .segmentResponse();
        assertThat(segment.name()).isEqualTo("imported");
        assertThat(segment.segmentTypeAsString()).isEqualTo("IMPORT");
        assertThat(segment.importDefinition().size()).isEqualTo(2);
        assertThat(segment.importDefinition().channelCounts())
                .containsEntry("EMAIL", 1)
                .containsEntry("SMS", 1);
        assertThat(segment.importDefinition().s3Url()).isEqualTo("s3://rows/s/");
        assertThat(segment.importDefinition().formatAsString()).isEqualTo("CSV");
        assertThat(segment.importDefinition().roleArn()).isEqualTo(ROLE);

        ImportJobResponse second = pinpoint.createImportJob(r -> r.applicationId(appId)
                        .importJobRequest(j -> j.format(Format.CSV)
                                .s3Url("s3://rows/s/a.csv")
                                .roleArn(ROLE)
                                .registerEndpoints(true)
                                .segmentId(segmentId)))
                .join()
                .importJobResponse();
        SegmentResponse grown = pinpoint.getSegment(r -> r.applicationId(appId).segmentId(segmentId))
                .join()
                .segmentResponse();
        assertThat(grown.importDefinition().size()).isEqualTo(4);
        assertThat(grown.version()).isEqualTo(2);
        assertThat(pinpoint.getSegmentImportJobs(r -> r.applicationId(appId).segmentId(segmentId))
                        .join()
                        .importJobsResponse()
                        .item())
                .extracting(ImportJobResponse::id)
                .containsExactly(second.id(), first.id());
    }
}
