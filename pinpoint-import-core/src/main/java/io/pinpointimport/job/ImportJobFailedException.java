package io.pinpointimport.job;

import io.pinpointimport.ImportException;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * An import job ended {@code FAILED}: the service could not process one or more of its pieces. Carries the job id,
 * the job's {@code S3Url}, the service's failure lines and the full {@link ImportResult} with the service's counts.
 *
 * <p>What to do next: read {@link #failures()} (the service's text, which may quote records, so it is not part of
 * the message), fix the records or the role's access to the S3 location, and import that shard again.
 */
public class ImportJobFailedException extends ImportException {
    private static final long serialVersionUID = 1L;

    private final transient @Nullable ImportResult result;
    private final String jobId;
    private final String s3Url;
    private final List<String> failures;

    /**
     * @param result the job's final result, status {@code FAILED}
     */
    public ImportJobFailedException(ImportResult result) {
        super("Import job " + Objects.requireNonNull(result, "result").jobId() + " for " + result.s3Url()
                + " ended FAILED" + counts(result)
                + "; see failures() for the service's lines, fix the records or the role's S3 access and import"
                + " the shard again");
        this.result = result;
        this.jobId = result.jobId();
        this.s3Url = result.s3Url();
        this.failures = result.failures();
    }

    private static String counts(ImportResult r) {
        StringBuilder sb = new StringBuilder();
        r.failedPieces().ifPresent(n -> sb.append(", failed pieces ").append(n));
        r.totalPieces().ifPresent(n -> sb.append(" of ").append(n));
        r.totalFailures().ifPresent(n -> sb.append(", failed records ").append(n));
        return sb.toString();
    }

    /** @return the job's id */
    public String jobId() {
        return jobId;
    }

    /** @return the job's {@code S3Url} */
    public String s3Url() {
        return s3Url;
    }

    /** @return the service's failure lines (at most its first 100) */
    public List<String> failures() {
        return failures;
    }

    /** @return the job's final result with the service's counts; empty only after Java deserialization */
    public Optional<ImportResult> result() {
        return Optional.ofNullable(result);
    }
}
