package io.pinpointimport.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.pinpointimport.EndpointImporter;
import io.pinpointimport.ImportSummary;
import io.pinpointimport.emulator.LocalS3;
import io.pinpointimport.emulator.pinpoint.PinpointEmulator;
import io.pinpointimport.format.ImportFormat;
import io.pinpointimport.job.ImportResult;
import io.pinpointimport.model.EndpointDefinition;
import io.pinpointimport.s3.S3ShardStore;
import io.pinpointimport.testkit.fixtures.EndpointFixtures;
import io.pinpointimport.testkit.fixtures.SeedExamples;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.pinpoint.PinpointAsyncClient;
import software.amazon.awssdk.services.pinpoint.model.BadRequestException;
import software.amazon.awssdk.services.pinpoint.model.Format;
import software.amazon.awssdk.services.pinpoint.model.ImportJobResponse;
import software.amazon.awssdk.services.pinpoint.model.NotFoundException;
import software.amazon.awssdk.services.pinpoint.model.SegmentResponse;
import software.amazon.awssdk.services.s3.S3AsyncClient;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * The lean mode ({@code keepEndpoints(false)}) against the full one: the same files give the same jobs (status,
 * counts, pieces, failure lines, segment sizes), including the checks that depend on earlier jobs; endpoint reads
 * answer as documented.
 */
class KeepEndpointsEmulatorTest {
    private static final String ROLE = "arn:aws:iam::123456789012:role/PinpointImport";
    private static final String BUCKET = "modes";

    static LocalS3 localS3;
    static PinpointEmulator full;
    static PinpointEmulator lean;
    static PinpointAsyncClient fullClient;
    static PinpointAsyncClient leanClient;
    static S3Client s3;

    @TempDir
    Path temp;

    @BeforeAll
    static void start() {
        localS3 = LocalS3.start();
        localS3.createBucket(BUCKET);
        full = PinpointEmulator.builder().s3(localS3).start();
        lean = PinpointEmulator.builder().s3(localS3).keepEndpoints(false).start();
        fullClient = full.newAsyncClient();
        leanClient = lean.newAsyncClient();
        s3 = localS3.newClient();
    }

    @AfterAll
    static void stop() {
        fullClient.close();
        leanClient.close();
        s3.close();
        lean.close();
        full.close();
        localS3.close();
    }

    static void put(String key, String text) {
        s3.putObject(b -> b.bucket(BUCKET).key(key), RequestBody.fromString(text, StandardCharsets.UTF_8));
    }

    /** One job of a scenario. */
    record Step(Format format, String path, boolean register, boolean defineSegment) {}

    /** What a job shows once it ended, plus the segment it wrote to. */
    record Seen(
            String status,
            Integer processed,
            Integer failures,
            Integer pieces,
            Integer completedPieces,
            Integer failedPieces,
            List<String> failureLines,
            Integer segmentSize,
            Map<String, Integer> channels) {}

    private static List<Seen> play(PinpointEmulator emulator, PinpointAsyncClient client, List<Step> steps) {
        String appId = emulator.createApp("modes");
        List<Seen> seen = new ArrayList<>();
        for (Step step : steps) {
            ImportJobResponse created = client.createImportJob(r -> r.applicationId(appId)
                            .importJobRequest(j -> j.format(step.format())
                                    .s3Url("s3://" + BUCKET + "/" + step.path())
                                    .roleArn(ROLE)
                                    .registerEndpoints(step.register())
                                    .defineSegment(step.defineSegment())))
                    .join()
                    .importJobResponse();
            ImportJobResponse job = client.getImportJob(
                            r -> r.applicationId(appId).jobId(created.id()))
                    .join()
                    .importJobResponse();
            Integer size = null;
            Map<String, Integer> channels = null;
            if (job.definition().segmentId() != null) {
                SegmentResponse segment = client.getSegment(r -> r.applicationId(appId)
                                .segmentId(job.definition().segmentId()))
                        .join()
                        .segmentResponse();
                size = segment.importDefinition().size();
                channels = segment.importDefinition().channelCounts();
            }
            seen.add(new Seen(
                    job.jobStatusAsString(),
                    job.totalProcessed(),
                    job.totalFailures(),
                    job.totalPieces(),
                    job.completedPieces(),
                    job.failedPieces(),
                    job.failures(),
                    size,
                    channels));
        }
        return seen;
    }

