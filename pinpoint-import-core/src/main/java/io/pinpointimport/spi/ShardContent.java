package io.pinpointimport.spi;

import java.io.IOException;
import java.io.InputStream;

/**
 * The bytes of a stored shard, for an {@link ImportTarget} that sends them to its service itself
 * ({@link ShardAccess#TARGET_SENDS_CONTENT}). Opening is lazy and may be repeated (a retried upload reads the shard
 * again from its start); the bytes are streamed, never held in memory as a whole.
 */
public interface ShardContent {
    /** @return the shard's length in bytes */
    long byteCount();

    /**
     * Opens the shard from its first byte. The caller closes the stream.
     *
     * @return a new stream over the shard's bytes
     * @throws IOException when the stored shard cannot be read
     */
    InputStream open() throws IOException;
}
