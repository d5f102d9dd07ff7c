package io.pinpointimport.emulator.pinpoint;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.pinpointimport.emulator.LocalS3;
import java.net.URI;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.core.client.config.ClientOverrideConfiguration;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.pinpoint.PinpointClient;
import software.amazon.awssdk.services.pinpoint.model.ApplicationResponse;
import software.amazon.awssdk.services.pinpoint.model.ApplicationsResponse;
import software.amazon.awssdk.services.pinpoint.model.Format;
import software.amazon.awssdk.services.pinpoint.model.NotFoundException;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.S3Exception;

/** The application calls scripts make first (GetApps, DeleteApp), and which credentials are accepted. */
class AppsAndCredentialsEmulatorTest {

    private static final StaticCredentialsProvider SOMEONE_ELSES =
            StaticCredentialsProvider.create(AwsBasicCredentials.create("AKIAUSERSOWNKEY00000", "users-own-secret"));

    private static PinpointClient pinpoint(URI endpoint) {
        return PinpointClient.builder()
                .endpointOverride(endpoint)
                .region(Region.US_EAST_1)
                .credentialsProvider(SOMEONE_ELSES)
                .overrideConfiguration(ClientOverrideConfiguration.builder()
                        .retryStrategy(AwsRetryStrategy.doNotRetry())
                        .build())
                .build();
    }

    private static S3Client s3(LocalS3 s3) {
        return S3Client.builder()
                .endpointOverride(s3.endpoint())
                .forcePathStyle(true)
                .region(Region.US_EAST_1)
                .credentialsProvider(SOMEONE_ELSES)
                .overrideConfiguration(ClientOverrideConfiguration.builder()
                        .retryStrategy(AwsRetryStrategy.doNotRetry())
                        .build())
                .build();
    }

    @Test
    void getAppsPagesThroughEveryApplicationAndDeleteAppRemovesOne() {
        try (PinpointEmulator emulator = PinpointEmulator.start();
                PinpointClient client = pinpoint(emulator.endpoint())) {
            String first = emulator.createApp("first");
            String second = emulator.createApp("second");
            String third = client.createApp(r -> r.createApplicationRequest(a -> a.name("third")))
                    .applicationResponse()
                    .id();

            ApplicationsResponse page = client.getApps(r -> r.pageSize("2")).applicationsResponse();
            assertThat(page.item()).extracting(ApplicationResponse::id).containsExactly(first, second);
            assertThat(page.item().get(0).name()).isEqualTo("first");
            assertThat(page.item().get(0).arn()).endsWith(":apps/" + first);
            assertThat(page.nextToken()).isNotNull();
            ApplicationsResponse rest =
                    client.getApps(r -> r.pageSize("2").token(page.nextToken())).applicationsResponse();
            assertThat(rest.item()).extracting(ApplicationResponse::id).containsExactly(third);
            assertThat(rest.nextToken()).isNull();

            ApplicationResponse deleted =
                    client.deleteApp(r -> r.applicationId(second)).applicationResponse();
            assertThat(deleted.id()).isEqualTo(second);
            assertThat(deleted.name()).isEqualTo("second");
            assertThatThrownBy(() -> client.getApp(r -> r.applicationId(second)))
                    .isInstanceOf(NotFoundException.class);
            assertThatThrownBy(() -> client.deleteApp(r -> r.applicationId(second)))
                    .isInstanceOf(NotFoundException.class);
            assertThat(client.getApps(r -> r.pageSize("10"))
                            .applicationsResponse()
                            .item())
                    .extracting(ApplicationResponse::id)
                    .containsExactly(first, third);
        }
    }

    @Test
    void theCredentialsOfTheUsersEnvironmentWorkForBothServers() {
        try (PinpointEmulator emulator = PinpointEmulator.start();
                PinpointClient client = pinpoint(emulator.endpoint());
                S3Client s3 = s3(emulator.s3())) {
            assertThat(emulator.s3().checksCredentials()).isFalse();
            emulator.s3().createBucket("imports");
            s3.putObject(
                    r -> r.bucket("imports").key("run/part.csv"),
                    RequestBody.fromString("ChannelType,Address\nEMAIL,someone@example.com\n"));
            String app = emulator.createApp("mine");
            String jobId = client.createImportJob(r -> r.applicationId(app)
                            .importJobRequest(j -> j.format(Format.CSV)
                                    .s3Url("s3://imports/run/")
                                    .registerEndpoints(true)
                                    .roleArn("arn:aws:iam::123456789012:role/PinpointImport")))
                    .importJobResponse()
                    .id();
            assertThat(client.getImportJob(r -> r.applicationId(app).jobId(jobId))
                            .importJobResponse()
                            .totalProcessed())
                    .isEqualTo(1);
        }
    }

    @Test
    void checkingCredentialsStaysAvailableForTests() {
        try (LocalS3 strictS3 = LocalS3.builder().checkCredentials(true).start();
                PinpointEmulator emulator = PinpointEmulator.builder()
                        .s3(strictS3)
                        .requireAccessKeyId(strictS3.accessKeyId())
                        .start();
                PinpointClient wrong = pinpoint(emulator.endpoint());
                PinpointClient right = emulator.newClient();
                S3Client wrongS3 = s3(strictS3)) {
            assertThat(strictS3.checksCredentials()).isTrue();
            assertThatThrownBy(() -> wrong.getApps(r -> r.pageSize("1")))
                    .isInstanceOf(AwsServiceException.class)
                    .satisfies(e -> {
                        AwsServiceException service = (AwsServiceException) e;
                        assertThat(service.statusCode()).isEqualTo(403);
                        assertThat(service.awsErrorDetails().errorCode()).isEqualTo("UnrecognizedClientException");
                    });
            assertThat(right.getApps(r -> r.pageSize("1"))
                            .applicationsResponse()
                            .item())
                    .isEmpty();
            strictS3.createBucket("strict");
            assertThatThrownBy(() -> wrongS3.putObject(r -> r.bucket("strict").key("k"), RequestBody.fromString("x")))
                    .isInstanceOf(S3Exception.class)
                    .satisfies(e -> assertThat(((S3Exception) e).statusCode()).isEqualTo(403));
        }
    }
}
