package io.pinpointimport.s3;

import static io.pinpointimport.s3.internal.Futures.unwrap;

import io.github.resilience4j.core.IntervalFunction;
import io.pinpointimport.format.ImportFormat;
import io.pinpointimport.job.RetryOptions;
import io.pinpointimport.s3.internal.RetryDelays;
import io.pinpointimport.s3.internal.RunObjects;
import io.pinpointimport.s3.internal.S3Errors;
import io.pinpointimport.s3.internal.ShardKeys;
import io.pinpointimport.shard.Shard;
import io.pinpointimport.spi.ShardStore;
import io.pinpointimport.spi.StoredShard;
import java.io.IOException;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.core.async.AsyncRequestBody;
import software.amazon.awssdk.services.s3.S3AsyncClient;
import software.amazon.awssdk.services.s3.model.ChecksumMode;
import software.amazon.awssdk.services.s3.model.HeadObjectResponse;
import software.amazon.awssdk.services.s3.model.PutObjectRequest;
import software.amazon.awssdk.services.s3.model.PutObjectResponse;
import software.amazon.awssdk.services.s3.model.ServerSideEncryption;
import software.amazon.awssdk.services.s3.model.Tag;
import software.amazon.awssdk.services.s3.model.Tagging;

/**
 * Stores shards in Amazon S3 with the caller's {@link S3AsyncClient}, each under a prefix of its own that an import
 * job can point at.
 *
 * <pre>{@code
 * S3AsyncClient s3 = S3AsyncClient.builder()
 *     .multipartEnabled(true)                                   // large shards go up in parts
 *     .multipartConfiguration(m -> m.minimumPartSizeInBytes(16L << 20).thresholdInBytes(16L << 20))
 *     .build();
 * ShardStore store = S3ShardStore.builder()
 *     .s3(s3)
 *     .bucket("my-imports")
 *     .prefix("pinpoint/imports/")
 *     .sseKms("arn:aws:kms:us-east-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab")
 *     .expectedBucketOwner("123456789012")
 *     .build();
 * StoredShard stored = store.store("run-2026-11-29", shard).join();
 * // stored.jobUrl()    = s3://my-imports/pinpoint/imports/run-2026-11-29/00000/
 * // stored.objectUrl() = s3://my-imports/pinpoint/imports/run-2026-11-29/00000/part.csv
 * }</pre>
 *
 * <p><b>Key layout.</b> {@code <prefix><run-id>/<shard-number>/part.csv} (or {@code .json}), the shard number
 * zero-padded to {@value ShardKeys#SHARD_NUMBER_DIGITS} digits so that keys list in order. An import job imports
 * every file under the prefix it is given, so each shard gets a prefix of its own: {@link StoredShard#jobUrl()}.
 *
 * <p><b>Uploads.</b> One {@code PutObject} call per shard, the file streamed from disk. A client built with
 * {@code multipartEnabled(true)} (or the CRT-based client) turns that call into a multipart upload above its
 * threshold, with its part size, and aborts the upload if a part fails; part size, threshold and parallelism are
 * configured on the client (its {@code MultipartConfiguration} and HTTP client {@code maxConcurrency}), where the
 * SDK keeps them. With a plain client every shard is one {@code PutObject}, which S3 accepts up to 5 GB (shards stay
 * under the 1 GB per-job limit).
 *
 * <p><b>Integrity.</b> Each upload carries the shard's CRC32C ({@link Shard#crc32cBase64()}): a single
 * {@code PutObject} sends it and S3 rejects the body if it differs; a multipart upload sends every part with its
 * own CRC32C and the shard's value as a full-object checksum on completion. Before the URL is handed on, a
 * {@code HeadObject} (checksum mode on) reads the stored object back: its size must equal the shard's, and its
 * full-object CRC32C, when S3 reports one, must equal the shard's. A store that reports no full-object CRC32C
 * (S3-compatible servers, composite checksums) is checked against the size and the SHA-256 this store wrote into
 * the object's metadata, which shows the object is this shard's upload but does not re-check its bytes. A
 * mismatch fails with {@link S3ShardStoreException} ({@link S3ShardStoreException#CHECKSUM_MISMATCH}); the
 * object is left in place and the next {@code store} of the shard overwrites it.
 *
 * <p><b>Retries.</b> The client retries a failed request itself (four attempts for S3 with the SDK's default retry
 * strategy; a multipart upload retries each part and aborts the upload when a part gives up). When the client gives
 * up on a request of a shard (a part, a put, a check), the store tries the whole shard again, up to
 * {@link RetryOptions#maxAttempts()} times in all, waiting an exponential backoff with jitter between attempts
 * ({@link Builder#retry(RetryOptions)}, default {@link #DEFAULT_RETRY}). Only failures worth another try are
 * retried: HTTP 5xx, throttling (429, {@code SlowDown}, {@code RequestTimeout}) and I/O errors without an answer.
 * Access errors (403), missing buckets (404), other 4xx answers and {@link S3ShardStoreException#CHECKSUM_MISMATCH}
 * fail at once. A new attempt starts with the {@code HeadObject} check, so an upload whose answer was lost is not
 * sent twice, and a repeated upload only overwrites the object with the same bytes. Waits are scheduled with
 * {@link CompletableFuture#delayedExecutor(long, TimeUnit)} (the JDK's shared daemon timer), no thread sleeps.
 *
 * <p><b>Idempotence.</b> {@link #store} first asks {@code HeadObject}; if an object that passes the checks above is
 * already there, nothing is sent and {@link StoredShard#uploaded()} is {@code false}.
 *
 * <p><b>Metadata and tags.</b> Every object gets user metadata {@value #METADATA_RUN_ID},
 * {@value #METADATA_SHARD_NUMBER}, {@value #METADATA_RECORD_COUNT}, {@value #METADATA_FORMAT},
 * {@value #METADATA_SHA256} and {@value #METADATA_CRC32C}, and the content type of its format. Object tags
 * (run id, record count, format, plus any {@link Builder#tags(Map) fixed tags}) are off by default because they
 * need {@code s3:PutObjectTagging} as well.
 *
 * <p><b>Clean-up.</b> {@link #deleteRun} deletes every object under a run's prefix, in batches of 1000. The importer
 * has no option to delete the shards of a run that ran to its end: they stay, for audit or re-import (an S3 lifecycle
 * rule on the prefix removes them hands-off). It calls {@code deleteRun} only for a run that stops before its end,
 * and not even then while an import job created from the shards may still read them or a journal keeps them for a
 * resume ({@code ImportSummary.leftInStore()} says so).
 *
 * <p><b>Errors.</b> Futures complete exceptionally with {@link S3ShardStoreException}, carrying the bucket, key,
 * S3 error code, HTTP status and request id; the SDK exception is the cause. Invalid arguments (a run id that is
 * not safe for keys, a {@code null} shard) throw at once.
 *
 * <p>Thread-safe and immutable. The client is the caller's: this store never closes it.
 */
