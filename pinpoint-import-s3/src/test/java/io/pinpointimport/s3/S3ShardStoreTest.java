package io.pinpointimport.s3;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.pinpointimport.emulator.LocalS3;
import io.pinpointimport.format.ImportFormat;
import io.pinpointimport.shard.Shard;
import io.pinpointimport.spi.ShardStoreException;
import io.pinpointimport.spi.StoredShard;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.core.ResponseBytes;
import software.amazon.awssdk.core.async.AsyncResponseTransformer;
import software.amazon.awssdk.services.s3.S3AsyncClient;
import software.amazon.awssdk.services.s3.model.GetObjectResponse;
import software.amazon.awssdk.services.s3.model.HeadObjectResponse;
import software.amazon.awssdk.services.s3.model.S3Exception;
import software.amazon.awssdk.services.s3.model.S3Object;
import software.amazon.awssdk.services.s3.model.ServerSideEncryption;

/** {@link S3ShardStore} with the real SDK client against an in-process S3 server. */
class S3ShardStoreTest {
    private static final String BUCKET = "shards";
    private static final long PART_SIZE = 8L << 20;

    private static LocalS3 server;
    private static S3AsyncClient multipart;
    private static S3AsyncClient plain;

    @TempDir
    Path dir;

    @BeforeAll
    static void startServer() throws Exception {
        server = S3Clients.start();
        multipart = S3Clients.multipartClient(server.endpoint(), PART_SIZE, PART_SIZE);
        plain = S3Clients.plainClient(server.endpoint());
        plain.createBucket(b -> b.bucket(BUCKET)).join();
    }

    @AfterAll
    static void stopServer() throws Exception {
        multipart.close();
        plain.close();
        server.close();
    }

    private static S3ShardStore store(String prefix) {
        return S3ShardStore.builder()
                .s3(multipart)
                .bucket(BUCKET)
                .prefix(prefix)
                .build();
    }

    private static byte[] read(String key) {
        // A plain client: S3Proxy cannot serve the part-by-part GETs a multipart-enabled client sends.
        ResponseBytes<GetObjectResponse> bytes = plain.getObject(
                        b -> b.bucket(BUCKET).key(key), AsyncResponseTransformer.toBytes())
                .join();
        return bytes.asByteArray();
    }

    private static HeadObjectResponse head(String key) {
        return plain.headObject(b -> b.bucket(BUCKET).key(key)).join();
    }

    private static String keyOf(StoredShard stored) {
        return stored.objectUrl().substring(("s3://" + BUCKET + "/").length());
    }

    @Test
    void smallShardGoesUpAsOneObjectAndReadsBackIdentical() throws Exception {
        Shard shard = TestShards.csv(dir, 3, 20);

        StoredShard stored = store("/imports//small/").store("run-small", shard).join();

        assertThat(stored.uploaded()).isTrue();
        assertThat(stored.shard()).isEqualTo(shard);
        assertThat(stored.jobUrl()).isEqualTo("s3://shards/imports/small/run-small/00003/");
        assertThat(stored.objectUrl()).isEqualTo("s3://shards/imports/small/run-small/00003/part.csv");
        assertThat(read(keyOf(stored))).isEqualTo(Files.readAllBytes(shard.file()));
        HeadObjectResponse head = head(keyOf(stored));
        assertThat(head.contentType()).isEqualTo("text/csv");
        // A single PutObject's ETag is the body's MD5; a multipart ETag ends in -<part count>.
        assertThat(head.eTag()).doesNotContain("-");
        assertThat(head.metadata())
                .containsEntry(S3ShardStore.METADATA_RUN_ID, "run-small")
                .containsEntry(S3ShardStore.METADATA_SHARD_NUMBER, "3")
                .containsEntry(S3ShardStore.METADATA_RECORD_COUNT, "20")
                .containsEntry(S3ShardStore.METADATA_FORMAT, "CSV")
                .containsEntry(S3ShardStore.METADATA_SHA256, shard.sha256Hex())
                .containsEntry(S3ShardStore.METADATA_CRC32C, shard.crc32cBase64());
    }

