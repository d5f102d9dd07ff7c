package io.pinpointimport.s3;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.head;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.http.RequestMethod;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import io.pinpointimport.emulator.LocalS3;
import io.pinpointimport.format.ImportFormat;
import io.pinpointimport.shard.Shard;
import io.pinpointimport.spi.StoredShard;
import java.net.URI;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.s3.S3AsyncClient;

/**
 * What {@link S3ShardStore} sends, seen by a recording WireMock proxy in front of the in-process S3 server (which
 * accepts but does not enforce SSE-KMS or the expected bucket owner).
 */
class S3ShardStoreWireMockTest {
    private static final String BUCKET = "recorded";
    private static final String OWNER = "123456789012";
    private static final String KMS_KEY = "arn:aws:kms:us-east-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab";
    private static final long PART_SIZE = 5L << 20;

    private static LocalS3 server;
    private static WireMockServer proxy;
    private static S3AsyncClient multipart;

    @TempDir
    Path dir;

    @BeforeAll
    static void start() throws Exception {
        server = S3Clients.start();
        // preserveHostHeader: the SDK signs the Host header, so S3Proxy must see the one the client sent.
        proxy = new WireMockServer(wireMockConfig()
                .dynamicPort()
                .bindAddress("127.0.0.1")
                .jettyAcceptors(1)
                .preserveHostHeader(true));
        proxy.start();
        URI proxied = URI.create(proxy.baseUrl());
        multipart = S3Clients.multipartClient(proxied, PART_SIZE, PART_SIZE);
        try (S3AsyncClient plain = S3Clients.plainClient(server.endpoint())) {
            plain.createBucket(b -> b.bucket(BUCKET)).join();
        }
    }

    @BeforeEach
    void proxyEverything() {
        proxy.resetAll();
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
        proxy.stop();
        server.close();
    }

    private static S3ShardStore kmsStore() {
        return S3ShardStore.builder()
                .s3(multipart)
                .bucket(BUCKET)
                .prefix("secure")
                .sseKms(KMS_KEY)
                .expectedBucketOwner(OWNER)
                .tagObjects(true)
                .tags(Map.of("team", "crm"))
                .build();
    }

    private static List<LoggedRequest> requests() {
        return proxy.findAll(anyRequestedFor(anyUrl()));
    }

    private static List<LoggedRequest> requests(RequestMethod method, String query) {
        return requests().stream()
                .filter(r -> r.getMethod().equals(method))
                .filter(r ->
                        query == null ? !r.getUrl().contains("?") : r.getUrl().contains(query))
                .toList();
    }

    @Test
    void smallShardIsOnePutCarryingEncryptionOwnerChecksumAndTags() {
        Shard shard = TestShards.csv(dir, 0, 10);

        StoredShard stored = kmsStore().store("run-1", shard).join();

        assertThat(stored.uploaded()).isTrue();
        List<LoggedRequest> puts = requests(RequestMethod.PUT, null);
        assertThat(puts).hasSize(1);
        assertThat(requests(RequestMethod.POST, "uploads")).isEmpty();
        LoggedRequest put = puts.get(0);
        assertThat(put.getUrl()).isEqualTo("/recorded/secure/run-1/00000/part.csv");
        assertThat(put.getHeader("x-amz-server-side-encryption")).isEqualTo("aws:kms");
        assertThat(put.getHeader("x-amz-server-side-encryption-aws-kms-key-id")).isEqualTo(KMS_KEY);
        assertThat(put.getHeader("x-amz-expected-bucket-owner")).isEqualTo(OWNER);
        assertThat(put.getHeader("x-amz-checksum-crc32c")).isEqualTo(shard.crc32cBase64());
        assertThat(put.getHeader("Content-Type")).isEqualTo("text/csv");
        assertThat(put.getHeader("x-amz-tagging"))
                .contains(
                        "team=crm",
                        "pinpoint-import-run-id=run-1",
                        "pinpoint-import-record-count=10",
                        "pinpoint-import-format=CSV");
        assertThat(put.getHeader("x-amz-meta-pinpoint-import-sha256")).isEqualTo(shard.sha256Hex());
        // Every request, the HEADs included, names the expected owner.
        assertThat(requests())
                .allSatisfy(r ->
                        assertThat(r.getHeader("x-amz-expected-bucket-owner")).isEqualTo(OWNER));
        assertThat(requests(RequestMethod.HEAD, null))
                .hasSize(2)
                .allSatisfy(r -> assertThat(r.getHeader("x-amz-checksum-mode")).isEqualTo("ENABLED"));
    }

    @Test
    void secondStoreOfTheSameShardMakesNoPut() {
        Shard shard = TestShards.csv(dir, 1, 10);
        S3ShardStore store = kmsStore();

        assertThat(store.store("run-2", shard).join().uploaded()).isTrue();
        assertThat(requests(RequestMethod.PUT, null)).hasSize(1);
        proxy.resetRequests();

        assertThat(store.store("run-2", shard).join().uploaded()).isFalse();
        assertThat(requests()).extracting(LoggedRequest::getMethod).containsExactly(RequestMethod.HEAD);
    }

