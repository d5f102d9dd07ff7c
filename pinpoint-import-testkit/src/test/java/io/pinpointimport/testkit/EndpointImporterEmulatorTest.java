package io.pinpointimport.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.pinpointimport.EndpointImporter;
import io.pinpointimport.ImportRun;
import io.pinpointimport.ImportSummary;
import io.pinpointimport.format.ImportFormat;
import io.pinpointimport.job.JobStatus;
import io.pinpointimport.model.ChannelType;
import io.pinpointimport.model.Demographic;
import io.pinpointimport.model.EndpointDefinition;
import io.pinpointimport.model.Location;
import io.pinpointimport.s3.S3ShardStore;
import io.pinpointimport.testkit.fixtures.EndpointFixtures;
import io.pinpointimport.testkit.fixtures.SeedExamples;
import io.pinpointimport.testkit.junit.ApplicationId;
import io.pinpointimport.testkit.junit.Bucket;
import io.pinpointimport.testkit.junit.PinpointEmulatorExtension;
import io.pinpointimport.validation.Rejection;
import io.pinpointimport.validation.Rule;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import software.amazon.awssdk.services.pinpoint.PinpointAsyncClient;
import software.amazon.awssdk.services.pinpoint.model.EndpointDemographic;
import software.amazon.awssdk.services.pinpoint.model.EndpointLocation;
import software.amazon.awssdk.services.pinpoint.model.EndpointResponse;
import software.amazon.awssdk.services.pinpoint.model.ImportJobResponse;
import software.amazon.awssdk.services.s3.S3AsyncClient;

/**
 * The library end to end against the emulator: definitions → validation → shards → S3 (the emulator's local S3,
 * through {@link S3ShardStore}) → import jobs (the real {@link PinpointAsyncClient} on the emulator's wire
 * protocol) → summary, then every endpoint read back with GetEndpoint and compared with its input field by field.
 *
 * <p>User attributes: Pinpoint (and the emulator) keep them per user, so the endpoints of one user all show the
 * user's merged attributes. The fixtures give all endpoints of a person the same user attributes, but the check is
 * "every input user attribute landed with its values" (input ⊆ landed), which holds whatever the merge order.
 */
class EndpointImporterEmulatorTest {
    private static final String ROLE = "arn:aws:iam::123456789012:role/PinpointImport";
    private static final int FIXTURES = 200;
    /** Small enough that ~200 fixture endpoints make several shards, so several jobs. */
    private static final long SHARD_BYTES = 16 * 1024;

    @RegisterExtension
    static final PinpointEmulatorExtension PINPOINT =
            PinpointEmulatorExtension.builder().bucket("e2e").build();

    @TempDir
    Path temp;

    @ParameterizedTest
    @EnumSource(ImportFormat.class)
    void everyEndpointLandsAsDefined(
            ImportFormat format,
            PinpointAsyncClient pinpoint,
            S3AsyncClient s3,
            @Bucket String bucket,
            @ApplicationId String appId)
            throws Exception {
        List<EndpointDefinition> input = input();

        ImportSummary s = run(format, input, pinpoint, s3, bucket, appId);

        assertAccounting(s, pinpoint, appId, input.size(), 0);
        assertLanded(input, pinpoint, appId);
    }

    @ParameterizedTest
    @EnumSource(ImportFormat.class)
    void invalidRecordsAreRejectedWithTheirPositionsAndTheRestLands(
            ImportFormat format,
            PinpointAsyncClient pinpoint,
            S3AsyncClient s3,
            @Bucket String bucket,
            @ApplicationId String appId)
            throws Exception {
        List<EndpointDefinition> valid = input();
        List<EndpointDefinition> mixed = new ArrayList<>(valid);
        // positions chosen to fall in different shards: first, middle, last
        mixed.add(0, EndpointDefinition.builder().channelType(ChannelType.EMAIL).build()); // no Id, no Address
        mixed.add(
                101,
                EndpointDefinition.builder()
                        .id("bad$id")
                        .channelType(ChannelType.EMAIL)
                        .address("bad@example.com")
                        .build());
        mixed.add(EndpointDefinition.builder()
                .id("bad{id}")
                .channelType(ChannelType.SMS)
                .address("+12065550100")
                .build());
        int last = mixed.size() - 1;

        ImportSummary s = run(format, mixed, pinpoint, s3, bucket, appId);

        assertAccounting(s, pinpoint, appId, mixed.size(), 3);
        assertThat(s.rejections()).extracting(Rejection::recordIndex).containsExactly(0L, 101L, (long) last);
        assertThat(s.rejections())
                .extracting(Rejection::rule)
                .containsExactly(Rule.ADDRESS_REQUIRED, Rule.ID_INVALID, Rule.ID_INVALID);
        assertThat(s.rejections()).extracting(r -> r.field().orElseThrow()).containsExactly("Address", "Id", "Id");
        assertLanded(valid, pinpoint, appId);
        for (String rejectedId : List.of("bad$id", "bad{id}")) {
            assertThat(pinpoint.getEndpoint(b -> b.applicationId(appId).endpointId(rejectedId))
                            .handle((r, e) -> e)
                            .join())
                    .as("rejected %s must not land", rejectedId)
                    .isNotNull();
        }
    }