public final class S3ShardStore implements ShardStore {
    /** The default key prefix: none, objects start at the bucket's root with the run id. */
    public static final String DEFAULT_PREFIX = "";
    /** User metadata key holding the run id. */
    public static final String METADATA_RUN_ID = "pinpoint-import-run-id";
    /** User metadata key holding the shard number. */
    public static final String METADATA_SHARD_NUMBER = "pinpoint-import-shard";
    /** User metadata key holding the number of records in the shard. */
    public static final String METADATA_RECORD_COUNT = "pinpoint-import-record-count";
    /** User metadata key holding the format ({@code CSV} or {@code JSON}). */
    public static final String METADATA_FORMAT = "pinpoint-import-format";
    /** User metadata key holding the shard's SHA-256, lower-case hex. */
    public static final String METADATA_SHA256 = "pinpoint-import-sha256";
    /** User metadata key holding the shard's CRC32C, base64. */
    public static final String METADATA_CRC32C = "pinpoint-import-crc32c";
    /** Tag key holding the run id, when {@link Builder#tagObjects(boolean)} is on. */
    public static final String TAG_RUN_ID = "pinpoint-import-run-id";
    /** Tag key holding the number of records, when {@link Builder#tagObjects(boolean)} is on. */
    public static final String TAG_RECORD_COUNT = "pinpoint-import-record-count";
    /** Tag key holding the format, when {@link Builder#tagObjects(boolean)} is on. */
    public static final String TAG_FORMAT = "pinpoint-import-format";

