package io.pinpointimport.spi;

import io.pinpointimport.format.ImportFormat;
import io.pinpointimport.internal.ToStringBuilder;
import io.pinpointimport.job.JobOptions;
import java.util.Objects;

/**
 * What an {@link ImportTarget} is asked to import: the stored shard's URL, its format and the job options.
 * Target-wide settings (application, role) belong to the target itself.
 */
public final class JobRequest {
    private final String s3Url;
    private final ImportFormat format;
    private final JobOptions options;

    private JobRequest(String s3Url, ImportFormat format, JobOptions options) {
        this.s3Url = Objects.requireNonNull(s3Url, "s3Url");
        this.format = Objects.requireNonNull(format, "format");
        this.options = Objects.requireNonNull(options, "options");
    }

    /**
     * @param s3Url the URL the job reads (a prefix holding one shard), such as {@code s3://b/imports/run-1/00000/}
     * @param format the shard's format
     * @param options what the job does with the endpoints
     * @return the request
     */
    public static JobRequest of(String s3Url, ImportFormat format, JobOptions options) {
        return new JobRequest(s3Url, format, options);
    }

    /** @return the URL the job reads */
    public String s3Url() {
        return s3Url;
    }

    /** @return the shard's format */
    public ImportFormat format() {
        return format;
    }

    /** @return what the job does with the endpoints */
    public JobOptions options() {
        return options;
    }

    @Override
    public boolean equals(Object o) {
        if (this == o) {
            return true;
        }
        if (!(o instanceof JobRequest other)) {
            return false;
        }
        return s3Url.equals(other.s3Url) && format == other.format && options.equals(other.options);
    }

    @Override
    public int hashCode() {
        return Objects.hash(s3Url, format, options);
    }

    @Override
    public String toString() {
        return ToStringBuilder.of("JobRequest").add("s3Url", s3Url).add("format", format).add("options", options)
                .build();
    }
}
