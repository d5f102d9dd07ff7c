package io.pinpointimport.examples;

// The testkit's complete example (docs/testkit.md), run as a test of this module.
// tag::testkit-test[]
import static org.assertj.core.api.Assertions.assertThat;

import io.pinpointimport.emulator.Pace;
import io.pinpointimport.testkit.junit.ApplicationId;
import io.pinpointimport.testkit.junit.Bucket;
import io.pinpointimport.testkit.junit.PinpointEmulatorExtension;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.core.async.AsyncRequestBody;
import software.amazon.awssdk.services.pinpoint.PinpointAsyncClient;
import software.amazon.awssdk.services.pinpoint.model.EndpointResponse;
import software.amazon.awssdk.services.pinpoint.model.Format;
import software.amazon.awssdk.services.pinpoint.model.ImportJobResponse;
import software.amazon.awssdk.services.pinpoint.model.JobStatus;
import software.amazon.awssdk.services.s3.S3AsyncClient;

class EndpointImportTest {

    @RegisterExtension
    static final PinpointEmulatorExtension PINPOINT = PinpointEmulatorExtension.builder()
            .emulator(e -> e.pace(Pace.steps()))   // each GetImportJob moves the job one state on
            .build();

    @Test
    void importsACsvFileAndRegistersItsEndpoints(PinpointAsyncClient pinpoint, S3AsyncClient s3,
                                                 @Bucket String bucket, @ApplicationId String appId) {
        // 1. Upload an import file to the local S3.
        String csv = """
                Id,ChannelType,Address,User.UserId,Attributes.Interests,Attributes.Interests
                ep-1,EMAIL,john.stiles@example.com,user-1,Hiking,Cooking
                ep-2,SMS,+12065550182,user-1,Hiking,
                """;
        s3.putObject(b -> b.bucket(bucket).key("imports/run-1/endpoints.csv"), AsyncRequestBody.fromString(csv))
                .join();

        // 2. Create the import job, exactly as against AWS.
        ImportJobResponse created = pinpoint.createImportJob(b -> b
                        .applicationId(appId)
                        .importJobRequest(r -> r
                                .format(Format.CSV)
                                .s3Url("s3://" + bucket + "/imports/run-1/")
                                .roleArn("arn:aws:iam::123456789012:role/PinpointImport")
                                .registerEndpoints(true)))
                .join().importJobResponse();
        assertThat(created.jobStatus()).isEqualTo(JobStatus.CREATED);

        // 3. Poll until the job ends.
        List<JobStatus> seen = new ArrayList<>();
        ImportJobResponse job = created;
        for (int poll = 0; poll < 20 && !isTerminal(job); poll++) {
            job = pinpoint.getImportJob(b -> b.applicationId(appId).jobId(created.id())).join().importJobResponse();
            seen.add(job.jobStatus());
        }
        assertThat(seen).contains(JobStatus.PROCESSING).endsWith(JobStatus.COMPLETED);
        assertThat(job.totalProcessed()).isEqualTo(2);
        assertThat(job.totalFailures()).isZero();

        // 4. Read an imported endpoint back.
        EndpointResponse endpoint = pinpoint.getEndpoint(b -> b.applicationId(appId).endpointId("ep-1"))
                .join().endpointResponse();
        assertThat(endpoint.channelType().toString()).isEqualTo("EMAIL");
        assertThat(endpoint.address()).isEqualTo("john.stiles@example.com");
        assertThat(endpoint.user().userId()).isEqualTo("user-1");
        assertThat(endpoint.attributes()).containsEntry("Interests", List.of("Hiking", "Cooking"));
    }

    private static boolean isTerminal(ImportJobResponse job) {
        return job.jobStatus() == JobStatus.COMPLETED || job.jobStatus() == JobStatus.FAILED;
    }
}
// end::testkit-test[]
