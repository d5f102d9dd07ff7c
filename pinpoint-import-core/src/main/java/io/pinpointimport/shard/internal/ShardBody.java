package io.pinpointimport.shard.internal;

import io.pinpointimport.format.ImportFormat;
import io.pinpointimport.model.EndpointDefinition;
import io.pinpointimport.validation.Rejection;
import java.io.IOException;
import java.nio.file.Path;

/**
 * One format's side of shard writing: encodes a record, tells what a shard would weigh with it, and writes shards.
 * At most one shard is open at a time. The sizes are exact: a shard's file ends up exactly as long as the last
 * {@link #sizeWithRecord()} said. No promises: internal; not thread-safe.
 */
public interface ShardBody {
    /**
     * @param format the format
     * @return a body for it
     */
    static ShardBody of(ImportFormat format) {
        return format == ImportFormat.CSV ? new CsvShardBody() : new NdjsonShardBody();
    }

    /**
     * Encodes a record; the size methods and {@link #add()} then refer to it.
     *
     * @param recordIndex its input position
     * @param definition the record
     * @return {@code null}, or why this format cannot carry it
     */
    Rejection encode(long recordIndex, EndpointDefinition definition);

    /** @return the bytes of a shard holding only the encoded record (CSV: with its own header) */
    long sizeAlone();

    /** @return the bytes the open shard would have with the encoded record added (CSV: header growth included) */
    long sizeWithRecord();

    /**
     * @param maxBytes a shard's limit
     * @return whether {@link #sizeAlone()} is at most {@code maxBytes}; a body may decide it from a cheaper bound
     */
    default boolean fitsAlone(long maxBytes) {
        return sizeAlone() <= maxBytes;
    }

    /**
     * @param maxBytes a shard's limit
     * @return whether {@link #sizeWithRecord()} is at most {@code maxBytes}; a body may decide it from a cheaper bound
     */
    default boolean fitsWithRecord(long maxBytes) {
        return sizeWithRecord() <= maxBytes;
    }

    /**
     * Starts a shard.
     *
     * @param file the shard's file (must not exist)
     * @throws IOException when it cannot be created
     */
    void open(Path file) throws IOException;

    /**
     * Adds the encoded record to the open shard.
     *
     * @throws IOException from the file system
     */
    void add() throws IOException;

    /**
     * Completes the open shard's file.
     *
     * @return the finished output, with its byte count and checksums
     * @throws IOException from the file system
     */
    ShardFileOutput finish() throws IOException;

    /**
     * Closes and deletes what the open shard has written, if a shard is open. Idempotent.
     *
     * @throws IOException when a file cannot be deleted
     */
    void discard() throws IOException;
}
