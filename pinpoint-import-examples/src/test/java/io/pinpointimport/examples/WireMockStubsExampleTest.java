package io.pinpointimport.examples;

// docs/testkit.md, "Stubs instead of the emulator": the whole class, run as a test of this module.
// tag::wiremock-test[]
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import io.pinpointimport.emulator.pinpoint.ModelledError;
import io.pinpointimport.testkit.wiremock.ImportJobs;
import io.pinpointimport.testkit.wiremock.PinpointStubs;
import io.pinpointimport.testkit.wiremock.StubReply;
import java.net.URI;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.pinpoint.PinpointAsyncClient;
import software.amazon.awssdk.services.pinpoint.model.Format;
import software.amazon.awssdk.services.pinpoint.model.ImportJobResponse;
import software.amazon.awssdk.services.pinpoint.model.JobStatus;  // the SDK's, not io.pinpointimport.job.JobStatus

class WireMockStubsExampleTest {

    @RegisterExtension
    static WireMockExtension wm = WireMockExtension.newInstance()
            .options(wireMockConfig().dynamicPort().bindAddress("127.0.0.1")).build();

    @Test
    void watchesAJobToCompletion() {
        ImportJobResponse job = ImportJobs.created("app-1");
        PinpointStubs.forApp(wm, "app-1")
                .createImportJob(StubReply.error(ModelledError.TOO_MANY_REQUESTS), StubReply.job(job)) // 429, then 201
                .jobStatusSequence(job, JobStatus.CREATED, JobStatus.PROCESSING, JobStatus.COMPLETED);

        try (PinpointAsyncClient pinpoint = PinpointAsyncClient.builder()
                .endpointOverride(URI.create(wm.baseUrl()))
                .region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("id", "secret")))
                .build()) {
            // The code under test would run here; these calls stand in for it.
            ImportJobResponse created = pinpoint.createImportJob(r -> r.applicationId("app-1")
                    .importJobRequest(j -> j.format(Format.CSV).s3Url("s3://b/p/").roleArn(ImportJobs.DEFAULT_ROLE_ARN)))
                    .join().importJobResponse();                                  // the SDK retried the 429
            JobStatus last = null;
            for (int poll = 0; poll < 3; poll++) {
                last = pinpoint.getImportJob(r -> r.applicationId("app-1").jobId(created.id()))
                        .join().importJobResponse().jobStatus();
            }
            assertThat(created.id()).isEqualTo(job.id());
            assertThat(last).isEqualTo(JobStatus.COMPLETED);
        }
    }
}
// end::wiremock-test[]