    /**
     * The default shard-level retry: {@link RetryOptions#ofDefaults()}, that is {@value RetryOptions#DEFAULT_MAX_ATTEMPTS}
     * attempts per shard, waits from 500 ms doubling up to 20 s, jitter ± 50 %. Of {@link RetryOptions} the store uses
     * {@code maxAttempts}, {@code initialDelay}, {@code multiplier}, {@code maxDelay} and {@code jitter}.
     */
    public static final RetryOptions DEFAULT_RETRY = RetryOptions.ofDefaults();

    private static final Logger LOG = LoggerFactory.getLogger(S3ShardStore.class);
    private static final Pattern ACCOUNT_ID = Pattern.compile("\\d{12}");

    private final S3AsyncClient s3;
    private final String bucket;
    private final ShardKeys keys;
    private final ServerSideEncryption serverSideEncryption;
    private final String kmsKeyId;
    private final String expectedBucketOwner;
    private final boolean tagObjects;
    private final Map<String, String> tags;
    private final RetryOptions retry;
    private final IntervalFunction backoff;
    private final S3Errors errors;
    private final RunObjects runObjects;

    private S3ShardStore(Builder b) {
        this.s3 = Objects.requireNonNull(b.s3, "s3");
        this.bucket = Objects.requireNonNull(b.bucket, "bucket");
        if (bucket.isBlank() || bucket.indexOf('/') >= 0) {
            throw new IllegalArgumentException("bucket must be a bucket name, without '/' or s3://");
        }
        this.keys = ShardKeys.under(b.prefix);
        this.serverSideEncryption = b.serverSideEncryption;
        this.kmsKeyId = b.kmsKeyId;
        if (kmsKeyId != null
                && serverSideEncryption != ServerSideEncryption.AWS_KMS
                && serverSideEncryption != ServerSideEncryption.AWS_KMS_DSSE) {
            throw new IllegalArgumentException("kmsKeyId needs serverSideEncryption aws:kms or aws:kms:dsse");
        }
        this.expectedBucketOwner = b.expectedBucketOwner;
        if (expectedBucketOwner != null
                && !ACCOUNT_ID.matcher(expectedBucketOwner).matches()) {
            throw new IllegalArgumentException("expectedBucketOwner must be a 12-digit AWS account id");
        }
        this.tagObjects = b.tagObjects;
        this.tags = Collections.unmodifiableMap(new LinkedHashMap<>(b.tags));
        if (!tags.isEmpty() && !tagObjects) {
            throw new IllegalArgumentException("tags need tagObjects(true)");
        }
        this.retry = Objects.requireNonNull(b.retry, "retry");
        this.backoff = RetryDelays.of(retry);
        this.errors = new S3Errors(bucket);
        this.runObjects = new RunObjects(s3, bucket, expectedBucketOwner, errors);
    }

    /** @return a new builder; {@code s3} and {@code bucket} are required */
    public static Builder builder() {
        return new Builder();
    }

    /** @return a builder holding this store's settings */
    public Builder toBuilder() {
        return new Builder(this);
    }

    /** @return the caller's client */
    public S3AsyncClient s3() {
        return s3;
    }