    @Test
    void largeShardIsMultipartWithEncryptionOwnerAndFullObjectCrc32c() {
        Shard shard = TestShards.random(dir, 2, ImportFormat.JSON, 12 << 20, 12);

        StoredShard stored = kmsStore().store("run-3", shard).join();

        assertThat(stored.objectUrl()).isEqualTo("s3://recorded/secure/run-3/00002/part.json");
        List<LoggedRequest> creates = requests(RequestMethod.POST, "uploads");
        assertThat(creates).hasSize(1);
        LoggedRequest create = creates.get(0);
        assertThat(create.getHeader("x-amz-server-side-encryption")).isEqualTo("aws:kms");
        assertThat(create.getHeader("x-amz-server-side-encryption-aws-kms-key-id"))
                .isEqualTo(KMS_KEY);
        assertThat(create.getHeader("x-amz-checksum-algorithm")).isEqualTo("CRC32C");
        assertThat(create.getHeader("x-amz-checksum-type")).isEqualTo("FULL_OBJECT");
        assertThat(create.getHeader("Content-Type")).isEqualTo("application/x-ndjson");
        assertThat(create.getHeader("x-amz-meta-pinpoint-import-sha256")).isEqualTo(shard.sha256Hex());
        assertThat(create.getHeader("x-amz-tagging")).contains("pinpoint-import-run-id=run-3");
        List<LoggedRequest> parts = requests(RequestMethod.PUT, "partNumber=");
        assertThat(parts).hasSize(3); // 12 MB in 5 MB parts
        assertThat(parts)
                .allSatisfy(p -> assertThat(p.getHeader("x-amz-trailer")).isEqualTo("x-amz-checksum-crc32c"));
        List<LoggedRequest> completes = requests(RequestMethod.POST, "uploadId=");
        assertThat(completes).hasSize(1);
        assertThat(completes.get(0).getHeader("x-amz-checksum-crc32c")).isEqualTo(shard.crc32cBase64());
        assertThat(completes.get(0).getHeader("x-amz-checksum-type")).isEqualTo("FULL_OBJECT");
        assertThat(requests(RequestMethod.PUT, null)).isEmpty();
        assertThat(requests())
                .allSatisfy(r ->
                        assertThat(r.getHeader("x-amz-expected-bucket-owner")).isEqualTo(OWNER));
    }

    @Test
    void storedChecksumThatDiffersFailsAndTheUrlIsNotHandedOn() {
        Shard shard = TestShards.csv(dir, 4, 10);
        String path = "/recorded/secure/run-4/00004/part.csv";
        // S3 reports a different full-object CRC32C for the key than the shard has, before and after the upload.
        proxy.stubFor(head(urlPathEqualTo(path))
                .atPriority(1)
                .willReturn(aResponse()
                        .withStatus(200)
                        .withHeader("Content-Length", Long.toString(shard.byteCount()))
                        .withHeader("x-amz-checksum-crc32c", "AAAAAA==")
                        .withHeader("x-amz-checksum-type", "FULL_OBJECT")));

        Throwable seen = kmsStore().store("run-4", shard).handle((v, e) -> e).join();

        assertThat(seen).isInstanceOf(S3ShardStoreException.class);
        S3ShardStoreException e = (S3ShardStoreException) seen;
        assertThat(e.errorCode()).hasValue(S3ShardStoreException.CHECKSUM_MISMATCH);
        assertThat(e.getMessage()).contains("CRC32C AAAAAA== instead of " + shard.crc32cBase64());
        assertThat(e.location()).isEqualTo("s3:/" + path);
        // The differing object was not taken for this shard: it was uploaded once, then checked again.
        assertThat(requests(RequestMethod.PUT, null)).hasSize(1);
        assertThat(requests(RequestMethod.HEAD, null)).hasSize(2);
    }

    @Test
    void accessDeniedOnHeadSurfacesWithCodeAndNoUpload() {
        Shard shard = TestShards.csv(dir, 5, 1);
        proxy.stubFor(head(urlPathEqualTo("/recorded/secure/run-5/00005/part.csv"))
                .atPriority(1)
                .willReturn(aResponse().withStatus(403).withHeader("x-amz-request-id", "REQ123")));

        Throwable seen = kmsStore().store("run-5", shard).handle((v, e) -> e).join();

        assertThat(seen).isInstanceOf(S3ShardStoreException.class);
        S3ShardStoreException e = (S3ShardStoreException) seen;
        assertThat(e.statusCode()).isEqualTo(403);
        assertThat(e.errorCode()).isPresent();
        assertThat(e.requestId()).hasValue("REQ123");
        assertThat(e.getMessage())
                .contains("HeadObject", "s3://recorded/secure/run-5/00005/part.csv", "HTTP 403", "s3:ListBucket")
                .doesNotContain(S3Clients.SECRET_KEY);
        assertThat(requests(RequestMethod.PUT, null)).isEmpty();
    }
}