    @Test
    void jsonShardGetsNdjsonContentTypeAndJsonExtension() {
        Shard shard = TestShards.shard(
                dir,
                0,
                ImportFormat.JSON,
                "{\"ChannelType\":\"EMAIL\"}\n{\"ChannelType\":\"SMS\"}\n".getBytes(StandardCharsets.UTF_8),
                2);

        StoredShard stored = store("json").store("run-json", shard).join();

        assertThat(stored.objectUrl()).isEqualTo("s3://shards/json/run-json/00000/part.json");
        assertThat(head(keyOf(stored)).contentType()).isEqualTo("application/x-ndjson");
    }

    @Test
    void largeShardGoesUpInPartsAndReadsBackIdentical() throws Exception {
        Shard shard = TestShards.random(dir, 12, ImportFormat.CSV, 64 << 20, 64);

        StoredShard stored = store("big").store("run-big", shard).join();

        assertThat(stored.uploaded()).isTrue();
        HeadObjectResponse head = head(keyOf(stored));
        assertThat(head.eTag()).endsWith("-8\""); // 64 MB in 8 MB parts
        assertThat(head.contentLength()).isEqualTo(64L << 20);
        byte[] back = read(keyOf(stored));
        assertThat(TestShards.sha256Hex(back)).isEqualTo(shard.sha256Hex());
        assertThat(back).isEqualTo(Files.readAllBytes(shard.file()));

        // The second store finds the multipart object by its size and SHA-256 metadata (S3Proxy reports no
        // full-object CRC32C for multipart objects) and sends nothing.
        StoredShard again = store("big").store("run-big", shard).join();
        assertThat(again.uploaded()).isFalse();
        assertThat(again.objectUrl()).isEqualTo(stored.objectUrl());
    }

    @Test
    void aClientWithoutMultipartSendsEvenLargerShardsAsOnePut() throws Exception {
        Shard shard = TestShards.random(dir, 0, ImportFormat.CSV, 10 << 20, 10);

        StoredShard stored = S3ShardStore.builder()
                .s3(plain)
                .bucket(BUCKET)
                .prefix("plain")
                .build()
                .store("run-plain", shard)
                .join();

        assertThat(stored.uploaded()).isTrue();
        assertThat(head(keyOf(stored)).eTag()).doesNotContain("-");
        assertThat(read(keyOf(stored))).isEqualTo(Files.readAllBytes(shard.file()));
    }

    @Test
    void storingTheSameShardTwiceUploadsOnce() {
        Shard shard = TestShards.csv(dir, 1, 5);
        S3ShardStore store = store("twice");

        StoredShard first = store.store("run-twice", shard).join();
        HeadObjectResponse before = head(keyOf(first));
        StoredShard second = store.store("run-twice", shard).join();

        assertThat(first.uploaded()).isTrue();
        assertThat(second.uploaded()).isFalse();
        assertThat(second.jobUrl()).isEqualTo(first.jobUrl());
        assertThat(head(keyOf(second)).lastModified()).isEqualTo(before.lastModified());
    }

    @Test
    void differentContentAtTheSameKeyIsOverwritten() {
        S3ShardStore store = store("overwrite");
        Shard old = TestShards.csv(dir, 0, 5);
        Shard changed = TestShards.csv(dir, 0, 6);

        store.store("run-o", old).join();
        StoredShard stored = store.store("run-o", changed).join();

        assertThat(stored.uploaded()).isTrue();
        assertThat(head(keyOf(stored)).metadata()).containsEntry(S3ShardStore.METADATA_SHA256, changed.sha256Hex());
    }

