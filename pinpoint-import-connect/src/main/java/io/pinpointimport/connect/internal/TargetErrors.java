package io.pinpointimport.connect.internal;

import io.pinpointimport.spi.ImportTargetException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Locale;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeoutException;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.ApiCallAttemptTimeoutException;
import software.amazon.awssdk.core.exception.ApiCallTimeoutException;
import software.amazon.awssdk.core.exception.SdkClientException;

/**
 * Maps what the Customer Profiles SDK and the upload throw onto {@link ImportTargetException.Kind}. No promises:
 * internal.
 */
public final class TargetErrors {
    private TargetErrors() {}

    /**
     * @param operation the API operation, for the message
     * @param create whether the call creates a job (only a create can be refused for a quota)
     * @param t what was thrown or completed the future
     * @return the library's exception; {@code t} itself when it already is one
     */
    public static ImportTargetException translate(String operation, boolean create, Throwable t) {
        Throwable e = unwrap(t);
        if (e instanceof ImportTargetException ite) {
            return ite;
        }
        if (e instanceof AwsServiceException ase) {
            int status = ase.statusCode();
            String code =
                    ase.awsErrorDetails() == null ? null : ase.awsErrorDetails().errorCode();
            String text =
                    ase.awsErrorDetails() == null ? null : ase.awsErrorDetails().errorMessage();
            boolean throttled = status == 429 || "ThrottlingException".equals(code);
            ImportTargetException.Kind kind;
            if (create && !throttled && status >= 400 && status < 500 && speaksOfQuota(text)) {
                kind = ImportTargetException.Kind.QUOTA;
            } else if (throttled) {
                kind = ImportTargetException.Kind.THROTTLED;
            } else if (status >= 500) {
                kind = ImportTargetException.Kind.TRANSIENT;
            } else {
                kind = ImportTargetException.Kind.PERMANENT;
            }
            return new ImportTargetException(
                    operation + " failed with HTTP " + status + (code == null ? "" : " " + code)
                            + (text == null ? "" : ": " + text) + advice(kind, code),
                    kind,
                    status,
                    code,
                    ase);
        }
        if (e instanceof ApiCallAttemptTimeoutException
                || e instanceof ApiCallTimeoutException
                || hasCause(e, IOException.class)
                || hasCause(e, TimeoutException.class)) {
            return new ImportTargetException(
                    operation + " got no answer (" + e.getClass().getSimpleName() + ")"
                            + advice(ImportTargetException.Kind.TRANSIENT, null),
                    ImportTargetException.Kind.TRANSIENT,
                    0,
                    null,
                    e);
        }
        if (e instanceof SdkClientException && e.getCause() == null) {
            return new ImportTargetException(
                    operation + " failed on the client side: " + e.getMessage()
                            + advice(ImportTargetException.Kind.TRANSIENT, null),
                    ImportTargetException.Kind.TRANSIENT,
                    0,
                    null,
                    e);
        }
        return new ImportTargetException(
                operation + " failed: " + e.getClass().getSimpleName(),
                ImportTargetException.Kind.PERMANENT,
                0,
                null,
                e);
    }

    private static String advice(ImportTargetException.Kind kind, String code) {
        switch (kind) {
            case THROTTLED:
                return " (throttled; retried with backoff)";
            case QUOTA:
                return " (a quota of the domain or account is full; retried later)";
            case TRANSIENT:
                return " (may be temporary; retried with backoff)";
            default:
                if ("ResourceNotFoundException".equals(code)) {
                    return " (check the domain name and the region)";
                }
                if ("AccessDeniedException".equals(code)) {
                    return " (check the credentials' permissions for profile:*UploadJob*)";
                }
                return " (check the domain and the request)";
        }
    }

    private static boolean speaksOfQuota(String text) {
        if (text == null) {
            return false;
        }
        String t = text.toLowerCase(Locale.ROOT);
        return t.contains("quota") || t.contains("limit") || t.contains("concurrent");
    }

    /**
     * @param t a throwable, possibly wrapped by futures
     * @return the first cause that is not a {@link CompletionException} or {@link ExecutionException}
     */
    public static Throwable unwrap(Throwable t) {
        Throwable e = t;
        while ((e instanceof CompletionException
                        || e instanceof ExecutionException
                        || e instanceof UncheckedIOException)
                && e.getCause() != null) {
            e = e.getCause();
        }
        return e;
    }

    private static boolean hasCause(Throwable t, Class<? extends Throwable> type) {
        for (Throwable c = t; c != null; c = c.getCause()) {
            if (type.isInstance(c)) {
                return true;
            }
            if (c.getCause() == c) {
                break;
            }
        }
        return false;
    }
}
