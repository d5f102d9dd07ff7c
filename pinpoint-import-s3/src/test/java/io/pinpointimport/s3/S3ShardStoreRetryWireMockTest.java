package io.pinpointimport.s3;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.put;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.MappingBuilder;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.http.Fault;
import com.github.tomakehurst.wiremock.http.RequestMethod;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import io.pinpointimport.emulator.LocalS3;
import io.pinpointimport.format.ImportFormat;
import io.pinpointimport.job.RetryOptions;
import io.pinpointimport.s3.internal.S3Errors;
import io.pinpointimport.shard.Shard;
import io.pinpointimport.spi.StoredShard;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.core.ResponseBytes;
import software.amazon.awssdk.core.async.AsyncResponseTransformer;
import software.amazon.awssdk.core.exception.ApiCallAttemptTimeoutException;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.retries.api.BackoffStrategy;
import software.amazon.awssdk.services.s3.S3AsyncClient;
import software.amazon.awssdk.services.s3.model.GetObjectResponse;
import software.amazon.awssdk.services.s3.model.PutObjectRequest;

/**
 * Shard-level retries of {@link S3ShardStore}: a WireMock proxy in front of the in-process S3 server fails chosen
 * requests more often than the SDK's own three attempts absorb, and the store tries the shard again.
 */
class S3ShardStoreRetryWireMockTest {
    private static final String BUCKET = "retried";
    private static final long PART_SIZE = 5L << 20;
    /** What the test's S3 client allows per request, the SDK's default for S3 (its header says {@code max=4}). */
    private static final int SDK_ATTEMPTS = 4;
    /**
     * PutObject attempts as the client made them. WireMock's journal misses an attempt that failed before it
     * reached the server (a pooled connection closed under it, seen on a loaded machine), so tests that mean
     * "the SDK tried so often" count here.
     */
    private static final AtomicInteger PUT_ATTEMPTS = new AtomicInteger();

    private static final String SLOW_DOWN = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<Error><Code>SlowDown</Code>"
            + "<Message>Please reduce your request rate.</Message><RequestId>RID</RequestId></Error>";
    private static final String INTERNAL = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<Error><Code>InternalError"
            + "</Code><Message>We encountered an internal error. Please try again.</Message></Error>";

    private static LocalS3 server;
    private static WireMockServer proxy;
    private static S3AsyncClient multipart;
    private static S3AsyncClient reader;

    @TempDir
    Path dir;

    @BeforeAll
    static void start() throws Exception {
        server = S3Clients.start();
        proxy = new WireMockServer(wireMockConfig()
                .dynamicPort()
                .bindAddress("127.0.0.1")
                .jettyAcceptors(1)
                .preserveHostHeader(true));
        proxy.start();
        // The SDK's attempts per request, with short backoffs and without its retry quota: the quota is shared by
        // every test of the class, and one test's failures must not take attempts from the next.
        BackoffStrategy quick = BackoffStrategy.exponentialDelay(Duration.ofMillis(10), Duration.ofMillis(100));
        multipart = S3Clients.clientBuilder(URI.create(proxy.baseUrl()))
                .multipartEnabled(true)
                .multipartConfiguration(c -> c.minimumPartSizeInBytes(PART_SIZE).thresholdInBytes(PART_SIZE))
                .overrideConfiguration(o -> o.retryStrategy(AwsRetryStrategy.standardRetryStrategy().toBuilder()
                                .maxAttempts(SDK_ATTEMPTS)
                                .circuitBreakerEnabled(false)
                                .backoffStrategy(quick)
                                .throttlingBackoffStrategy(quick)
                                .build())
                        .addExecutionInterceptor(new ExecutionInterceptor() {
                            @Override
                            public void beforeTransmission(
                                    Context.BeforeTransmission context, ExecutionAttributes attributes) {
                                if (context.request() instanceof PutObjectRequest) {
                                    PUT_ATTEMPTS.incrementAndGet();
                                }
                            }
                        }))
                .build();
        reader = S3Clients.plainClient(server.endpoint());
        reader.createBucket(b -> b.bucket(BUCKET)).join();
    }

    @BeforeEach
    void proxyEverything() {
        proxy.resetAll();
        PUT_ATTEMPTS.set(0);
        proxy.stubFor(any(anyUrl())
                .atPriority(10)
                .willReturn(aResponse().proxiedFrom(server.endpoint().toString())));
    }

    @AfterEach
    void resetProxy() {
        proxy.resetAll();
    }

    @AfterAll
    static void stop() throws Exception {
        multipart.close();
        reader.close();
        proxy.stop();
        server.close();
    }