    /** The seed's three endpoints, given ids so they can be read back, then fixtures with ids and every member. */
    private static List<EndpointDefinition> input() {
        List<EndpointDefinition> input = new ArrayList<>();
        List<EndpointDefinition> seed = SeedExamples.endpoints();
        for (int i = 0; i < seed.size(); i++) {
            input.add(seed.get(i).toBuilder().id("seed-" + (i + 1)).build());
        }
        input.addAll(EndpointFixtures.builder()
                .seed(6)
                .ids(true)
                .optionalShare(0.9)
                .maxValuesPerAttribute(4)
                .specialCharacters(true)
                .build()
                .list(FIXTURES));
        assertThat(input)
                .extracting(EndpointDefinition::id)
                .doesNotContainNull()
                .doesNotHaveDuplicates();
        // the fixtures must really exercise the fields compared below
        assertThat(input).filteredOn(d -> !d.metrics().isEmpty()).hasSizeGreaterThan(FIXTURES / 2);
        assertThat(input)
                .filteredOn(d -> d.attributes().values().stream().anyMatch(v -> v.size() > 1))
                .isNotEmpty();
        assertThat(input)
                .filteredOn(d -> d.user() != null && !d.user().userAttributes().isEmpty())
                .isNotEmpty();
        assertThat(input)
                .filteredOn(d -> d.location() != null && d.location().latitude() != null)
                .isNotEmpty();
        return input;
    }

    private ImportSummary run(
            ImportFormat format,
            List<EndpointDefinition> input,
            PinpointAsyncClient pinpoint,
            S3AsyncClient s3,
            String bucket,
            String appId)
            throws Exception {
        try (EndpointImporter importer = EndpointImporter.builder()
                .pinpoint(pinpoint)
                .applicationId(appId)
                .roleArn(ROLE)
                .shardStore(S3ShardStore.builder()
                        .s3(s3)
                        .bucket(bucket)
                        .prefix("e2e/")
                        .build())
                .format(format)
                .maxShardBytes(SHARD_BYTES)
                .jobOptions(o -> o.registerEndpoints(true))
                .tempDirectory(temp)
                .polling(p -> p.earlyInterval(Duration.ofMillis(10))
                        .minInterval(Duration.ofMillis(10))
                        .maxInterval(Duration.ofMillis(50)))
                .build()) {
            ImportRun run = importer.importEndpoints(input);
            return run.summary().get(60, TimeUnit.SECONDS);
        }
    }

    private static void assertAccounting(
            ImportSummary s, PinpointAsyncClient pinpoint, String appId, int read, int rejected) {
        assertThat(s.recordsRead()).isEqualTo(read);
        assertThat(s.recordsRejected())
                .isEqualTo(rejected)
                .isEqualTo(s.rejections().size());
        assertThat(s.recordsSubmitted()).isEqualTo(read - rejected);
        assertThat(s.recordsRead()).isEqualTo(s.recordsRejected() + s.recordsSubmitted());
        assertThat(s.jobErrors()).isEmpty();
        assertThat(s.shards()).isGreaterThan(2).isEqualTo(s.results().size());
        assertThat(s.jobsCompleted()).isEqualTo(s.shards());
        assertThat(s.jobsFailed()).isZero();
        assertThat(s.results()).allSatisfy(r -> {
            assertThat(r.status()).isEqualTo(JobStatus.COMPLETED);
            ImportJobResponse job = pinpoint.getImportJob(
                            b -> b.applicationId(appId).jobId(r.jobId()))
                    .join()
                    .importJobResponse();
            // what the emulator reports for the job, what the library saw, and what it put in the shard agree
            assertThat(job.jobStatusAsString()).isEqualTo("COMPLETED");
            assertThat(job.totalProcessed()).isEqualTo(r.totalProcessed().orElseThrow());
            assertThat((long) job.totalProcessed())
                    .isEqualTo(r.recordsSubmitted().orElseThrow());
            assertThat(job.totalFailures()).isZero();
            assertThat(job.definition().s3Url()).isEqualTo(r.s3Url());
            assertThat(job.definition().registerEndpoints()).isTrue();
        });
        assertThat(s.results().stream()
                        .mapToLong(r -> r.recordsSubmitted().orElseThrow())
                        .sum())
                .isEqualTo(s.recordsSubmitted());
        assertThat(s.serviceProcessed()).isEqualTo(s.recordsSubmitted());
        assertThat(s.serviceFailed()).isZero();
        assertThat(
                        pinpoint
                                .getImportJobs(b -> b.applicationId(appId).pageSize("100"))
                                .join()
                                .importJobsResponse()
                                .item()
                                .stream()
                                .mapToLong(ImportJobResponse::totalProcessed)
                                .sum())
                .isEqualTo(s.recordsSubmitted());
    }

