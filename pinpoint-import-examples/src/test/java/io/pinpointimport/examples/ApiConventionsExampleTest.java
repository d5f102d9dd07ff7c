package io.pinpointimport.examples;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.pinpointimport.EndpointImporter;
import io.pinpointimport.ImportSummary;
import io.pinpointimport.model.ChannelType;
import io.pinpointimport.model.EndpointDefinition;
import io.pinpointimport.s3.S3ShardStore;
import io.pinpointimport.testkit.junit.ApplicationId;
import io.pinpointimport.testkit.junit.Bucket;
import io.pinpointimport.testkit.junit.PinpointEmulatorTest;
import io.pinpointimport.validation.ValidationLevel;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.pinpoint.PinpointAsyncClient;
import software.amazon.awssdk.services.s3.S3AsyncClient;

/** docs/api-conventions.md: nested configuration through {@code Consumer}s of builders, and rival setters. */
@PinpointEmulatorTest
class ApiConventionsExampleTest {

    @Test
    void nestedConfigurationStartsFromTheDefaults(PinpointAsyncClient pinpoint, S3AsyncClient s3,
                                                  @Bucket String bucket, @ApplicationId String applicationId) {
        // tag::nested-configuration[]
        EndpointImporter.Builder builder = EndpointImporter.builder()
                .validator(v -> v.level(ValidationLevel.STRICT))
                .polling(p -> p.maxInterval(Duration.ofMinutes(1)))
                .retry(r -> r.maxAttempts(3))
                .jobOptions(j -> j.defineSegment(true).segmentName("november-import"));
        // end::nested-configuration[]
        builder.pinpoint(pinpoint).applicationId(applicationId)
                .roleArn("arn:aws:iam::123456789012:role/PinpointImport")
                .shardStore(S3ShardStore.builder().s3(s3).bucket(bucket).build());
        List<EndpointDefinition> records = List.of(
                EndpointDefinition.builder().channelType(ChannelType.SMS).address("+12065550182").build(),
                EndpointDefinition.builder().channelType(ChannelType.SMS).address("2065550182").build());
        try (EndpointImporter importer = builder.build()) {
            ImportSummary summary = importer.importEndpoints(records).summary().join();
            assertThat(summary.recordsRejected()).as("STRICT wants E.164 with +").isEqualTo(1);
            assertThat(summary.recordsImported()).isEqualTo(1);
        }
        assertThatThrownBy(() -> builder.validationLevel(ValidationLevel.SERVICE).build())
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("validator").hasMessageContaining("validationLevel");
    }
}
