package io.pinpointimport.s3;

import io.pinpointimport.s3.internal.ShardKeys;
import io.pinpointimport.spi.ShardStoreException;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * A shard could not be stored in, verified in or deleted from S3. Carries the bucket, the key and, when S3 answered,
 * its error code (such as {@code NoSuchBucket} or {@code AccessDenied}), HTTP status and request id; the SDK's
 * exception stays as the cause. Never carries credentials.
 */
public final class S3ShardStoreException extends ShardStoreException {
    private static final long serialVersionUID = 1L;

    /** The error code used when the stored object's checksum differs from the shard's. */
    public static final String CHECKSUM_MISMATCH = "ChecksumMismatch";

    private final String bucket;
    private final String key;
    private final int statusCode;
    private final String requestId;

    /**
     * @param message what went wrong and what to do next
     * @param bucket the bucket
     * @param key the object key or key prefix
     * @param errorCode S3's error code, ours ({@link #CHECKSUM_MISMATCH}), or {@code null}
     * @param statusCode the HTTP status S3 answered with, or 0 when there was no answer
     * @param requestId S3's request id, or {@code null}
     * @param cause the underlying failure, or {@code null}
     */
    public S3ShardStoreException(
            String message,
            String bucket,
            String key,
            @Nullable String errorCode,
            int statusCode,
            @Nullable String requestId,
            @Nullable Throwable cause) {
        super(message, ShardKeys.s3Url(bucket, key), errorCode, cause);
        this.bucket = bucket;
        this.key = key;
        this.statusCode = statusCode;
        this.requestId = requestId;
    }

    /** @return the bucket */
    public String bucket() {
        return bucket;
    }

    /** @return the object key (or, for a failed clean-up, the run's key prefix) */
    public String key() {
        return key;
    }

    /** @return the HTTP status S3 answered with, or 0 when the request got no answer */
    public int statusCode() {
        return statusCode;
    }

    /** @return S3's request id (quote it to AWS support), if S3 answered */
    public Optional<String> requestId() {
        return Optional.ofNullable(requestId);
    }
}
