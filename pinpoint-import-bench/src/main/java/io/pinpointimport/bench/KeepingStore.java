package io.pinpointimport.bench;

import io.pinpointimport.format.ImportFormat;
import io.pinpointimport.shard.Shard;
import io.pinpointimport.spi.ShardStore;
import io.pinpointimport.spi.StoredShard;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A store that uploads nothing: it counts the shards' bytes and, when given a directory, keeps each finished shard
 * file there (a hard link, no copy) with its CRC32C for a later upload stage. Without a directory the shard file is
 * left to the run, which deletes it once its job ended.
 */
final class KeepingStore implements ShardStore {
    private final Path dir;
    private final Map<Path, String> checksums;
    private final AtomicLong bytes = new AtomicLong();

    /**
     * @param dir where to keep the shard files, or {@code null} to keep none
     * @param checksums filled with each kept file's CRC32C (base64); unused without a directory
     */
    KeepingStore(Path dir, Map<Path, String> checksums) {
        this.dir = dir;
        this.checksums = checksums;
    }

    /** @return a store that keeps nothing and only counts bytes */
    static KeepingStore discarding() {
        return new KeepingStore(null, Map.of());
    }

    /** @return the bytes of every shard stored so far */
    long bytes() {
        return bytes.get();
    }

    @Override
    public CompletableFuture<StoredShard> store(String runId, Shard shard) {
        try {
            String name = String.format(
                    Locale.ROOT, "shard-%05d.%s", shard.number(), shard.format() == ImportFormat.CSV ? "csv" : "json");
            if (dir != null) {
                Path link = dir.resolve(name);
                Files.createLink(link, shard.file());
                checksums.put(link, shard.crc32cBase64());
            }
            bytes.addAndGet(shard.byteCount());
            String url = "s3://bench/" + runId + "/" + name;
            return CompletableFuture.completedFuture(StoredShard.of(shard, url, url, true));
        } catch (IOException | RuntimeException e) {
            return CompletableFuture.failedFuture(e);
        }
    }
}
