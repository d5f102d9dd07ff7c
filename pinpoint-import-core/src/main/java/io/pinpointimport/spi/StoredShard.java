package io.pinpointimport.spi;

import io.pinpointimport.internal.ToStringBuilder;
import io.pinpointimport.shard.Shard;
import java.util.Objects;

/**
 * Where a {@link ShardStore} put a shard.
 *
 * <p>{@link #jobUrl()} is what an import job's {@code S3Url} points at: a prefix that holds this shard's object and
 * nothing else, so that one job never picks up another job's files.
 */
public final class StoredShard {
    private final Shard shard;
    private final String jobUrl;
    private final String objectUrl;
    private final boolean uploaded;

    private StoredShard(Shard shard, String jobUrl, String objectUrl, boolean uploaded) {
        this.shard = Objects.requireNonNull(shard, "shard");
        this.jobUrl = Objects.requireNonNull(jobUrl, "jobUrl");
        this.objectUrl = Objects.requireNonNull(objectUrl, "objectUrl");
        this.uploaded = uploaded;
    }

    /**
     * @param shard the shard that was stored
     * @param jobUrl the prefix URL an import job points at, such as {@code s3://bucket/imports/run-1/00000/}
     * @param objectUrl the object's own URL, such as {@code s3://bucket/imports/run-1/00000/part.csv}
     * @param uploaded {@code false} when an identical object was already there and nothing was sent
     * @return the value
     */
    public static StoredShard of(Shard shard, String jobUrl, String objectUrl, boolean uploaded) {
        return new StoredShard(shard, jobUrl, objectUrl, uploaded);
    }

    /** @return the shard that was stored */
    public Shard shard() {
        return shard;
    }

    /** @return the URL an import job's {@code S3Url} is set to: a prefix holding only this shard */
    public String jobUrl() {
        return jobUrl;
    }

    /** @return the stored object's URL */
    public String objectUrl() {
        return objectUrl;
    }

    /** @return whether bytes were sent; {@code false} when an identical object was already stored */
    public boolean uploaded() {
        return uploaded;
    }

    @Override
    public boolean equals(Object o) {
        if (this == o) {
            return true;
        }
        if (!(o instanceof StoredShard other)) {
            return false;
        }
        return uploaded == other.uploaded
                && shard.equals(other.shard)
                && jobUrl.equals(other.jobUrl)
                && objectUrl.equals(other.objectUrl);
    }

    @Override
    public int hashCode() {
        return Objects.hash(shard, jobUrl, objectUrl, uploaded);
    }

    @Override
    public String toString() {
        return ToStringBuilder.of("StoredShard")
                .add("shard", shard.number())
                .add("jobUrl", jobUrl)
                .add("objectUrl", objectUrl)
                .add("uploaded", uploaded)
                .build();
    }
}