    private static S3ShardStore store(int attempts) {
        return S3ShardStore.builder()
                .s3(multipart)
                .bucket(BUCKET)
                .prefix("r")
                .retry(r -> r.maxAttempts(attempts)
                        .initialDelay(Duration.ofMillis(10))
                        .maxDelay(Duration.ofMillis(40)))
                .build();
    }

    /** The first {@code times} requests matching {@code request} get {@code failure}; later ones are proxied. */
    private static void failFirst(Supplier<MappingBuilder> request, int times, ResponseDefinitionBuilder failure) {
        String scenario = "fail-" + System.identityHashCode(request);
        for (int i = 0; i < times; i++) {
            proxy.stubFor(request.get()
                    .atPriority(1)
                    .inScenario(scenario)
                    .whenScenarioStateIs(i == 0 ? Scenario.STARTED : "failed-" + i)
                    .willReturn(failure)
                    .willSetStateTo("failed-" + (i + 1)));
        }
    }

    private static List<LoggedRequest> requests(RequestMethod method, String query) {
        return proxy.findAll(anyRequestedFor(anyUrl())).stream()
                .filter(r -> r.getMethod().equals(method))
                .filter(r ->
                        query == null ? !r.getUrl().contains("?") : r.getUrl().contains(query))
                .toList();
    }

    private static byte[] read(String key) {
        ResponseBytes<GetObjectResponse> bytes = reader.getObject(
                        b -> b.bucket(BUCKET).key(key), AsyncResponseTransformer.toBytes())
                .join();
        return bytes.asByteArray();
    }

    @Test
    void putThatOutlastsTheSdkRetriesIsTriedAgainByTheStore() throws Exception {
        Shard shard = TestShards.csv(dir, 0, 10);
        String path = "/retried/r/run-1/00000/part.csv";
        // one more 500 than the SDK's attempts: the first store attempt gives up, the second succeeds
        failFirst(
                () -> put(urlPathEqualTo(path)),
                SDK_ATTEMPTS,
                aResponse()
                        .withStatus(500)
                        .withHeader("Content-Type", "application/xml")
                        .withBody(INTERNAL));

        StoredShard stored = store(3).store("run-1", shard).join();

        assertThat(stored.uploaded()).isTrue();
        assertThat(requests(RequestMethod.PUT, null)).hasSize(SDK_ATTEMPTS + 1);
        assertThat(read("r/run-1/00000/part.csv")).isEqualTo(Files.readAllBytes(shard.file()));
    }

    @Test
    void connectionResetsAreRetried() {
        Shard shard = TestShards.csv(dir, 1, 10);
        failFirst(
                () -> put(urlPathEqualTo("/retried/r/run-2/00001/part.csv")),
                SDK_ATTEMPTS + 1,
                aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER));

        StoredShard stored = store(3).store("run-2", shard).join();

