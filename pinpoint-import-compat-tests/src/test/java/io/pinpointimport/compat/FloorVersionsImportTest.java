package io.pinpointimport.compat;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.json.PackageVersion;
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
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import software.amazon.awssdk.core.util.VersionInfo;
import software.amazon.awssdk.services.pinpoint.PinpointAsyncClient;
import software.amazon.awssdk.services.s3.S3AsyncClient;

/**
 * The whole library path (validate, write shards in both formats, store them in S3, import, poll, read back) on
 * the versions this module was given, and proof that they are the ones on the class path.
 */
@PinpointEmulatorTest
class FloorVersionsImportTest {
    @TempDir
    Path temp;

    @Test
    void theRequestedVersionsAreTheOnesInUse() {
        assertThat(PackageVersion.VERSION.toString()).isEqualTo(System.getProperty("compat.jackson.version"));
        assertThat(VersionInfo.SDK_VERSION).isEqualTo(System.getProperty("compat.aws.sdk.version"));
        assertThat(Test.class.getPackage().getImplementationVersion())
                .isEqualTo(System.getProperty("compat.junit.version"));
    }

    @ParameterizedTest
    @EnumSource(ImportFormat.class)
    void importsThroughTheEmulator(
            ImportFormat format,
            PinpointAsyncClient pinpoint,
            S3AsyncClient s3,
            @Bucket String bucket,
            @ApplicationId String appId)
            throws Exception {
        List<EndpointDefinition> input = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            input.add(EndpointDefinition.builder()
                    .id("ep-" + i)
                    .channelType(ChannelType.EMAIL)
                    .address("user" + i + "@example.com")
                    // a surrogate pair: 4-byte UTF-8 on jackson-core 2.18+, two escapes on 2.17; same text
                    .attributes(Map.of("Mood", List.of("\uD83C\uDF89 party " + i)))
                    .build());
        }
        input.add(EndpointDefinition.builder().channelType(ChannelType.EMAIL).build()); // rejected: no address

        ImportSummary summary;
        try (EndpointImporter importer = EndpointImporter.builder()
                .pinpoint(pinpoint)
                .applicationId(appId)
                .roleArn("arn:aws:iam::123456789012:role/PinpointImport")
                .shardStore(S3ShardStore.builder().s3(s3).bucket(bucket).build())
                .format(format)
                .maxShardBytes(2 * 1024)
                .jobOptions(o -> o.registerEndpoints(true))
                .tempDirectory(temp)
                .polling(p -> p.earlyInterval(Duration.ofMillis(10))
                        .minInterval(Duration.ofMillis(10))
                        .maxInterval(Duration.ofMillis(50)))
                .build()) {
            summary = importer.importEndpoints(input).summary().get(120, TimeUnit.SECONDS);
        }

        assertThat(summary.recordsRead()).isEqualTo(51);
        assertThat(summary.recordsRejected()).isEqualTo(1);
        assertThat(summary.recordsSubmitted()).isEqualTo(50);
        assertThat(summary.shards()).isGreaterThan(1);
        assertThat(summary.jobsCompleted()).isEqualTo(summary.shards());
        assertThat(summary.serviceProcessed()).isEqualTo(50);
        assertThat(pinpoint.getEndpoint(b -> b.applicationId(appId).endpointId("ep-7"))
                        .join()
                        .endpointResponse()
                        .attributes()
                        .get("Mood"))
                .containsExactly("\uD83C\uDF89 party 7");
    }
}