    /** @return the bucket */
    public String bucket() {
        return bucket;
    }

    /** @return the normalised key prefix: empty, or ending in exactly one {@code /} */
    public String prefix() {
        return keys.prefix();
    }

    /** @return the server-side encryption asked for; empty for the bucket's default */
    public Optional<ServerSideEncryption> serverSideEncryption() {
        return Optional.ofNullable(serverSideEncryption);
    }

    /** @return the KMS key id, ARN or alias for SSE-KMS; empty for the AWS managed key */
    public Optional<String> kmsKeyId() {
        return Optional.ofNullable(kmsKeyId);
    }

    /** @return the account that must own the bucket; empty for no check */
    public Optional<String> expectedBucketOwner() {
        return Optional.ofNullable(expectedBucketOwner);
    }

    /** @return whether objects are tagged with run id, record count and format */
    public boolean tagObjects() {
        return tagObjects;
    }

    /** @return fixed tags added to every object when tagging is on; unmodifiable */
    public Map<String, String> tags() {
        return tags;
    }

    /** @return the shard-level retry; {@code maxAttempts} 1 means none */
    public RetryOptions retry() {
        return retry;
    }

    /**
     * @param runId the run id
     * @param shardNumber the shard number
     * @param format the shard's format
     * @return the key {@link #store} puts that shard at
     */
    public String objectKey(String runId, int shardNumber, ImportFormat format) {
        return keys.objectKey(runId, shardNumber, format);
    }

    /**
     * {@inheritDoc}
     *
     * @throws IllegalArgumentException if the run id is not 1 to 128 characters of {@code A-Z a-z 0-9 . _ -}
     */
    @Override
    public CompletableFuture<StoredShard> store(String runId, Shard shard) {
        Objects.requireNonNull(shard, "shard");
        String key = keys.objectKey(runId, shard.number(), shard.format());
        String jobUrl = ShardKeys.s3Url(bucket, keys.shardPrefix(runId, shard.number()));
        String objectUrl = ShardKeys.s3Url(bucket, key);
        CompletableFuture<StoredShard> result = new CompletableFuture<>();
        try {
            long size = Files.size(shard.file());
            if (size != shard.byteCount()) {
                result.completeExceptionally(errors.failure(
                        "Shard " + shard.number() + "'s file is " + size
                                + " bytes but the shard says " + shard.byteCount()
                                + "; it changed after it was written:"
                                + " write the shard again",
                        key,
                        null,
                        0,
                        null,
                        null));
                return result;
            }
        } catch (IOException e) {
            result.completeExceptionally(errors.failure(
                    "Cannot read shard " + shard.number() + "'s file " + shard.file() + ": " + e,
                    key,
                    null,
                    0,
                    null,
                    e));
            return result;
        }
        attempt(runId, shard, key, jobUrl, objectUrl, 1, false, result);
        return result;
    }

    /** One try at storing the shard; on a retryable failure schedules the next, else completes {@code result}. */
    private void attempt(
            String runId,
            Shard shard,
            String key,
            String jobUrl,
            String objectUrl,
            int attempt,
            boolean sentBefore,
            CompletableFuture<StoredShard> result) {
        if (result.isDone()) {
            return; // cancelled by the caller while waiting for this attempt
        }
        AtomicBoolean sent = new AtomicBoolean(sentBefore);
        storeOnce(runId, shard, key, jobUrl, objectUrl, sent).whenComplete((stored, error) -> {
            if (error == null) {
                // An earlier attempt's upload whose answer was lost counts as this call's upload.
                result.complete(
                        sent.get() && !stored.uploaded() ? StoredShard.of(shard, jobUrl, objectUrl, true) : stored);
                return;
            }
            S3ShardStoreException e = errors.asStoreException(error, "Could not store shard " + shard.number(), key);
            if (!S3Errors.retryable(e)) {
                result.completeExceptionally(e);
            } else if (attempt >= retry.maxAttempts()) {
                result.completeExceptionally(
                        attempt == 1
                                ? e
                                : errors.failure(
                                        e.getMessage() + " (gave up after " + attempt + " attempts)",
                                        key,
                                        e.errorCode().orElse(null),
                                        e.statusCode(),
                                        e.requestId().orElse(null),
                                        e.getCause()));
            } else {
                long wait = backoff.apply(attempt);
                LOG.debug(
                        "Storing shard {} of run {} failed ({}); attempt {} of {} in {} ms",
                        shard.number(),
                        runId,
                        e.getMessage(),
                        attempt + 1,
                        retry.maxAttempts(),
                        wait);
                CompletableFuture.delayedExecutor(wait, TimeUnit.MILLISECONDS)
                        .execute(() -> attempt(runId, shard, key, jobUrl, objectUrl, attempt + 1, sent.get(), result));
            }
        });
    }

