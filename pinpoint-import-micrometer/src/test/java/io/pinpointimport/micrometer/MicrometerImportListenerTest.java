package io.pinpointimport.micrometer;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.pinpointimport.EndpointImporter;
import io.pinpointimport.ImportSummary;
import io.pinpointimport.format.ImportFormat;
import io.pinpointimport.model.ChannelType;
import io.pinpointimport.model.EndpointDefinition;
import io.pinpointimport.s3.S3ShardStore;
import io.pinpointimport.testkit.junit.ApplicationId;
import io.pinpointimport.testkit.junit.Bucket;
import io.pinpointimport.testkit.junit.PinpointEmulatorTest;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.pinpoint.PinpointAsyncClient;
import software.amazon.awssdk.services.s3.S3AsyncClient;

@PinpointEmulatorTest
class MicrometerImportListenerTest {
    @TempDir
    Path temp;

    @Test
    void metersAddUpToTheSummaryAfterAnImportAgainstTheEmulator(
            PinpointAsyncClient pinpoint, S3AsyncClient s3, @Bucket String bucket, @ApplicationId String appId)
            throws Exception {
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        MicrometerImportListener metrics = MicrometerImportListener.create(registry, "pinpoint");
        List<EndpointDefinition> input = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            input.add(EndpointDefinition.builder()
                    .id("ep-" + i)
                    .channelType(ChannelType.EMAIL)
                    .address("user" + i + "@example.com")
                    .build());
        }
        input.add(EndpointDefinition.builder().channelType(ChannelType.EMAIL).build()); // no address: rejected
        input.add(EndpointDefinition.builder()
                .id("bad$id")
                .channelType(ChannelType.EMAIL)
                .address("bad@example.com")
                .build()); // rejected

        ImportSummary summary;
        try (EndpointImporter importer = EndpointImporter.builder()
                .pinpoint(pinpoint)
                .applicationId(appId)
                .roleArn("arn:aws:iam::123456789012:role/PinpointImport")
                .shardStore(S3ShardStore.builder().s3(s3).bucket(bucket).build())
                .format(ImportFormat.CSV)
                .maxShardBytes(1024)
                .tempDirectory(temp)
                .listener(metrics)
                .polling(p -> p.earlyInterval(Duration.ofMillis(10))
                        .minInterval(Duration.ofMillis(10))
                        .maxInterval(Duration.ofMillis(50)))
                .build()) {
            summary = importer.importEndpoints(input).summary().get(120, TimeUnit.SECONDS);
        }

        assertThat(summary.recordsRead()).isEqualTo(42);
        assertThat(summary.shards()).isGreaterThan(1);
        assertThat(count(registry, "pinpointimport.records.read")).isEqualTo(42);
        assertThat(count(registry, "pinpointimport.records.rejected")).isEqualTo(2);
        assertThat(count(registry, "pinpointimport.records.stored")).isEqualTo(40);
        assertThat(count(registry, "pinpointimport.shards.stored")).isEqualTo(summary.shards());
        assertThat(count(registry, "pinpointimport.bytes.stored")).isGreaterThan(40 * 20);
        assertThat(registry.get("pinpointimport.jobs")
                        .tag("status", "COMPLETED")
                        .counter()
                        .count())
                .isEqualTo(summary.jobsCompleted())
                .isEqualTo(summary.shards());
        // at least the create's answer and one check per job
        assertThat(count(registry, "pinpointimport.job.polls")).isGreaterThanOrEqualTo(2.0 * summary.shards());
        assertThat(registry.get("pinpointimport.run.duration")
                        .tag("outcome", "finished")
                        .timer()
                        .count())
                .isEqualTo(1);
        assertThat(registry.get("pinpointimport.run.duration").timer().totalTime(TimeUnit.NANOSECONDS))
                .isEqualTo(summary.duration().toNanos());
        assertThat(registry.getMeters())
                .allSatisfy(m -> assertThat(m.getId().getTag("target")).isEqualTo("pinpoint"));
        assertThat(registry.getMeters())
                .extracting(Meter::getId)
                .noneMatch(
                        id -> id.getTags().stream().anyMatch(t -> t.getValue().contains("@")));
    }

    private static double count(SimpleMeterRegistry registry, String name) {
        return registry.get(name).counter().count();
    }
}
