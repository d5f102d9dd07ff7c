package io.pinpointimport.s3;

import static org.assertj.core.api.Assertions.assertThat;

import io.pinpointimport.EndpointImporter;
import io.pinpointimport.ImportRun;
import io.pinpointimport.ImportSummary;
import io.pinpointimport.emulator.pinpoint.Operation;
import io.pinpointimport.emulator.pinpoint.PinpointEmulator;
import io.pinpointimport.emulator.pinpoint.ServedRequest;
import io.pinpointimport.format.ImportFormat;
import io.pinpointimport.job.ImportResult;
import io.pinpointimport.job.JobStatus;
import io.pinpointimport.model.ChannelType;
import io.pinpointimport.model.EndpointDefinition;
import io.pinpointimport.testkit.fixtures.SeedExamples;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.pinpoint.PinpointAsyncClient;
import software.amazon.awssdk.services.s3.S3AsyncClient;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * End to end: definitions → validation → shards → S3 (the emulator's in-process S3) → import jobs (the Pinpoint
 * emulator, with the real PinpointAsyncClient) → summary. The emulator reads the shards under each job's S3Url back
 * from S3 and imports their rows, as the service would.
 */
class EndpointImporterS3EmulatorTest {
    private static final String BUCKET = "imports";
    private static final String ROLE = "arn:aws:iam::123456789012:role/PinpointImport";

    @TempDir
    Path temp;

    @Test
    void definitionsToShardsToS3ToJobsToSummary() {
        List<EndpointDefinition> input = new ArrayList<>(SeedExamples.endpoints());
        for (int i = 0; i < 20; i++) {
            // an endpoint without an Id is new and needs an address: every 7th has none
            input.add(EndpointDefinition.builder()
                    .id(i % 7 == 3 ? null : "e" + i)
                    .channelType(ChannelType.EMAIL)
                    .address(i % 7 == 3 ? null : "u" + i + "@example.com")
                    .build());
        }
        // the emulator's own LocalS3: the store uploads there (multipart-enabled client), the jobs read from there
        try (PinpointEmulator emulator = PinpointEmulator.start();
                S3AsyncClient multipart = emulator.s3().newAsyncClient();
                S3Client plain = emulator.s3().newClient();
                PinpointAsyncClient pinpoint = emulator.newAsyncClient();
                EndpointImporter importer = EndpointImporter.builder()
                        .pinpoint(pinpoint)
                        .applicationId(emulator.createApp("s3-tests"))
                        .roleArn(ROLE)
                        .shardStore(S3ShardStore.builder()
                                .s3(multipart)
                                .bucket(BUCKET)
                                .prefix("pinpoint/imports/")
                                .build())
                        .format(ImportFormat.CSV)
                        .maxRecordsPerShard(5)
                        .tempDirectory(temp)
                        .polling(p -> p.earlyInterval(Duration.ofMillis(10))
                                .minInterval(Duration.ofMillis(10))
                                .maxInterval(Duration.ofMillis(40)))
                        .build()) {
            emulator.s3().createBucket(BUCKET);
            ImportRun run = importer.importEndpoints(input);
            List<CompletableFuture<ImportResult>> jobs = run.jobs().join();
            ImportSummary s = run.summary().join();

            // accounting: every record in exactly one place
            assertThat(s.recordsRead()).isEqualTo(23);
            assertThat(s.recordsRejected()).isEqualTo(3);
            assertThat(s.recordsSubmitted()).isEqualTo(20);
            assertThat(s.recordsRead()).isEqualTo(s.recordsRejected() + s.recordsSubmitted());
            assertThat(s.rejections()).hasSize(3);
            assertThat(s.shards()).isEqualTo(4).isEqualTo(jobs.size());
            assertThat(s.results()).hasSize(4).allSatisfy(r -> {
                assertThat(r.status()).isEqualTo(JobStatus.COMPLETED);
                assertThat(r.s3Url()).startsWith("s3://" + BUCKET + "/pinpoint/imports/" + s.runId() + "/");
                // the service's count (rows it read from S3) equals what the library put in that shard
                assertThat((long) r.totalProcessed().orElseThrow())
                        .isEqualTo(r.recordsSubmitted().orElseThrow());
            });
            assertThat(s.results().stream()
                            .mapToLong(r -> r.recordsSubmitted().orElseThrow())
                            .sum())
                    .isEqualTo(s.recordsSubmitted());
            assertThat(s.serviceProcessed()).isEqualTo(20);
            assertThat(s.serviceFailed()).isZero();
            // one shard, one job
            assertThat(emulator.requests())
                    .filteredOn(r -> r.operation() == Operation.CREATE_IMPORT_JOB)
                    .extracting(ServedRequest::s3Url)
                    .hasSize(4)
                    .doesNotHaveDuplicates()
                    .containsExactlyInAnyOrderElementsOf(
                            s.results().stream().map(ImportResult::s3Url).toList());
            assertThat(plain.listObjectsV2(b -> b.bucket(BUCKET).prefix("pinpoint/imports/" + s.runId() + "/"))
                            .contents())
                    .hasSize(4);
        }
        assertThat(temp.toFile().list()).isEmpty();
    }
}
