package io.pinpointimport.examples;

import static org.assertj.core.api.Assertions.assertThat;

import io.pinpointimport.format.ImportFormat;
import io.pinpointimport.model.ChannelType;
import io.pinpointimport.model.EndpointDefinition;
import io.pinpointimport.s3.S3ShardStore;
import io.pinpointimport.shard.Shard;
import io.pinpointimport.shard.ShardWriter;
import io.pinpointimport.spi.ShardStore;
import io.pinpointimport.spi.StoredShard;
import io.pinpointimport.testkit.junit.Bucket;
import io.pinpointimport.testkit.junit.PinpointEmulatorTest;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.http.nio.netty.NettyNioAsyncHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3AsyncClient;

/** docs/s3-storage.md: the S3 client, the store's options, storing a shard (against the local S3). */
@PinpointEmulatorTest
class S3StorageExampleTest {

    @Test
    void configuresAClientForLargeShards() {
        // tag::s3-client[]
        // NettyNioAsyncHttpClient is in software.amazon.awssdk:netty-nio-client (add it to your build)
        S3AsyncClient s3 = S3AsyncClient.builder()
                .region(Region.US_EAST_1)
                .multipartEnabled(true)                                    // large shards go up in parts
                .multipartConfiguration(m -> m
                        .thresholdInBytes(16L * 1024 * 1024)               // multipart above 16 MiB
                        .minimumPartSizeInBytes(16L * 1024 * 1024))        // 16 MiB parts
                .httpClientBuilder(NettyNioAsyncHttpClient.builder().maxConcurrency(32)) // parts in flight
                .build();
        // end::s3-client[]
        try (s3) {
            assertThat(s3.serviceClientConfiguration().region()).isEqualTo(Region.US_EAST_1);
        }
    }

    @Test
    void takesEveryOption(S3AsyncClient s3) {
        // tag::s3-store-options[]
        ShardStore store = S3ShardStore.builder()
                .s3(s3)                                   // yours: the store never closes it
                .bucket("my-imports")
                .prefix("pinpoint/imports/")              // optional, default none
                .sseKms("arn:aws:kms:us-east-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab") // or .sseS3()
                .expectedBucketOwner("123456789012")      // optional: refuse buckets owned by another account
                .tagObjects(true)                         // optional, default off (needs s3:PutObjectTagging)
                .tags(Map.of("cost-centre", "crm"))       // optional fixed tags, with tagObjects(true)
                .build();
        // end::s3-store-options[]
        assertThat(store).isInstanceOf(S3ShardStore.class);
    }

    @Test
    void retriesAShardWithBackoff(S3AsyncClient s3) {
        // tag::s3-retry[]
        ShardStore store = S3ShardStore.builder()
                .s3(s3)
                .bucket("my-imports")
                .retry(r -> r.maxAttempts(5).initialDelay(Duration.ofMillis(500)).maxDelay(Duration.ofSeconds(20)))
                .build();
        // end::s3-retry[]
        assertThat(store).isNotNull();
    }

    @Test
    void storesAShard(S3AsyncClient s3, @Bucket String bucket) {
        try (ShardWriter writer = ShardWriter.builder().format(ImportFormat.CSV).build()) {
            writer.write(0, EndpointDefinition.builder().channelType(ChannelType.EMAIL).address("a@example.com")
                    .build());
            Shard shard = writer.finish().orElseThrow();
            // tag::s3-store[]
            ShardStore store = S3ShardStore.builder().s3(s3).bucket(bucket).prefix("pinpoint/imports/").build();

            StoredShard stored = store.store("run-2026-11-29", shard).join();
            stored.jobUrl();     // s3://BUCKET/pinpoint/imports/run-2026-11-29/00000/   <- the import job's S3Url
            stored.objectUrl();  // s3://BUCKET/pinpoint/imports/run-2026-11-29/00000/part.csv
            stored.uploaded();   // false when an identical object was already there
            // end::s3-store[]
            assertThat(stored.jobUrl()).isEqualTo("s3://" + bucket + "/pinpoint/imports/run-2026-11-29/00000/");
            assertThat(stored.objectUrl()).endsWith("/00000/part.csv");
            assertThat(stored.uploaded()).isTrue();
            assertThat(store.store("run-2026-11-29", shard).join().uploaded()).isFalse();
        }
    }
}
