package io.pinpointimport.examples;

import static org.assertj.core.api.Assertions.assertThat;

import io.pinpointimport.BadRecordPolicy;
import io.pinpointimport.EndpointImporter;
import io.pinpointimport.ImportRun;
import io.pinpointimport.ImportSummary;
import io.pinpointimport.event.ImportListener;
import io.pinpointimport.event.ImportProgress;
import io.pinpointimport.format.ImportFormat;
import io.pinpointimport.job.ImportResult;
import io.pinpointimport.model.ChannelType;
import io.pinpointimport.model.EndpointDefinition;
import io.pinpointimport.s3.S3ShardStore;
import io.pinpointimport.testkit.junit.ApplicationId;
import io.pinpointimport.testkit.junit.Bucket;
import io.pinpointimport.testkit.junit.PinpointEmulatorTest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.services.pinpoint.PinpointAsyncClient;
import software.amazon.awssdk.services.s3.S3AsyncClient;

/** README "Quick start": import from code and import files, run against the emulator. */
@PinpointEmulatorTest
class QuickStartExampleTest {
    private static final Logger log = LoggerFactory.getLogger(QuickStartExampleTest.class);

    @Test
    void importFromCode(PinpointAsyncClient pinpoint, S3AsyncClient s3, @Bucket String bucket,
                        @ApplicationId String applicationId) {
        // tag::endpoint-definition[]
        EndpointDefinition email = EndpointDefinition.builder()
                .id("user-2-email")
                .channelType(ChannelType.EMAIL)
                .address("john.stiles@example.com")
                .location(l -> l.country("US"))
                .demographic(d -> d.platform("iOS").make("Apple"))
                .user(u -> u.userId("example-user-id-2").attribute("tier", "gold"))
                .attribute("interests", "cooking", "hiking")
                .metric("purchases", 3.0)
                .build();
        // end::endpoint-definition[]
        List<EndpointDefinition> endpoints = List.of(email, email.toBuilder().id("user-3-email").build());
        ImportSummary result;

        // tag::import-from-code[]
        // pinpoint and s3 are your SDK clients (region, credentials, endpoint); the library never closes them.
        try (EndpointImporter importer = EndpointImporter.builder()
                .pinpoint(pinpoint)
                .applicationId(applicationId)
                .roleArn("arn:aws:iam::123456789012:role/PinpointImport")
                .shardStore(S3ShardStore.builder().s3(s3).bucket(bucket).prefix("pinpoint/imports/").build())
                .format(ImportFormat.CSV)                                 // or ImportFormat.JSON (NDJSON)
                .jobOptions(o -> o.registerEndpoints(true).defineSegment(true).segmentName("november"))
                .badRecordPolicy(BadRecordPolicy.rejectAndContinue())    // the default
                .listener(new ImportListener() {
                    @Override
                    public void progress(ImportProgress p) {
                        log.info("{} read, {} rejected, {} shards stored, {} processed by the service",
                                p.recordsRead(), p.recordsRejected(), p.shardsStored(), p.processed());
                    }
                })
                .build()) {

            ImportRun run = importer.importEndpoints(endpoints);         // Iterable, Stream or Iterator; returns at once
            List<CompletableFuture<ImportResult>> jobs = run.jobs().join(); // one per shard, once the input is read
            ImportSummary summary = run.summary().join();                 // every job ended

            summary.rejections().forEach(r -> log.warn(r.describe()));    // position, field, rule: never the value
            for (ImportResult r : summary.results()) {
                log.info("job {} {}: processed {}, failed {}", r.jobId(), r.status(),
                        r.totalProcessed().orElse(-1), r.totalFailures().orElse(-1));
            }
            // end::import-from-code[]
            assertThat(jobs).hasSize(1);
            result = summary;
            // tag::import-from-code[]
        }
        // end::import-from-code[]
        assertThat(result.recordsRead()).isEqualTo(2);
        assertThat(result.serviceProcessed()).isEqualTo(2);
        assertThat(result.isClean()).isTrue();
    }

    @Test
    void importFiles(PinpointAsyncClient pinpoint, S3AsyncClient s3, @Bucket String bucket,
                     @ApplicationId String applicationId, @TempDir Path dir) throws Exception {
        Path file = dir.resolve("users.csv");
        Files.writeString(file, """
                ChannelType,Address,User.UserId,Attributes.Interests
                EMAIL,john.stiles@example.com,user-1,Hiking
                SMS,+12065550182,user-1,Cooking
                SMS,not a number,user-2,
                """);
        EndpointImporter importer = EndpointImporter.builder()
                .pinpoint(pinpoint).applicationId(applicationId)
                .roleArn("arn:aws:iam::123456789012:role/PinpointImport")
                .shardStore(S3ShardStore.builder().s3(s3).bucket(bucket).build())
                .build();
        try (importer) {
            // tag::import-files[]
            ImportSummary summary = importer.importFiles(file).summary().join();   // CSV or NDJSON, by extension

            System.out.printf("%d read, %d rejected, %d imported by the service, %d failed there%n",
                    summary.recordsRead(), summary.recordsRejected(), summary.serviceProcessed(),
                    summary.serviceFailed());
            summary.rejections().forEach(r -> System.out.println(r.describe()));  // file, line, field, rule
            // end::import-files[]
            assertThat(summary.recordsRead()).isEqualTo(3);
            assertThat(summary.recordsRejected()).isEqualTo(1);
            assertThat(summary.rejections().get(0).describe()).contains("Address");
            assertThat(summary.serviceProcessed()).isEqualTo(2);
        }
    }
}
