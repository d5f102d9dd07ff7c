package io.pinpointimport;

import io.pinpointimport.shard.Shard;
import io.pinpointimport.spi.ShardStore;
import io.pinpointimport.spi.ShardStoreException;
import io.pinpointimport.spi.StoredShard;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;

/** A {@link ShardStore} in memory for core tests: keeps each shard's bytes and record count by job URL. */
public final class MemoryShardStore implements ShardStore {
    private final Map<String, byte[]> objects = new ConcurrentHashMap<>();
    private final Map<String, Long> records = new ConcurrentHashMap<>();
    private final Set<String> deletedRuns = ConcurrentHashMap.newKeySet();
    private volatile int failShard = -1;

    /**
     * @param shardNumber the shard whose store fails
     * @return this
     */
    public MemoryShardStore failShard(int shardNumber) {
        this.failShard = shardNumber;
        return this;
    }

    @Override
    public CompletableFuture<StoredShard> store(String runId, Shard shard) {
        if (shard.number() == failShard) {
            return CompletableFuture.failedFuture(
                    new ShardStoreException("bucket gone", "s3://bucket/" + runId, "NoSuchBucket", null));
        }
        String prefix = "s3://bucket/imports/" + runId + "/" + String.format("%05d", shard.number()) + "/";
        String object = prefix + "part." + shard.format().extension();
        try {
            objects.put(object, Files.readAllBytes(shard.file()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        records.put(prefix, shard.recordCount());
        return CompletableFuture.completedFuture(StoredShard.of(shard, prefix, object, true));
    }

    @Override
    public CompletableFuture<Void> deleteRun(String runId) {
        deletedRuns.add(runId);
        objects.keySet().removeIf(k -> k.contains("/" + runId + "/"));
        return CompletableFuture.completedFuture(null);
    }

    /**
     * @param jobUrl a job URL
     * @return records stored under it
     */
    public long records(String jobUrl) {
        return records.getOrDefault(jobUrl, 0L);
    }

    /** @return the stored objects by URL */
    public Map<String, byte[]> objects() {
        return Map.copyOf(objects);
    }

    /** @return runs deleted */
    public Set<String> deletedRuns() {
        return Set.copyOf(deletedRuns);
    }
}
