package io.pinpointimport.examples;

import static org.assertj.core.api.Assertions.assertThat;

import io.pinpointimport.EndpointImporter;
import io.pinpointimport.ImportSummary;
import io.pinpointimport.model.ChannelType;
import io.pinpointimport.model.EndpointDefinition;
import io.pinpointimport.s3.S3ShardStore;
import io.pinpointimport.testkit.fixtures.EndpointFixtures;
import io.pinpointimport.testkit.junit.ApplicationId;
import io.pinpointimport.testkit.junit.Bucket;
import io.pinpointimport.testkit.junit.PinpointEmulatorTest;
import io.pinpointimport.validation.EndpointValidator;
import io.pinpointimport.validation.ValidationLevel;
import java.util.List;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.pinpoint.PinpointAsyncClient;
import software.amazon.awssdk.services.s3.S3AsyncClient;

/** docs/testkit.md, "Realistic endpoints": the fixtures generator, fed lazily to a real import. */
@PinpointEmulatorTest
class FixturesExampleTest {

    @Test
    void generatesRealisticEndpointsAndImportsThem(PinpointAsyncClient pinpoint, S3AsyncClient s3,
                                                   @Bucket String bucket, @ApplicationId String applicationId) {
        try (EndpointImporter importer = EndpointImporter.builder()
                .pinpoint(pinpoint).applicationId(applicationId)
                .roleArn("arn:aws:iam::123456789012:role/PinpointImport")
                .shardStore(S3ShardStore.builder().s3(s3).bucket(bucket).build())
                .build()) {
            // tag::fixtures[]
            EndpointFixtures fixtures = EndpointFixtures.builder()
                    .seed(42)                                  // same seed, same definitions, on every machine
                    .channelWeight(ChannelType.SMS, 50)        // relative weights; the default mix is EMAIL-heavy
                    .maxEndpointsPerUser(5)                    // endpoints sharing one user id (at most 15)
                    .specialCharacters(true)                   // Unicode, emoji, commas and quotes in values
                    .build();

            List<EndpointDefinition> hundred = fixtures.list(100);
            // lazy: the stream generates each definition as the importer reads it, nothing is held in memory
            ImportSummary summary = importer.importEndpoints(fixtures.stream().limit(5_000)).summary().join();
            // end::fixtures[]

            assertThat(hundred).hasSize(100).isEqualTo(fixtures.list(100));
            EndpointValidator strict = EndpointValidator.builder().level(ValidationLevel.STRICT).build();
            for (int i = 0; i < hundred.size(); i++) {
                assertThat(strict.validate(i, hundred.get(i))).as("record %d", i).isEmpty();
            }
            assertThat(summary.recordsRead()).isEqualTo(5_000);
            assertThat(summary.recordsRejected()).isZero();
            assertThat(summary.serviceProcessed()).isEqualTo(5_000);
        }
    }
}
