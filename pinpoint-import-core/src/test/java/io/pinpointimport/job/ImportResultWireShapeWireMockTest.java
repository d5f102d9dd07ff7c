package io.pinpointimport.job;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import io.pinpointimport.EmulatedPinpoint;
import io.pinpointimport.format.ImportFormat;
import io.pinpointimport.internal.job.JobEngine;
import io.pinpointimport.pinpoint.PinpointImportTarget;
import io.pinpointimport.spi.JobRequest;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.pinpoint.PinpointAsyncClient;

/**
 * Answers the service model allows but the emulator never gives (it always reports its counts), so two canned
 * answers on the wire: a job whose {@code TotalProcessed} and {@code TotalFailures} are missing.
 */
class ImportResultWireShapeWireMockTest {
    private static final String JOB = "{\"Id\":\"0123456789abcdef0123456789abcdef\",\"JobStatus\":\"%s\","
            + "\"CreationDate\":\"2026-12-06T00:00:00.000Z\",\"Type\":\"IMPORT\",\"ApplicationId\":\"app1\","
            + "\"Definition\":{\"S3Url\":\"s3://bucket/imports/run-1/00003/\",\"RoleArn\":\"" + EmulatedPinpoint.ROLE
            + "\",\"Format\":\"CSV\"}%s}";

    @RegisterExtension
    static final WireMockExtension wm = WireMockExtension.newInstance()
            .options(WireMockConfiguration.wireMockConfig().dynamicPort().bindAddress("127.0.0.1"))
            .configureStaticDsl(false)
            .build();

    final ScheduledThreadPoolExecutor scheduler = new ScheduledThreadPoolExecutor(1);
    final PinpointAsyncClient client = PinpointAsyncClient.builder()
            .endpointOverride(URI.create(wm.baseUrl()))
            .region(Region.US_EAST_1)
            .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("AKIDEXAMPLE", "secret")))
            .build();

    @AfterEach
    void tearDown() {
        scheduler.shutdownNow();
        client.close();
    }

    @Test
    void countsTheServiceDidNotReportStayEmpty() {
        wm.stubFor(post(urlPathEqualTo("/v1/apps/app1/jobs/import"))
                .willReturn(aResponse()
                        .withStatus(201)
                        .withHeader("Content-Type", "application/json")
                        .withBody(JOB.formatted("CREATED", ""))));
        wm.stubFor(get(urlPathEqualTo("/v1/apps/app1/jobs/import/0123456789abcdef0123456789abcdef"))
                .willReturn(aResponse()
                        .withStatus(200)
                        .withHeader("Content-Type", "application/json")
                        .withBody(JOB.formatted(
                                "COMPLETED",
                                ",\"TotalPieces\":1,\"CompletedPieces\":1,\"FailedPieces\":0,"
                                        + "\"CompletionDate\":\"2026-12-06T00:00:01.000Z\""))));
        PinpointImportTarget target = PinpointImportTarget.builder()
                .client(client)
                .applicationId("app1")
                .roleArn(EmulatedPinpoint.ROLE)
                .build();
        JobEngine engine = new JobEngine(
                target,
                scheduler,
                JobLimit.ofDefaults(),
                PollingOptions.builder()
                        .earlyInterval(Duration.ofMillis(10))
                        .minInterval(Duration.ofMillis(10))
                        .maxInterval(Duration.ofMillis(40))
                        .build(),
                RetryOptions.ofDefaults(),
                null,
                Clock.systemUTC());

        ImportResult result = engine.submit(
                        JobRequest.of("s3://bucket/imports/run-1/00003/", ImportFormat.CSV, JobOptions.ofDefaults()),
                        3,
                        4,
                        null)
                .result()
                .join();

        assertThat(result.status()).isEqualTo(JobStatus.COMPLETED);
        assertThat(result.totalProcessed()).isEmpty();
        assertThat(result.totalFailures()).isEmpty();
    }
}