    private CompletableFuture<StoredShard> storeOnce(
            String runId, Shard shard, String key, String jobUrl, String objectUrl, AtomicBoolean sent) {
        return head(key).thenCompose(existing -> {
            if (existing != null) {
                String mismatch = mismatch(existing, shard);
                if (mismatch == null) {
                    LOG.debug(
                            "Shard {} of run {} already stored at {}; not uploading", shard.number(), runId, objectUrl);
                    return CompletableFuture.completedFuture(StoredShard.of(shard, jobUrl, objectUrl, false));
                }
                LOG.debug(
                        "Object {} exists but differs from shard {} ({}); overwriting",
                        objectUrl,
                        shard.number(),
                        mismatch);
            }
            LOG.debug(
                    "Uploading shard {} of run {} ({} bytes, {} records) to {}",
                    shard.number(),
                    runId,
                    shard.byteCount(),
                    shard.recordCount(),
                    objectUrl);
            sent.set(true);
            return put(runId, shard, key)
                    .thenCompose(put -> head(key))
                    .thenApply(stored -> verified(stored, shard, key))
                    .thenApply(stored -> {
                        LOG.debug("Stored shard {} of run {} at {} and verified it", shard.number(), runId, objectUrl);
                        return StoredShard.of(shard, jobUrl, objectUrl, true);
                    });
        });
    }

    /**
     * Deletes every object under the run's prefix ({@code <prefix><run-id>/}), page by page.
     *
     * @param runId the run id
     * @return completes when the run's objects are gone; exceptionally with {@link S3ShardStoreException} if a
     *     listing or a deletion failed (objects deleted before that stay deleted)
     * @throws IllegalArgumentException if the run id is not safe for keys
     */
    @Override
    public CompletableFuture<Void> deleteRun(String runId) {
        String runPrefix = keys.runPrefix(runId);
        CompletableFuture<Void> result = new CompletableFuture<>();
        runObjects.deleteAll(runPrefix).whenComplete((deleted, error) -> {
            if (error == null) {
                LOG.debug("Deleted {} objects under s3://{}/{}", deleted, bucket, runPrefix);
                result.complete(null);
            } else {
                result.completeExceptionally(
                        errors.asStoreException(error, "Could not delete run " + runId, runPrefix));
            }
        });
        return result;
    }

