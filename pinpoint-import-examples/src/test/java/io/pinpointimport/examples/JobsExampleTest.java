package io.pinpointimport.examples;

import static org.assertj.core.api.Assertions.assertThat;

import io.pinpointimport.EndpointImporter;
import io.pinpointimport.ImportSummary;
import io.pinpointimport.event.ImportListener;
import io.pinpointimport.model.ChannelType;
import io.pinpointimport.model.EndpointDefinition;
import io.pinpointimport.s3.S3ShardStore;
import io.pinpointimport.testkit.junit.ApplicationId;
import io.pinpointimport.testkit.junit.Bucket;
import io.pinpointimport.testkit.junit.PinpointEmulatorTest;
import io.pinpointimport.validation.Rejection;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.pinpoint.PinpointAsyncClient;
import software.amazon.awssdk.services.s3.S3AsyncClient;

/** docs/jobs-and-polling.md: polling options, and every rejection through the listener. */
@PinpointEmulatorTest
class JobsExampleTest {

    @Test
    void pollsLessOftenAndHearsEveryRejection(PinpointAsyncClient pinpoint, S3AsyncClient s3, @Bucket String bucket,
                                             @ApplicationId String applicationId) {
        ConcurrentLinkedQueue<String> rejectsLog = new ConcurrentLinkedQueue<>();
        List<EndpointDefinition> input = new ArrayList<>();
        IntStream.range(0, 300).forEach(i -> input.add(EndpointDefinition.builder().channelType(ChannelType.EMAIL)
                .address(i % 2 == 0 ? "user" + i + "@example.com" : "no-at-sign").build()));

        EndpointImporter.Builder builder = EndpointImporter.builder()
                .pinpoint(pinpoint).applicationId(applicationId)
                .roleArn("arn:aws:iam::123456789012:role/PinpointImport")
                .shardStore(S3ShardStore.builder().s3(s3).bucket(bucket).build());
        // tag::polling[]
        // fewer calls for long jobs: waits may grow to 2 minutes (reached by jobs older than about 22 minutes)
        builder.polling(p -> p.maxInterval(Duration.ofMinutes(2)));
        // end::polling[]
        // tag::every-rejection[]
        builder.retainedRejections(100)                                   // the summary keeps the first 100
                .listener(new ImportListener() {
                    @Override
                    public void recordRejected(List<Rejection> rejections) { // every rejected record, in input order
                        rejections.forEach(r -> rejectsLog.add(r.describe())); // position, field, rule: never the value
                    }
                });
        // end::every-rejection[]

        try (EndpointImporter importer = builder.build()) {
            ImportSummary summary = importer.importEndpoints(input).summary().join();
            assertThat(summary.recordsRejected()).isEqualTo(150);
            assertThat(summary.rejections()).hasSize(100);
            assertThat(summary.rejectionsOmitted()).isEqualTo(50);
            assertThat(rejectsLog).hasSize(150).allSatisfy(line -> assertThat(line).doesNotContain("no-at-sign"));
            assertThat(summary.serviceProcessed()).isEqualTo(150);
        }
    }
}
