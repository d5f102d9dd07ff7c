package io.pinpointimport.spi;

/**
 * How an {@link ImportTarget} gets a stored shard's records to its service, and so which {@link ShardStore} it can
 * work with ({@link ShardStore#supports(ShardAccess)}).
 */
public enum ShardAccess {
    /**
     * The service reads the shard itself from the URL the store gives ({@link JobRequest#s3Url()}), as Amazon
     * Pinpoint reads an {@code s3://} prefix. Needs a store whose URLs the service can reach, such as
     * {@code S3ShardStore}.
     */
    SERVICE_READS_URL,
    /**
     * The target sends the shard's bytes itself ({@link JobRequest#content()}), for a service that gives an upload
     * address per job instead of reading from the caller's storage. Needs a store that can hand the bytes back, such
     * as {@link io.pinpointimport.store.LocalShardStore}.
     */
    TARGET_SENDS_CONTENT
}
