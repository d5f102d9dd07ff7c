package io.pinpointimport.examples;

// README "Test with the testkit": the whole class, run as a test of this module.
// tag::testkit-quick-start[]
import static org.assertj.core.api.Assertions.assertThat;

import io.pinpointimport.EndpointImporter;
import io.pinpointimport.ImportSummary;
import io.pinpointimport.s3.S3ShardStore;
import io.pinpointimport.testkit.fixtures.EndpointFixtures;
import io.pinpointimport.testkit.junit.ApplicationId;
import io.pinpointimport.testkit.junit.Bucket;
import io.pinpointimport.testkit.junit.PinpointEmulatorTest;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.pinpoint.PinpointAsyncClient;
import software.amazon.awssdk.services.s3.S3AsyncClient;

@PinpointEmulatorTest   // a local Pinpoint emulator and S3 server; clients, a bucket and an application per test
class TestkitQuickStartTest {

    @Test
    void importsAThousandEndpoints(PinpointAsyncClient pinpoint, S3AsyncClient s3,
                                   @Bucket String bucket, @ApplicationId String appId) {
        try (EndpointImporter importer = EndpointImporter.builder()
                .pinpoint(pinpoint).applicationId(appId)
                .roleArn("arn:aws:iam::123456789012:role/PinpointImport")
                .shardStore(S3ShardStore.builder().s3(s3).bucket(bucket).build())
                .build()) {

            ImportSummary summary = importer.importEndpoints(EndpointFixtures.seeded(42).list(1_000))
                    .summary().join();

            assertThat(summary.recordsRejected()).isZero();
            assertThat(summary.serviceProcessed()).isEqualTo(1_000);
            assertThat(summary.isClean()).isTrue();
        }
    }
}
// end::testkit-quick-start[]