    @Test
    void handWrittenRowsPassAndFailAlikeInBothModes() {
        // job 1: 14 endpoints of user u, one of v, one without id for u (the 15th), bad rows
        StringBuilder first = new StringBuilder("Id,ChannelType,Address,User.UserId,Attributes.tag\n");
        for (int i = 1; i <= 14; i++) {
            first.append("u-").append(i).append(",EMAIL,u").append(i).append("@example.com,u,a\n");
        }
        first.append("x-1,SMS,+12065550100,v,b\n")
                .append(",EMAIL,anon@example.com,u,\n")
                .append("bad-1,EMAIL,,u,\n") // Missing Address
                .append("bad-2,FAX,f@example.com,u,\n") // bad channel
                .append("bad-3,EMAIL,g@example.com,u\n") // cell count
                .append("u-16,EMAIL,u16@example.com,u,\n"); // 16th of u
        put("c/1.csv", first.toString());
        // job 2: updates need no Address; moving x-1 to u fails until u-3 moves away
        put(
                "c/2.csv",
                "Id,ChannelType,Address,User.UserId\n"
                        + "X-1,,,u\n" // u is full
                        + "new-1,EMAIL,,\n" // Missing Address (new)
                        + "U-3,,,w\n" // frees one place of u
                        + "x-1,,,u\n" // now fits
                        + "u-1,SMS,,\n" // channel change of an existing endpoint
                        + "u-2,,,\n"); // an update with nothing but its id
        // job 3 (not registered) creates ghost-1 and a new attribute name; job 4 cannot rely on either
        put("n/1.csv", "Id,ChannelType,Address,User.UserId,Attributes.ghost\nghost-1,EMAIL,h@example.com,g,x\n");
        put("n/2.csv", "Id,ChannelType,Address,User.UserId\nghost-1,,,\nu-4,EMAIL,,u\n");
        // jobs 5 and 6: 240 metric names, then 11 more (fails) and 9 more (fits, 250 with "tag")
        StringBuilder wide = new StringBuilder(
                "{\"Id\":\"m-1\",\"ChannelType\":\"EMAIL\",\"Address\":\"m@example.com\"," + "\"Metrics\":{");
        for (int i = 0; i < 240; i++) {
            wide.append(i == 0 ? "" : ",").append("\"m").append(i).append("\":1");
        }
        put("j/1.json", wide + "}}\n{\"Id\":\"m-2\",\"ChannelType\":\"EMAIL\"}\nnot json\n");
        StringBuilder eleven = new StringBuilder("{\"Id\":\"m-1\",\"Metrics\":{");
        StringBuilder nine = new StringBuilder("{\"Id\":\"M-1\",\"Metrics\":{");
        for (int i = 0; i < 11; i++) {
            eleven.append(i == 0 ? "" : ",").append("\"n").append(i).append("\":1");
        }
        for (int i = 0; i < 9; i++) {
            nine.append(i == 0 ? "" : ",").append("\"n").append(i).append("\":1");
        }
        put(
                "j/2.json",
                eleven + "}}\n\n" + nine + "}}\n{\"Id\":\"m-3\",\"ChannelType\":\"EMAIL\","
                        + "\"Address\":\"m3@example.com\",\"Metrics\":{\"one-too-many\":1}}\n");
        s3.putObject(
                b -> b.bucket(BUCKET).key("enc/a.csv"),
                RequestBody.fromBytes(
                        "ChannelType,Address\nEMAIL,a@example.com\nEMAIL,j\u00f6rg@example.com\nEMAIL,b@example.com\n"
                                .getBytes(StandardCharsets.ISO_8859_1)));

        List<Step> steps = List.of(
                new Step(Format.CSV, "c/1.csv", true, true),
                new Step(Format.CSV, "c/2.csv", true, false),
                new Step(Format.CSV, "n/1.csv", false, false),
                new Step(Format.CSV, "n/2.csv", true, false),
                new Step(Format.JSON, "j/1.json", true, false),
                new Step(Format.JSON, "j/2.json", true, false),
                new Step(Format.CSV, "enc/", true, false),
                new Step(Format.CSV, "nothing/", true, false));

        List<Seen> expected = play(full, fullClient, steps);
        List<Seen> actual = play(lean, leanClient, steps);

        assertThat(actual).containsExactlyElementsOf(expected);
        // the scenario really exercises the checks that depend on what earlier jobs stored
        assertThat(expected.get(0).failureLines())
                .containsExactly(
                        "s3://modes/c/1.csv line 18: Missing Address",
                        "s3://modes/c/1.csv line 19: ChannelType is not one of [ADM, APNS, APNS_SANDBOX, APNS_VOIP, "
                                + "APNS_VOIP_SANDBOX, BAIDU, CUSTOM, EMAIL, GCM, IN_APP, PUSH, SMS, VOICE]",
                        "s3://modes/c/1.csv line 20: expected 5 values, found 4",
                        "s3://modes/c/1.csv line 21: User already has 15 endpoints");
        assertThat(expected.get(0).segmentSize()).isEqualTo(16);
        assertThat(expected.get(1).failureLines())
                .containsExactly(
                        "s3://modes/c/2.csv line 2: User already has 15 endpoints",
                        "s3://modes/c/2.csv line 3: Missing Address");
        assertThat(expected.get(2).failures()).isZero();
        assertThat(expected.get(3).failureLines()).containsExactly("s3://modes/n/2.csv line 2: Missing Address");
        assertThat(expected.get(4).failures()).isEqualTo(2);
        assertThat(expected.get(5).failureLines())
                .containsExactly(
                        "s3://modes/j/2.json line 1: The application would have more than 250 custom attributes",
                        "s3://modes/j/2.json line 4: The application would have more than 250 custom attributes");
        assertThat(expected.get(6).status()).isEqualTo("FAILED");
        assertThat(expected.get(7).status()).isEqualTo("FAILED");
    }

