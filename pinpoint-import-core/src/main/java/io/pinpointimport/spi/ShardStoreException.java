package io.pinpointimport.spi;

import io.pinpointimport.ImportException;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * A shard could not be stored or verified. Carries where it was going and the store's own error code (such as
 * S3's {@code AccessDenied}); never credentials.
 */
public class ShardStoreException extends ImportException {
    private static final long serialVersionUID = 1L;

    private final String location;
    private final String errorCode;

    /**
     * @param message what went wrong and what to do next
     * @param location where the shard was going, such as {@code s3://bucket/key}
     * @param errorCode the store's error code, or {@code null}
     * @param cause the underlying failure, or {@code null}
     */
    public ShardStoreException(String message, String location, @Nullable String errorCode, @Nullable Throwable cause) {
        super(message, cause);
        this.location = location;
        this.errorCode = errorCode;
    }

    /** @return where the shard was going, such as {@code s3://bucket/key} */
    public String location() {
        return location;
    }

    /** @return the store's error code (for S3, such as {@code NoSuchBucket}), if it gave one */
    public Optional<String> errorCode() {
        return Optional.ofNullable(errorCode);
    }
}
