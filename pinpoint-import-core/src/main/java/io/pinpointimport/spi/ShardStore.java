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