    private static void assertLanded(List<EndpointDefinition> input, PinpointAsyncClient pinpoint, String appId) {
        // all requests in flight at once: one at a time, each waits out the emulator's per-request latency
        List<CompletableFuture<EndpointResponse>> landed = input.stream()
                .map(d -> pinpoint.getEndpoint(b -> b.applicationId(appId).endpointId(d.id()))
                        .thenApply(r -> r.endpointResponse()))
                .toList();
        SoftAssertions soft = new SoftAssertions();
        for (int i = 0; i < input.size(); i++) {
            EndpointDefinition d = input.get(i);
            EndpointResponse e = landed.get(i).join();
            String id = d.id();
            soft.assertThat(e.id()).as(id).isEqualTo(id);
            soft.assertThat(e.channelTypeAsString()).as(id + " ChannelType").isEqualTo(d.channelTypeAsString());
            soft.assertThat(e.address()).as(id + " Address").isEqualTo(d.address());
            if (d.optOutAsString() != null) {
                soft.assertThat(e.optOut()).as(id + " OptOut").isEqualTo(d.optOutAsString());
            }
            compareLocation(soft, id, d.location(), e.location());
            compareDemographic(soft, id, d.demographic(), e.demographic());
            soft.assertThat(e.attributes()).as(id + " Attributes").isEqualTo(d.attributes());
            soft.assertThat(e.metrics()).as(id + " Metrics").hasSameSizeAs(d.metrics());
            d.metrics()
                    .forEach((name, value) -> soft.assertThat(e.metrics().get(name))
                            .as(id + " Metrics." + name)
                            .isNotNull()
                            .isCloseTo(value, within(0.0)));
            if (d.user() == null || d.user().isEmpty()) {
                soft.assertThat(e.user() == null || e.user().userId() == null)
                        .as(id + " User")
                        .isTrue();
            } else {
                soft.assertThat(e.user()).as(id + " User").isNotNull();
                if (e.user() != null) {
                    soft.assertThat(e.user().userId())
                            .as(id + " User.UserId")
                            .isEqualTo(d.user().userId());
                    // per user on the service: input ⊆ landed (see the class comment)
                    soft.assertThat(e.user().userAttributes())
                            .as(id + " User.UserAttributes")
                            .containsAllEntriesOf(d.user().userAttributes());
                }
            }
        }
        soft.assertAll();
    }

    private static void compareLocation(SoftAssertions soft, String id, Location in, EndpointLocation out) {
        if (in == null || in.isEmpty()) {
            soft.assertThat(out == null || isEmpty(out)).as(id + " Location").isTrue();
            return;
        }
        soft.assertThat(out).as(id + " Location").isNotNull();
        if (out == null) {
            return;
        }
        soft.assertThat(out.country()).as(id + " Location.Country").isEqualTo(in.country());
        soft.assertThat(out.region()).as(id + " Location.Region").isEqualTo(in.region());
        soft.assertThat(out.city()).as(id + " Location.City").isEqualTo(in.city());
        soft.assertThat(out.postalCode()).as(id + " Location.PostalCode").isEqualTo(in.postalCode());
        compareDouble(soft, id + " Location.Latitude", in.latitude(), out.latitude());
        compareDouble(soft, id + " Location.Longitude", in.longitude(), out.longitude());
    }

    private static boolean isEmpty(EndpointLocation l) {
        return l.country() == null
                && l.region() == null
                && l.city() == null
                && l.postalCode() == null
                && l.latitude() == null
                && l.longitude() == null;
    }

    private static void compareDouble(SoftAssertions soft, String what, Double in, Double out) {
        if (in == null) {
            soft.assertThat(out).as(what).isNull();
        } else {
            soft.assertThat(out).as(what).isNotNull().isCloseTo(in, within(0.0));
        }
    }

    private static void compareDemographic(SoftAssertions soft, String id, Demographic in, EndpointDemographic out) {
        Map<String, String> expected = in == null
                ? Map.of()
                : demographic(
                        in.platform(),
                        in.platformVersion(),
                        in.make(),
                        in.model(),
                        in.modelVersion(),
                        in.appVersion(),
                        in.locale(),
                        in.timezone());
        Map<String, String> actual = out == null
                ? Map.of()
                : demographic(
                        out.platform(),
                        out.platformVersion(),
                        out.make(),
                        out.model(),
                        out.modelVersion(),
                        out.appVersion(),
                        out.locale(),
                        out.timezone());
        soft.assertThat(actual).as(id + " Demographic").isEqualTo(expected);
    }

    /** The eight Demographic members by their wire names, leaving out the absent ones. */
    private static Map<String, String> demographic(String... values) {
        String[] names = {
            "Platform", "PlatformVersion", "Make", "Model", "ModelVersion", "AppVersion", "Locale", "Timezone"
        };
        Map<String, String> m = new LinkedHashMap<>();
        for (int i = 0; i < names.length; i++) {
            if (values[i] != null) {
                m.put(names[i], values[i]);
            }
        }
        return m;
    }
}