    /**
     * Lists the shard's prefix and reads its one object's metadata back: {@code true} when the object is there with
     * this SHA-256 ({@value #METADATA_SHA256}), {@code false} when it is gone, differs, or the URL is not under this
     * store's bucket.
     */
    @Override
    public CompletableFuture<Boolean> holds(String jobUrl, String sha256Hex) {
        Objects.requireNonNull(sha256Hex, "sha256Hex");
        String start = ShardKeys.s3Url(bucket, "");
        if (!jobUrl.startsWith(start) || !jobUrl.endsWith("/")) {
            return CompletableFuture.completedFuture(false);
        }
        String shardPrefix = jobUrl.substring(start.length());
        return errors.call(
                        "ListObjectsV2",
                        shardPrefix,
                        () -> s3.listObjectsV2(b -> b.bucket(bucket)
                                .prefix(shardPrefix)
                                .maxKeys(2)
                                .expectedBucketOwner(expectedBucketOwner)))
                .thenCompose(page -> {
                    // a job reads every object under its prefix: the shard is held only as the one object there
                    if (page.contents().size() != 1) {
                        return CompletableFuture.completedFuture(false);
                    }
                    return head(page.contents().get(0).key())
                            .thenApply(h -> h != null
                                    && h.hasMetadata()
                                    && sha256Hex.equals(h.metadata().get(METADATA_SHA256)));
                });
    }

    private CompletableFuture<PutObjectResponse> put(String runId, Shard shard, String key) {
        Map<String, String> metadata = new LinkedHashMap<>();
        metadata.put(METADATA_RUN_ID, runId);
        metadata.put(METADATA_SHARD_NUMBER, Integer.toString(shard.number()));
        metadata.put(METADATA_RECORD_COUNT, Long.toString(shard.recordCount()));
        metadata.put(METADATA_FORMAT, shard.format().name());
        metadata.put(METADATA_SHA256, shard.sha256Hex());
        metadata.put(METADATA_CRC32C, shard.crc32cBase64());
        PutObjectRequest.Builder request = PutObjectRequest.builder()
                .bucket(bucket)
                .key(key)
                .contentType(shard.format().contentType())
                .contentLength(shard.byteCount())
                // A precomputed value: S3 checks the body against it (single put) or the assembled object
                // (multipart, as a full-object checksum), so bytes that changed on the way fail the upload.
                .checksumCRC32C(shard.crc32cBase64())
                .metadata(metadata)
                .expectedBucketOwner(expectedBucketOwner)
                .serverSideEncryption(serverSideEncryption)
                .ssekmsKeyId(kmsKeyId);
        if (tagObjects) {
            List<Tag> tagSet = new ArrayList<>();
            tags.forEach((k, v) -> tagSet.add(Tag.builder().key(k).value(v).build()));
            tagSet.add(Tag.builder().key(TAG_RUN_ID).value(runId).build());
            tagSet.add(Tag.builder()
                    .key(TAG_RECORD_COUNT)
                    .value(Long.toString(shard.recordCount()))
                    .build());
            tagSet.add(
                    Tag.builder().key(TAG_FORMAT).value(shard.format().name()).build());
            request.tagging(Tagging.builder().tagSet(tagSet).build());
        }
        return errors.call(
                "PutObject", key, () -> s3.putObject(request.build(), AsyncRequestBody.fromFile(shard.file())));
    }

    /** HeadObject with checksums; completes with {@code null} when there is no such object. */
    private CompletableFuture<HeadObjectResponse> head(String key) {
        CompletableFuture<HeadObjectResponse> result = new CompletableFuture<>();
        errors.call(
                        "HeadObject",
                        key,
                        () -> s3.headObject(b -> b.bucket(bucket)
                                .key(key)
                                .checksumMode(ChecksumMode.ENABLED)
                                .expectedBucketOwner(expectedBucketOwner)))
                .whenComplete((response, error) -> {
                    if (error == null) {
                        result.complete(response);
                    } else if (unwrap(error) instanceof S3ShardStoreException e && e.statusCode() == 404) {
                        result.complete(null);
                    } else {
                        result.completeExceptionally(unwrap(error));
                    }
                });
        return result;
    }

    private HeadObjectResponse verified(HeadObjectResponse stored, Shard shard, String key) {
        String mismatch = stored == null ? "the object is missing right after its upload" : mismatch(stored, shard);
        if (mismatch != null) {
            throw errors.failure(
                    "Shard " + shard.number() + " was uploaded but the stored object does not match it (" + mismatch
                            + "); its URL is not handed on. Store the shard again to overwrite the object",
                    key,
                    S3ShardStoreException.CHECKSUM_MISMATCH,
                    200,
                    null,
                    null);
        }
        return stored;
    }

