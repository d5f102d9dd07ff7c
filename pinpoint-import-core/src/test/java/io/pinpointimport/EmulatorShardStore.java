package io.pinpointimport;

import io.pinpointimport.shard.Shard;
import io.pinpointimport.spi.ShardStore;
import io.pinpointimport.spi.ShardStoreException;
import io.pinpointimport.spi.StoredShard;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * A {@link ShardStore} for core tests that puts each shard into the emulator's S3 ({@link EmulatedPinpoint#s3()}),
 * where the emulated import jobs read it, and remembers what it stored.
 */
public final class EmulatorShardStore implements ShardStore {
    private final S3Client s3 = EmulatedPinpoint.s3Client();
    /** Object key by job URL (the shard's prefix). */
    private final Map<String, String> keys = new ConcurrentHashMap<>();

    private final Map<String, Long> records = new ConcurrentHashMap<>();
    private final Set<String> deletedRuns = ConcurrentHashMap.newKeySet();
    private volatile int failShard = -1;

    /**
     * @param shardNumber the shard whose store fails
     * @return this
     */
    public EmulatorShardStore failShard(int shardNumber) {
        this.failShard = shardNumber;
        return this;
    }

    @Override
    public CompletableFuture<StoredShard> store(String runId, Shard shard) {
        if (shard.number() == failShard) {
            return CompletableFuture.failedFuture(new ShardStoreException(
                    "bucket gone", "s3://" + EmulatedPinpoint.BUCKET + "/" + runId, "NoSuchBucket", null));
        }
        String prefixKey = "imports/" + runId + "/" + String.format("%05d", shard.number()) + "/";
        String key = prefixKey + "part." + shard.format().extension();
        s3.putObject(b -> b.bucket(EmulatedPinpoint.BUCKET).key(key), RequestBody.fromFile(shard.file()));
        String prefix = "s3://" + EmulatedPinpoint.BUCKET + "/" + prefixKey;
        keys.put(prefix, key);
        records.put(prefix, shard.recordCount());
        return CompletableFuture.completedFuture(
                StoredShard.of(shard, prefix, "s3://" + EmulatedPinpoint.BUCKET + "/" + key, true));
    }

    @Override
    public CompletableFuture<Void> deleteRun(String runId) {
        deletedRuns.add(runId);
        keys.entrySet().removeIf(e -> {
            if (!e.getValue().startsWith("imports/" + runId + "/")) {
                return false;
            }
            s3.deleteObject(b -> b.bucket(EmulatedPinpoint.BUCKET).key(e.getValue()));
            return true;
        });
        return CompletableFuture.completedFuture(null);
    }

    /**
     * @param jobUrl a job URL
     * @return records stored under it
     */
    public long records(String jobUrl) {
        return records.getOrDefault(jobUrl, 0L);
    }

    /** @return the stored objects' bytes by object URL, read back from S3 */
    public Map<String, byte[]> objects() {
        Map<String, byte[]> objects = new ConcurrentHashMap<>();
        keys.values()
                .forEach(key -> objects.put(
                        "s3://" + EmulatedPinpoint.BUCKET + "/" + key,
                        s3.getObjectAsBytes(
                                        b -> b.bucket(EmulatedPinpoint.BUCKET).key(key))
                                .asByteArray()));
        return Map.copyOf(objects);
    }

    /** @return runs deleted */
    public Set<String> deletedRuns() {
        return Set.copyOf(deletedRuns);
    }
}