    @ParameterizedTest
    @EnumSource(ImportFormat.class)
    void theImporterGetsTheSameJobsFromBothModes(ImportFormat format) throws Exception {
        List<EndpointDefinition> input = new ArrayList<>(SeedExamples.endpoints()); // no ids: the service gives them
        input.addAll(EndpointFixtures.builder()
                .seed(9)
                .ids(true)
                .optionalShare(0.9)
                .specialCharacters(true)
                .build()
                .list(300));
        input.addAll(EndpointFixtures.builder().seed(10).ids(false).build().list(50));

        List<List<Object>> fromFull = jobs(run(format, input, full, fullClient, "full/"));
        List<List<Object>> fromLean = jobs(run(format, input, lean, leanClient, "lean/"));

        assertThat(fromLean).containsExactlyElementsOf(fromFull);
        assertThat(fromFull).hasSizeGreaterThan(2);
        assertThat(fromFull.stream()
                        .mapToLong(j -> ((Number) j.get(1)).longValue())
                        .sum())
                .isEqualTo(input.size());
    }

    private ImportSummary run(
            ImportFormat format,
            List<EndpointDefinition> input,
            PinpointEmulator emulator,
            PinpointAsyncClient client,
            String prefix)
            throws Exception {
        String appId = emulator.createApp("importer");
        try (S3AsyncClient s3Async = localS3.newAsyncClient();
                EndpointImporter importer = EndpointImporter.builder()
                        .pinpoint(client)
                        .applicationId(appId)
                        .roleArn(ROLE)
                        .shardStore(S3ShardStore.builder()
                                .s3(s3Async)
                                .bucket(BUCKET)
                                .prefix(prefix)
                                .build())
                        .format(format)
                        .maxShardBytes(32 * 1024)
                        .jobOptions(o -> o.registerEndpoints(true))
                        .tempDirectory(temp)
                        .polling(p -> p.earlyInterval(Duration.ofMillis(10))
                                .minInterval(Duration.ofMillis(10))
                                .maxInterval(Duration.ofMillis(50)))
                        .build()) {
            return importer.importEndpoints(input).summary().get(60, TimeUnit.SECONDS);
        }
    }

    private static List<List<Object>> jobs(ImportSummary summary) {
        assertThat(summary.jobErrors()).isEmpty();
        List<List<Object>> jobs = new ArrayList<>();
        for (ImportResult r : summary.results()) {
            jobs.add(List.of(
                    r.status(),
                    r.totalProcessed().orElseThrow(),
                    r.totalFailures().orElseThrow(),
                    r.recordsSubmitted().orElseThrow()));
        }
        return jobs;
    }

    @Test
    void endpointReadsAnswerBadRequestInLeanMode() {
        put("r/a.csv", "Id,ChannelType,Address,User.UserId\nr-1,EMAIL,r@example.com,ru\n");
        String appId = lean.createApp("reads");
        String jobId = leanClient
                .createImportJob(r -> r.applicationId(appId)
                        .importJobRequest(j -> j.format(Format.CSV)
                                .s3Url("s3://" + BUCKET + "/r/")
                                .roleArn(ROLE)
                                .registerEndpoints(true)))
                .join()
                .importJobResponse()
                .id();
        ImportJobResponse job = leanClient
                .getImportJob(r -> r.applicationId(appId).jobId(jobId))
                .join()
                .importJobResponse();
        assertThat(job.jobStatusAsString()).isEqualTo("COMPLETED");
        assertThat(job.totalProcessed()).isEqualTo(1);
        assertThat(lean.keepsEndpoints()).isFalse();
        assertThat(full.keepsEndpoints()).isTrue();
        assertThat(lean.toString()).contains("endpoints not kept");

        for (Runnable read : List.<Runnable>of(
                () -> leanClient
                        .getEndpoint(r -> r.applicationId(appId).endpointId("r-1"))
                        .join(),
                () -> leanClient
                        .getEndpoint(r -> r.applicationId(appId).endpointId("never-imported"))
                        .join(),
                () -> leanClient
                        .getUserEndpoints(r -> r.applicationId(appId).userId("ru"))
                        .join(),
                () -> leanClient
                        .deleteEndpoint(r -> r.applicationId(appId).endpointId("r-1"))
                        .join())) {
            assertThatThrownBy(read::run)
                    .isInstanceOf(CompletionException.class)
                    .cause()
                    .isInstanceOf(BadRequestException.class)
                    .hasMessageContaining(PinpointEmulator.NO_ENDPOINTS_MESSAGE);
        }
        assertThatThrownBy(() -> leanClient
                        .getEndpoint(r -> r.applicationId("no-such-app").endpointId("r-1"))
                        .join())
                .cause()
                .isInstanceOf(NotFoundException.class);
    }
}
