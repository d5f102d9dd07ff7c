package io.pinpointimport.spi;

import io.pinpointimport.shard.Shard;
import java.util.concurrent.CompletableFuture;

/**
 * The seam between sharding and the import service: puts a finished shard where an import job can read it.
 * {@code pinpoint-import-s3} provides the S3 implementation; core knows no S3 classes.
 *
 * <p>Implementations must be thread-safe, must not block the calling thread for the upload, and must be
 * idempotent: storing a shard whose identical content is already stored completes without sending it again
 * ({@link StoredShard#uploaded()} is then {@code false}). Failures complete the future exceptionally with a
 * {@link ShardStoreException}.
 *
 * <pre>{@code
 * ShardStore store = S3ShardStore.builder().s3(s3AsyncClient).bucket("my-bucket").prefix("pinpoint/imports/").build();
 * StoredShard stored = store.store("run-2026-11-29", shard).join();
 * }</pre>
 */
public interface ShardStore {
    /**
     * Stores one shard of a run.
     *
     * @param runId the run the shard belongs to; safe for object keys (letters, digits, {@code -}, {@code _}, {@code .})
     * @param shard the finished shard; its file is only read
     * @return completes with where the shard is, once it is there and verified
     */
    CompletableFuture<StoredShard> store(String runId, Shard shard);

    /**
     * Deletes what {@link #store} put there for a run. The default does nothing.
     *
     * @param runId the run
     * @return completes when the run's objects are gone
     */
    default CompletableFuture<Void> deleteRun(String runId) {
        return CompletableFuture.completedFuture(null);
    }

    /**
     * @param access how a target gets a shard's records to its service ({@link ImportTarget#shardAccess()})
     * @return whether this store serves such a target; the default serves only
     *     {@link ShardAccess#SERVICE_READS_URL} (the service reads {@link StoredShard#jobUrl()} itself)
     */
    default boolean supports(ShardAccess access) {
        return access == ShardAccess.SERVICE_READS_URL;
    }

    /**
     * Hands back the bytes of a shard this store stored, for a target that sends them itself
     * ({@link ShardAccess#TARGET_SENDS_CONTENT}). Cheap: opening the bytes happens in {@link ShardContent#open()}.
     *
     * @param jobUrl the shard's {@link StoredShard#jobUrl()}, possibly from an earlier process (a resumed run)
     * @return the shard's bytes
     * @throws ShardStoreException when the shard is not (or no longer) there
     * @throws UnsupportedOperationException when this store does not {@link #supports(ShardAccess) support} it (the
     *     default)
     */
    default ShardContent content(String jobUrl) {
        throw new UnsupportedOperationException(describe() + " cannot hand back the bytes of stored shards");
    }

    /**
     * Whether this store still holds a shard it stored, unchanged: a shard whose job failed is imported again from
     * the store ({@code EndpointImporter.resubmit}) only when it does, never from bytes that are gone or differ.
     * Must not block the calling thread.
     *
     * <p>The default answers {@code true}: a store that cannot tell lets the new job find out (a job whose shard is
     * gone ends {@code FAILED}). The stores of this library look.
     *
     * @param jobUrl the shard's {@link StoredShard#jobUrl()}, possibly from an earlier process
     * @param sha256Hex the SHA-256 of the shard's content when it was stored (lower-case hex)
     * @return completes with {@code true} when the shard is there with that content, {@code false} when it is gone
     *     or differs; exceptionally with a {@link ShardStoreException} when the store cannot be asked
     */
    default CompletableFuture<Boolean> holds(String jobUrl, String sha256Hex) {
        return CompletableFuture.completedFuture(true);
    }

    /**
     * Names where this store puts shards, such as {@code s3://bucket/prefix/}: stable across processes, never
     * credentials. A run journal records it, and a run is resumed only by a store that describes itself the same
     * way, so that a resumed run stores where the run began. Options that do not change where shards go (retries,
     * time-outs) stay out of it. The default is the class's simple name.
     *
     * @return the store's description
     */
    default String describe() {
        return getClass().getSimpleName();
    }
}