    /** @return why the stored object is not this shard, or {@code null} when it is */
    private static String mismatch(HeadObjectResponse stored, Shard shard) {
        Long length = stored.contentLength();
        if (length == null || length != shard.byteCount()) {
            return "size " + length + " instead of " + shard.byteCount();
        }
        String crc32c = stored.checksumCRC32C();
        // A composite checksum (multipart without the full-object type) ends in "-<parts>" and is not comparable.
        if (crc32c != null && crc32c.indexOf('-') < 0) {
            return crc32c.equals(shard.crc32cBase64())
                    ? null
                    : "CRC32C " + crc32c + " instead of " + shard.crc32cBase64();
        }
        String sha256 = stored.hasMetadata() ? stored.metadata().get(METADATA_SHA256) : null;
        if (sha256 == null) {
            return "no full-object CRC32C and no " + METADATA_SHA256 + " metadata to compare";
        }
        return sha256.equals(shard.sha256Hex())
                ? null
                : "SHA-256 metadata " + sha256 + " instead of " + shard.sha256Hex();
    }

    /** @return {@code s3://<bucket>/<prefix>}: where the shards go, without options such as retries */
    @Override
    public String describe() {
        return "s3://" + bucket + "/" + keys.prefix();
    }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder("S3ShardStore{bucket=")
                .append(bucket)
                .append(", prefix=")
                .append(keys.prefix());
        if (serverSideEncryption != null) {
            sb.append(", serverSideEncryption=").append(serverSideEncryption);
        }
        if (kmsKeyId != null) {
            sb.append(", kmsKeyId=").append(kmsKeyId);
        }
        if (expectedBucketOwner != null) {
            sb.append(", expectedBucketOwner=").append(expectedBucketOwner);
        }
        return sb.append(", tagObjects=")
                .append(tagObjects)
                .append(", retry=")
                .append(retry)
                .append('}')
                .toString();
    }

    /** Builds an {@link S3ShardStore}. */
    public static final class Builder {
        private S3AsyncClient s3;
        private String bucket;
        private String prefix = DEFAULT_PREFIX;
        private ServerSideEncryption serverSideEncryption;
        private String kmsKeyId;
        private String expectedBucketOwner;
        private boolean tagObjects;
        private final Map<String, String> tags = new LinkedHashMap<>();
        private RetryOptions retry = DEFAULT_RETRY;

        private Builder() {}

        private Builder(S3ShardStore store) {
            this.s3 = store.s3;
            this.bucket = store.bucket;
            this.prefix = store.keys.prefix();
            this.serverSideEncryption = store.serverSideEncryption;
            this.kmsKeyId = store.kmsKeyId;
            this.expectedBucketOwner = store.expectedBucketOwner;
            this.tagObjects = store.tagObjects;
            this.tags.putAll(store.tags);
            this.retry = store.retry;
        }

        /**
         * @param s3 the caller's client, used for every call and never closed by the store; build it with
         *     {@code multipartEnabled(true)} (or use the CRT-based client) so that large shards go up in parts
         * @return this builder
         */
        public Builder s3(S3AsyncClient s3) {
            this.s3 = s3;
            return this;
        }

        /**
         * @param bucket the bucket name (required)
         * @return this builder
         */
        public Builder bucket(String bucket) {
            this.bucket = bucket;
            return this;
        }

        /**
         * @param prefix the key prefix, default {@value S3ShardStore#DEFAULT_PREFIX} (none). Normalised: leading,
         *     doubled and trailing slashes are dropped and one trailing slash is added. Rejected in {@code build()}
         *     if it has a {@code .} or {@code ..} segment, a control character, a backslash or an unpaired
         *     surrogate
         * @return this builder
         */
        public Builder prefix(String prefix) {
            this.prefix = prefix;
            return this;
        }

        /**
         * @param serverSideEncryption the encryption to ask for, or {@code null} (default) for the bucket's default
         *     encryption
         * @return this builder
         */
        public Builder serverSideEncryption(@Nullable ServerSideEncryption serverSideEncryption) {
            this.serverSideEncryption = serverSideEncryption;
            return this;
        }

        /**
         * @param kmsKeyId the KMS key id, ARN or alias for SSE-KMS, or {@code null} (default) for the AWS managed
         *     key {@code aws/s3}
         * @return this builder
         */
        public Builder kmsKeyId(@Nullable String kmsKeyId) {
            this.kmsKeyId = kmsKeyId;
            return this;
        }

        /**
         * Asks for SSE-S3 ({@code AES256}) and clears any KMS key id.
         *
         * @return this builder
         */
        public Builder sseS3() {
            this.serverSideEncryption = ServerSideEncryption.AES256;
            this.kmsKeyId = null;
            return this;
        }

        /**
         * Asks for SSE-KMS with the given key.
         *
         * @param kmsKeyId the key id, ARN or alias, or {@code null} for the AWS managed key
         * @return this builder
         */
        public Builder sseKms(@Nullable String kmsKeyId) {
            this.serverSideEncryption = ServerSideEncryption.AWS_KMS;
            this.kmsKeyId = kmsKeyId;
            return this;
        }

        /**
         * @param expectedBucketOwner the 12-digit account id that must own the bucket, sent with every request so
         *     that shards never land in a bucket someone else owns; {@code null} (default) for no check
         * @return this builder
         */
        public Builder expectedBucketOwner(@Nullable String expectedBucketOwner) {
            this.expectedBucketOwner = expectedBucketOwner;
            return this;
        }

        /**
         * @param tagObjects whether to tag objects with {@value S3ShardStore#TAG_RUN_ID},
         *     {@value S3ShardStore#TAG_RECORD_COUNT} and {@value S3ShardStore#TAG_FORMAT}; default {@code false}
         *     (tagging needs {@code s3:PutObjectTagging} too)
         * @return this builder
         */
        public Builder tagObjects(boolean tagObjects) {
            this.tagObjects = tagObjects;
            return this;
        }

        /**
         * @param tags fixed tags added to every object, such as a cost centre; needs {@link #tagObjects(boolean)}.
         *     Replaces earlier tags
         * @return this builder
         */
        public Builder tags(Map<String, String> tags) {
            this.tags.clear();
            this.tags.putAll(Objects.requireNonNull(tags, "tags"));
            return this;
        }

        /**
         * @param retry how often a shard is tried again when the client gave up on one of its requests with a
         *     retryable failure (see the class comment); default {@link S3ShardStore#DEFAULT_RETRY}; a
         *     {@code maxAttempts} of 1 turns shard-level retries off. {@code quotaRetryDelay} and
         *     {@code attemptTimeout} do not apply to S3 (configure time-outs on the client)
         * @return this builder
         */
        public Builder retry(RetryOptions retry) {
            this.retry = Objects.requireNonNull(retry, "retry");
            return this;
        }

        /**
         * @param retry changes to the current retry options, e.g. {@code r -> r.maxAttempts(3)}
         * @return this builder
         */
        public Builder retry(Consumer<RetryOptions.Builder> retry) {
            RetryOptions.Builder b = this.retry.toBuilder();
            retry.accept(b);
            return retry(b.build());
        }

        /**
         * @return the store
         * @throws NullPointerException if {@code s3} or {@code bucket} is missing
         * @throws IllegalArgumentException if the prefix, bucket, owner or encryption settings are invalid
         */
        public S3ShardStore build() {
            return new S3ShardStore(this);
        }
    }
}