    @Test
    void missingBucketSurfacesWithBucketKeyAndCodeButNoSecret() {
        Shard shard = TestShards.csv(dir, 4, 2);
        S3ShardStore store = S3ShardStore.builder()
                .s3(multipart)
                .bucket("no-such-bucket")
                .prefix("p")
                .build();

        CompletableFuture<StoredShard> future = store.store("run-err", shard);

        CompletionException thrown = catchThrowableOfType(CompletionException.class, future::join);
        assertThat(thrown.getCause()).isInstanceOf(S3ShardStoreException.class);
        S3ShardStoreException e = (S3ShardStoreException) thrown.getCause();
        assertThat(e.bucket()).isEqualTo("no-such-bucket");
        assertThat(e.key()).isEqualTo("p/run-err/00004/part.csv");
        assertThat(e.location()).isEqualTo("s3://no-such-bucket/p/run-err/00004/part.csv");
        assertThat(e.errorCode()).hasValue("NoSuchBucket");
        assertThat(e.statusCode()).isEqualTo(404);
        assertThat(e.getMessage()).contains("no-such-bucket", "p/run-err/00004/part.csv", "NoSuchBucket");
        assertThat(e.getCause()).isInstanceOf(S3Exception.class);
        assertThat(fullTrace(e)).doesNotContain(S3Clients.SECRET_KEY);
    }

    @Test
    void failuresArriveUnwrappedInTheFuture() {
        Shard shard = TestShards.csv(dir, 4, 2);
        S3ShardStore store =
                S3ShardStore.builder().s3(multipart).bucket("no-such-bucket").build();

        Throwable seen = store.store("run-err", shard).handle((v, e) -> e).join();

        assertThat(seen).isInstanceOf(S3ShardStoreException.class).isInstanceOf(ShardStoreException.class);
    }

    @Test
    void aBodyThatDoesNotMatchItsChecksumIsRejectedByS3() {
        Shard shard = TestShards.csv(dir, 2, 3);
        Shard lying = shard.toBuilder()
                .crc32cBase64(TestShards.crc32cBase64(new byte[] {1, 2, 3}))
                .build();

        Throwable seen =
                store("lying").store("run-lie", lying).handle((v, e) -> e).join();

        assertThat(seen).isInstanceOf(S3ShardStoreException.class);
        S3ShardStoreException e = (S3ShardStoreException) seen;
        assertThat(e.statusCode()).isEqualTo(400);
        assertThat(e.getMessage()).startsWith("PutObject s3://shards/lying/run-lie/00002/part.csv failed");
        assertThat(plain.listObjectsV2(b -> b.bucket(BUCKET).prefix("lying/"))
                        .join()
                        .contents())
                .isEmpty();
    }

    @Test
    void aShardFileThatChangedSizeIsNotUploaded() throws Exception {
        Shard shard = TestShards.csv(dir, 0, 3);
        Files.writeString(shard.file(), "more", StandardOpenOption.APPEND);

        Throwable seen =
                store("changed").store("run-c", shard).handle((v, e) -> e).join();

        assertThat(seen).isInstanceOf(S3ShardStoreException.class).hasMessageContaining("changed after it was written");
        assertThat(plain.listObjectsV2(b -> b.bucket(BUCKET).prefix("changed/"))
                        .join()
                        .contents())
                .isEmpty();
    }

    @Test
    void deleteRunDeletesOnlyThatRunsObjects() {
        S3ShardStore store = store("cleanup");
        for (int i = 0; i < 3; i++) {
            store.store("run-a", TestShards.csv(dir, i, 2)).join();
        }
        store.store("run-ab", TestShards.csv(dir, 0, 2)).join();

        store.deleteRun("run-a").join();

        List<String> left = plain.listObjectsV2(b -> b.bucket(BUCKET).prefix("cleanup/")).join().contents().stream()
                .map(S3Object::key)
                .toList();
        assertThat(left).containsExactly("cleanup/run-ab/00000/part.csv");
        store.deleteRun("run-a").join(); // nothing left to delete is fine
    }

    @Test
    void unsafeRunIdsThrowAtOnce() {
        Shard shard = TestShards.csv(dir, 0, 1);
        S3ShardStore store = store("p");
        assertThatThrownBy(() -> store.store("../escape", shard)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> store.deleteRun("a/b")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> store.store("run", null)).isInstanceOf(NullPointerException.class);
    }

