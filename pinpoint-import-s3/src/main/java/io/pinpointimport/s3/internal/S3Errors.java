package io.pinpointimport.s3.internal;

import static io.pinpointimport.s3.internal.Futures.unwrap;

import io.pinpointimport.s3.S3ShardStoreException;
import io.pinpointimport.spi.ShardStoreException;
import java.io.IOException;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;
import software.amazon.awssdk.awscore.exception.AwsErrorDetails;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.ApiCallAttemptTimeoutException;
import software.amazon.awssdk.core.exception.ApiCallTimeoutException;
import software.amazon.awssdk.core.exception.SdkException;

/**
 * How the store turns S3's failures into {@link S3ShardStoreException}s that name the operation, the object and
 * what to check, and which of them deserve another attempt. One per store (it names the store's bucket). No
 * promises: internal.
 */
public final class S3Errors {
    /** S3 error codes that mean "try again later" whatever their HTTP status. */
    private static final Set<String> RETRYABLE_CODES = Set.of(
            "SlowDown",
            "Throttling",
            "ThrottlingException",
            "RequestTimeout",
            "RequestTimeoutException",
            "InternalError",
            "ServiceUnavailable",
            "RequestLimitExceeded",
            "TooManyRequestsException",
            "OperationAborted");

    private final String bucket;

    /** @param bucket the store's bucket, named in every message */
    public S3Errors(String bucket) {
        this.bucket = Objects.requireNonNull(bucket, "bucket");
    }

    /**
     * Runs one S3 call; its failure becomes an {@link S3ShardStoreException} naming the operation.
     *
     * @param operation the S3 operation, e.g. {@code PutObject}
     * @param key the object key or prefix concerned
     * @param call starts the call
     * @param <T> the answer's type
     * @return the answer, or the store's exception
     */
    public <T> CompletableFuture<T> call(String operation, String key, Supplier<CompletableFuture<T>> call) {
        CompletableFuture<T> result = new CompletableFuture<>();
        CompletableFuture<T> sdk;
        try {
            sdk = call.get();
        } catch (RuntimeException e) {
            sdk = CompletableFuture.failedFuture(e);
        }
        sdk.whenComplete((value, error) -> {
            if (error == null) {
                result.complete(value);
            } else {
                result.completeExceptionally(fromSdk(operation, key, unwrap(error)));
            }
        });
        return result;
    }

    private S3ShardStoreException fromSdk(String operation, String key, Throwable error) {
        AwsServiceException service = null;
        // The multipart client reports a part that gave up as an SdkClientException around S3's answer.
        for (Throwable t = error; t != null && service == null; t = t.getCause()) {
            if (t instanceof AwsServiceException found) {
                service = found;
            }
        }
        if (service != null) {
            AwsServiceException e = service;
            AwsErrorDetails details = e.awsErrorDetails();
            String code = details == null ? null : details.errorCode();
            String serverMessage = details == null ? null : details.errorMessage();
            if (code == null) {
                // HEAD answers carry no body, so S3 gives no code; name the status instead.
                code = e.statusCode() == 404 ? "NotFound" : e.statusCode() == 403 ? "Forbidden" : null;
            }
            StringBuilder message = new StringBuilder(operation)
                    .append(" s3://")
                    .append(bucket)
                    .append('/')
                    .append(key)
                    .append(" failed: ")
                    .append(code == null ? "error" : code)
                    .append(" (HTTP ")
                    .append(e.statusCode());
            if (e.requestId() != null) {
                message.append(", request id ").append(e.requestId());
            }
            message.append(')');
            if (serverMessage != null && !serverMessage.isBlank()) {
                message.append(": ").append(serverMessage);
            }
            message.append(hint(code));
            return new S3ShardStoreException(
                    message.toString(), bucket, key, code, e.statusCode(), e.requestId(), error);
        }
        return failure(
                operation + " s3://" + bucket + "/" + key + " failed: "
                        + error.getClass().getSimpleName()
                        + (error.getMessage() == null ? "" : ": " + error.getMessage()),
                key,
                null,
                0,
                null,
                error);
    }

    private static String hint(String code) {
        if (code == null) {
            return "";
        }
        return switch (code) {
            case "NoSuchBucket" -> ". Check the bucket name and region";
            case "AccessDenied", "Forbidden" ->
                ". Check the caller's IAM permissions (s3:PutObject, s3:GetObject,"
                        + " s3:ListBucket; kms:GenerateDataKey for SSE-KMS) and the expected bucket owner";
            default -> "";
        };
    }

    /**
     * @param message the whole message
     * @param key the object key or prefix concerned
     * @param code S3's error code, or {@code null}
     * @param status the HTTP status, {@code 0} for no answer
     * @param requestId S3's request id, or {@code null}
     * @param cause the cause, or {@code null}
     * @return the store's exception for this bucket
     */
    public S3ShardStoreException failure(
            String message, String key, String code, int status, String requestId, Throwable cause) {
        return new S3ShardStoreException(message, bucket, key, code, status, requestId, cause);
    }

    /**
     * @param error a failure of a chain of S3 calls, perhaps wrapped
     * @param what what was being done, for a failure that did not come from S3
     * @param key the object key or prefix concerned
     * @return the failure as the store's exception (as it is, when it is one already)
     */
    public S3ShardStoreException asStoreException(Throwable error, String what, String key) {
        Throwable cause = unwrap(error);
        if (cause instanceof S3ShardStoreException e) {
            return e;
        }
        if (cause instanceof ShardStoreException e) {
            return failure(e.getMessage(), key, e.errorCode().orElse(null), 0, null, e);
        }
        return failure(what + " at s3://" + bucket + "/" + key + ": " + cause, key, null, 0, null, cause);
    }

    /**
     * @param e a failure of the store
     * @return whether another attempt may succeed: S3 answered 5xx or asked to slow down, or there was no answer
     *     (I/O error, time-out)
     */
    public static boolean retryable(S3ShardStoreException e) {
        if (e.errorCode()
                .filter(S3ShardStoreException.CHECKSUM_MISMATCH::equals)
                .isPresent()) {
            return false;
        }
        int status = e.statusCode();
        if (status >= 500
                || status == 429
                || e.errorCode().filter(RETRYABLE_CODES::contains).isPresent()) {
            return true;
        }
        if (status != 0) {
            return false;
        }
        // No answer: an I/O error (reset, refused, cut short) or a time-out is worth another try; a client-side
        // problem such as missing credentials is not.
        for (Throwable t = e.getCause(); t != null; t = t.getCause()) {
            if (t instanceof IOException
                    || t instanceof ApiCallAttemptTimeoutException
                    || t instanceof ApiCallTimeoutException
                    || (t instanceof SdkException sdk && sdk.retryable())) {
                return true;
            }
        }
        return false;
    }
}
