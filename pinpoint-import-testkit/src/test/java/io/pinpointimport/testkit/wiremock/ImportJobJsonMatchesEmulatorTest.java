package io.pinpointimport.testkit.wiremock;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.pinpointimport.emulator.pinpoint.ImportJobJson;
import io.pinpointimport.emulator.pinpoint.PinpointEmulator;
import io.pinpointimport.testkit.junit.ApplicationId;
import io.pinpointimport.testkit.junit.Bucket;
import io.pinpointimport.testkit.junit.PinpointEmulatorTest;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.async.AsyncRequestBody;
import software.amazon.awssdk.services.pinpoint.PinpointAsyncClient;
import software.amazon.awssdk.services.pinpoint.model.Format;
import software.amazon.awssdk.services.pinpoint.model.ImportJobResponse;
import software.amazon.awssdk.services.pinpoint.model.JobStatus;
import software.amazon.awssdk.services.s3.S3AsyncClient;

/** The WireMock stubs and the emulator must put the same JSON on the wire for the same job. */
@PinpointEmulatorTest
class ImportJobJsonMatchesEmulatorTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void aFinishedJobWithRowFailuresRendersAsTheEmulatorRendersIt(
            PinpointEmulator emulator,
            PinpointAsyncClient pinpoint,
            S3AsyncClient s3,
            @Bucket String bucket,
            @ApplicationId String appId)
            throws Exception {
        s3.putObject(
                        b -> b.bucket(bucket).key("in/a.csv"),
                        AsyncRequestBody.fromString("ChannelType,Address\nEMAIL,a@example.com\nEMAIL,\n"))
                .join();
        String jobId = pinpoint.createImportJob(b -> b.applicationId(appId)
                        .importJobRequest(r -> r.format(Format.CSV)
                                .s3Url("s3://" + bucket + "/in/")
                                .roleArn("arn:aws:iam::123456789012:role/I")
                                .registerEndpoints(true)
                                .defineSegment(true)
                                .segmentName("S")))
                .join()
                .importJobResponse()
                .id();

        ImportJobResponse viaSdk = pinpoint.getImportJob(
                        b -> b.applicationId(appId).jobId(jobId))
                .join()
                .importJobResponse();
        HttpResponse<String> raw = HttpClient.newHttpClient()
                .send(
                        HttpRequest.newBuilder(
                                        URI.create(emulator.endpoint() + "/v1/apps/" + appId + "/jobs/import/" + jobId))
                                .GET()
                                .build(),
                        HttpResponse.BodyHandlers.ofString());

        assertThat(viaSdk.jobStatus()).isEqualTo(JobStatus.COMPLETED);
        assertThat(viaSdk.totalFailures()).isEqualTo(1);
        JsonNode emulatorJson = JSON.readTree(raw.body());
        JsonNode ourJson = JSON.readTree(ImportJobJson.importJob(viaSdk));
        assertThat(ourJson).isEqualTo(emulatorJson);
    }
}