        assertThat(stored.uploaded()).isTrue();
        assertThat(requests(RequestMethod.PUT, null)).hasSize(SDK_ATTEMPTS + 2);
    }

    @Test
    void failedPartAbortsTheMultipartUploadAndTheShardIsUploadedAgain() throws Exception {
        Shard shard = TestShards.random(dir, 2, ImportFormat.JSON, 11 << 20, 7);
        String path = "/retried/r/run-3/00002/part.json";
        failFirst(
                () -> put(urlPathEqualTo(path)).withQueryParam("partNumber", equalTo("2")),
                SDK_ATTEMPTS,
                aResponse()
                        .withStatus(503)
                        .withHeader("Content-Type", "application/xml")
                        .withBody(SLOW_DOWN));

        StoredShard stored = store(3).store("run-3", shard).join();

        assertThat(stored.uploaded()).isTrue();
        assertThat(requests(RequestMethod.POST, "uploads"))
                .as("CreateMultipartUpload")
                .hasSize(2);
        assertThat(requests(RequestMethod.DELETE, "uploadId="))
                .as("AbortMultipartUpload")
                .hasSize(1);
        assertThat(requests(RequestMethod.POST, "uploadId="))
                .as("CompleteMultipartUpload")
                .hasSize(1);
        assertThat(read("r/run-3/00002/part.json")).isEqualTo(Files.readAllBytes(shard.file()));
    }

    @Test
    void givesUpAfterMaxAttemptsAndSaysSo() {
        Shard shard = TestShards.csv(dir, 3, 10);
        proxy.stubFor(put(urlPathEqualTo("/retried/r/run-4/00003/part.csv"))
                .atPriority(1)
                .willReturn(aResponse()
                        .withStatus(503)
                        .withHeader("Content-Type", "application/xml")
                        .withBody(SLOW_DOWN)));

        Throwable seen = store(2).store("run-4", shard).handle((v, e) -> e).join();

        assertThat(seen).isInstanceOf(S3ShardStoreException.class);
        S3ShardStoreException e = (S3ShardStoreException) seen;
        assertThat(e.statusCode()).isEqualTo(503);
        assertThat(e.errorCode()).hasValue("SlowDown");
        assertThat(e.getMessage()).contains("PutObject", "SlowDown", "gave up after 2 attempts");
        assertThat(PUT_ATTEMPTS).as("PutObject attempts the SDK made").hasValue(2 * SDK_ATTEMPTS);
        assertThat(requests(RequestMethod.PUT, null))
                .as("PutObject requests that reached the server")
                .hasSizeBetween(2, 2 * SDK_ATTEMPTS);
    }

    @Test
    void accessDeniedIsNotRetried() {
        Shard shard = TestShards.csv(dir, 4, 10);
        proxy.stubFor(put(urlPathEqualTo("/retried/r/run-5/00004/part.csv"))
                .atPriority(1)
                .willReturn(aResponse()
                        .withStatus(403)
                        .withHeader("Content-Type", "application/xml")
                        .withBody("<Error><Code>AccessDenied</Code><Message>Access Denied</Message></Error>")));

        Throwable seen = store(5).store("run-5", shard).handle((v, e) -> e).join();

        assertThat(seen).isInstanceOf(S3ShardStoreException.class);
        assertThat(((S3ShardStoreException) seen).errorCode()).hasValue("AccessDenied");
        assertThat(seen.getMessage()).doesNotContain("gave up");
        assertThat(requests(RequestMethod.PUT, null)).hasSize(1);
    }

    @Test
    void noRetryWhenTurnedOff() {
        Shard shard = TestShards.csv(dir, 5, 10);
        failFirst(
                () -> put(urlPathEqualTo("/retried/r/run-6/00005/part.csv")),
                SDK_ATTEMPTS,
                aResponse().withStatus(500).withBody(INTERNAL));

        Throwable seen = store(1).store("run-6", shard).handle((v, e) -> e).join();

        assertThat(seen).isInstanceOf(S3ShardStoreException.class);
        assertThat(((S3ShardStoreException) seen).statusCode()).isEqualTo(500);
        assertThat(PUT_ATTEMPTS).as("PutObject attempts the SDK made").hasValue(SDK_ATTEMPTS);
        assertThat(requests(RequestMethod.PUT, null))
                .as("PutObject requests that reached the server")
                .hasSizeBetween(1, SDK_ATTEMPTS);
    }

    private static S3ShardStoreException failure(String code, int status, Throwable cause) {
        return new S3ShardStoreException("m", BUCKET, "k", code, status, null, cause);
    }

    @Test
    void onlyFailuresWorthAnotherTryAreRetryable() {
        assertThat(S3Errors.retryable(failure("InternalError", 500, null))).isTrue();
        assertThat(S3Errors.retryable(failure("SlowDown", 503, null))).isTrue();
        assertThat(S3Errors.retryable(failure(null, 429, null))).isTrue();
        assertThat(S3Errors.retryable(failure("RequestTimeout", 400, null))).isTrue();
        assertThat(S3Errors.retryable(failure(
                        null,
                        0,
                        SdkClientException.create(
                                "Unable to execute HTTP request", new IOException("Connection reset by peer")))))
                .isTrue();
        assertThat(S3Errors.retryable(failure(null, 0, ApiCallAttemptTimeoutException.create(1000))))
                .isTrue();

        assertThat(S3Errors.retryable(failure("AccessDenied", 403, null))).isFalse();
        assertThat(S3Errors.retryable(failure("NoSuchBucket", 404, null))).isFalse();
        assertThat(S3Errors.retryable(failure("InvalidArgument", 400, null))).isFalse();
        assertThat(S3Errors.retryable(failure(S3ShardStoreException.CHECKSUM_MISMATCH, 200, null)))
                .isFalse();
        assertThat(S3Errors.retryable(failure(
                        null, 0, SdkClientException.create("Unable to load credentials from any of the providers"))))
                .isFalse();
    }

    @Test
    void retryOptionsAreKeptByToBuilder() {
        RetryOptions options = RetryOptions.builder().maxAttempts(2).build();
        S3ShardStore store = S3ShardStore.builder()
                .s3(multipart)
                .bucket(BUCKET)
                .retry(options)
                .build();
        assertThat(store.toBuilder().build().retry()).isEqualTo(options);
        assertThat(S3ShardStore.builder().s3(multipart).bucket(BUCKET).build().retry())
                .isEqualTo(S3ShardStore.DEFAULT_RETRY);
    }
}