    @Test
    void builderNormalisesAndValidates() {
        S3ShardStore store = S3ShardStore.builder()
                .s3(multipart)
                .bucket(BUCKET)
                .prefix("//a//b")
                .sseKms("key-1")
                .expectedBucketOwner("123456789012")
                .tagObjects(true)
                .tags(Map.of("team", "crm"))
                .build();

        assertThat(store.prefix()).isEqualTo("a/b/");
        assertThat(store.serverSideEncryption()).hasValue(ServerSideEncryption.AWS_KMS);
        assertThat(store.kmsKeyId()).hasValue("key-1");
        assertThat(store.objectKey("r", 1, ImportFormat.JSON)).isEqualTo("a/b/r/00001/part.json");
        S3ShardStore copy = store.toBuilder().sseS3().build();
        assertThat(copy.serverSideEncryption()).hasValue(ServerSideEncryption.AES256);
        assertThat(copy.kmsKeyId()).isEmpty();
        assertThat(copy.prefix()).isEqualTo("a/b/");
        assertThat(copy.tags()).containsExactly(Map.entry("team", "crm"));
        assertThat(copy.s3()).isSameAs(multipart);
        assertThat(store.toString()).contains("bucket=shards", "prefix=a/b/").doesNotContain("Secret");

        assertThat(S3ShardStore.builder().s3(multipart).bucket(BUCKET).build().prefix())
                .isEqualTo(S3ShardStore.DEFAULT_PREFIX);
        assertThatThrownBy(() -> S3ShardStore.builder().bucket(BUCKET).build())
                .isInstanceOf(NullPointerException.class)
                .hasMessageContaining("s3");
        assertThatThrownBy(() -> S3ShardStore.builder().s3(multipart).build())
                .isInstanceOf(NullPointerException.class)
                .hasMessageContaining("bucket");
        for (String hostile : List.of("../x", "a/../b", "\u0000", "a\\b")) {
            assertThatThrownBy(() -> S3ShardStore.builder()
                            .s3(multipart)
                            .bucket(BUCKET)
                            .prefix(hostile)
                            .build())
                    .as(hostile)
                    .isInstanceOf(IllegalArgumentException.class);
        }
        assertThatThrownBy(() ->
                        S3ShardStore.builder().s3(multipart).bucket("s3://b").build())
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> S3ShardStore.builder()
                        .s3(multipart)
                        .bucket(BUCKET)
                        .expectedBucketOwner("me")
                        .build())
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> S3ShardStore.builder()
                        .s3(multipart)
                        .bucket(BUCKET)
                        .sseS3()
                        .kmsKeyId("k")
                        .build())
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> S3ShardStore.builder()
                        .s3(multipart)
                        .bucket(BUCKET)
                        .tags(Map.of("a", "b"))
                        .build())
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void unicodePrefixesWork() throws Exception {
        Shard shard = TestShards.csv(dir, 0, 2);

        StoredShard stored = store("données/日本").store("run-u", shard).join();

        assertThat(stored.objectUrl()).isEqualTo("s3://shards/données/日本/run-u/00000/part.csv");
        assertThat(read(keyOf(stored))).isEqualTo(Files.readAllBytes(shard.file()));
    }

    @Test
    void theCallersClientStaysOpen() {
        store("open").store("run-open", TestShards.csv(dir, 0, 1)).join();
        assertThat(multipart.listBuckets().join().buckets()).isNotEmpty();
    }

    private static String fullTrace(Throwable t) {
        StringWriter out = new StringWriter();
        t.printStackTrace(new PrintWriter(out));
        return out.toString() + t;
    }

    @Test
    void describesWhereShardsGoButNotItsRetries() {
        S3ShardStore store = S3ShardStore.builder()
                .s3(multipart)
                .bucket(BUCKET)
                .prefix("imports")
                .build();
        S3ShardStore patient = store.toBuilder().retry(r -> r.maxAttempts(9)).build();
        S3ShardStore elsewhere = store.toBuilder().prefix("other").build();

        assertThat(store.describe()).startsWith("s3://" + BUCKET + "/").contains("imports");
        assertThat(patient.describe()).isEqualTo(store.describe());
        assertThat(elsewhere.describe()).isNotEqualTo(store.describe());
    }
}
