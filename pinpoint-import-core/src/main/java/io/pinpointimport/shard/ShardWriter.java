package io.pinpointimport.shard;

import io.pinpointimport.ImportException;
import io.pinpointimport.format.ImportFormat;
import io.pinpointimport.model.EndpointDefinition;
import io.pinpointimport.shard.internal.ShardBody;
import io.pinpointimport.shard.internal.ShardFileOutput;
import io.pinpointimport.validation.Rejection;
import io.pinpointimport.validation.Rule;
import java.io.IOException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;

/**
 * Encodes endpoint definitions into shard files, each small enough for one import job, and hands every shard over
 * the moment it is finished so that uploading can overlap writing.
 *
 * <p><b>Limits.</b> A shard rolls over to the next one <em>before</em> a record would take it past
 * {@link Builder#maxShardBytes(long) maxShardBytes} (counted in encoded bytes, the CSV header of every shard
 * included, and the growth of that header when a record brings a new column) or past
 * {@link Builder#maxRecordsPerShard(long) maxRecordsPerShard}. A shard may end exactly at the limit. A record that
 * alone would exceed the limit is rejected ({@link Rule#RECORD_LARGER_THAN_SHARD}) and not written; the current shard
 * stays open. A record the format cannot carry (a line break in a CSV value, a number that is not finite) is rejected
 * too ({@link Rule#CSV_UNWRITABLE_VALUE}, {@link Rule#METRIC_NOT_FINITE}, ...). The writer does not otherwise
 * validate: run the validator first.
 *
 * <p><b>Hand-over and clean-up.</b> Shard files live in a fresh directory the writer creates inside
 * {@link Builder#directory(Path) directory}. A finished {@link Shard} goes to the {@link Builder#onShard(Consumer)
 * onShard} listener (on the writing thread, from {@link #write} or {@link #finish()}) and stays on disk until
 * {@link #release(Shard)} is called for it, from any thread, once it has been consumed (uploaded). {@link #close()}
 * deletes every file still there, released or not, and the directory: after {@code close()} nothing is left behind,
 * whether the run succeeded or failed. Call {@code close()} only when every consumer is done with its shard.
 *
 * <p><b>Determinism.</b> The same records with the same indexes and settings give the same shards, byte for byte
 * (same split points, names, checksums), whatever the JVM, locale or time: a resumed run relies on it.
 *
 * <p>Not thread-safe, except {@link #release(Shard)}.
 *
 * <pre>{@code
 * try (ShardWriter writer = ShardWriter.builder().format(ImportFormat.CSV).build()) {
 *     long index = 0;
 *     for (EndpointDefinition d : definitions) {
 *         writer.write(index++, d).ifPresent(rejections::add);
 *     }
 *     writer.finish();
 *     for (Shard shard : writer.shards()) {
 *         store.store(runId, shard).join();
 *         writer.release(shard);
 *     }
 * } // every temporary file is gone here
 * }</pre>
 *
 * <p>To upload while writing, start the upload in {@link Builder#onShard(Consumer) onShard} and call
 * {@link #release(Shard)} when it completes.
 */
public final class ShardWriter implements AutoCloseable {
    /**
     * Default {@link Builder#maxShardBytes(long) maxShardBytes}: 950,000,000 bytes. The service takes at most 1 GB
     * per import job and does not say whether that is 10^9 or 2^30 bytes; this stays 5% under the smaller reading,
     * leaving room for any difference in how the service counts.
     */
    public static final long DEFAULT_MAX_SHARD_BYTES = 950_000_000L;

    /** Default {@link Builder#maxRecordsPerShard(long) maxRecordsPerShard}: no limit ({@link Long#MAX_VALUE}). */
    public static final long DEFAULT_MAX_RECORDS_PER_SHARD = Long.MAX_VALUE;

    private static final String DIRECTORY_PREFIX = "pinpoint-import-shards-";

    private final ImportFormat format;
    private final long maxShardBytes;
    private final long maxRecordsPerShard;
    private final Path parent;
    private final Consumer<Shard> onShard;
    private final ShardBody body;

    private final Set<Path> unreleased = ConcurrentHashMap.newKeySet();
    private final List<Shard> shards = new ArrayList<>();
    private Path directory;
    private int nextNumber;
    private boolean open;
    private Path currentFile;
    private long currentRecords;
    private long firstIndex;
    private long lastIndex;
    private boolean finished;
    private boolean failed;
    private volatile boolean closed;

    private ShardWriter(Builder b) {
        this.format = Objects.requireNonNull(b.format, "format");
        this.maxShardBytes = b.maxShardBytes;
        this.maxRecordsPerShard = b.maxRecordsPerShard;
        this.parent = b.directory != null ? b.directory : Path.of(System.getProperty("java.io.tmpdir"));
        this.onShard = b.onShard;
        this.body = ShardBody.of(format);
        this.nextNumber = b.firstShardNumber;
    }

    /** @return a new builder; {@code format} is required */
    public static Builder builder() {
        return new Builder();
    }

    /** @return the format shards are written in */
    public ImportFormat format() {
        return format;
    }

    /** @return the byte limit per shard */
    public long maxShardBytes() {
        return maxShardBytes;
    }

    /** @return the record limit per shard */
    public long maxRecordsPerShard() {
        return maxRecordsPerShard;
    }

    /**
     * Writes one record to the current shard, first finishing that shard (and handing it to the listener) when the
     * record would take it past a limit.
     *
     * @param recordIndex the record's 0-based position in the run's input; shards report the first and last they hold
     * @param definition the record
     * @return empty when written; otherwise why it was not (the writer stays usable)
     * @throws ImportException when a file cannot be written; the writer is then failed, and only {@link #close()} is
     *     useful
     * @throws IllegalStateException after {@link #finish()}, {@link #close()} or a failure
     */
    public Optional<Rejection> write(long recordIndex, EndpointDefinition definition) {
        Objects.requireNonNull(definition, "definition");
        checkWritable();
        Rejection r = encode(recordIndex, definition);
        if (r != null) {
            return Optional.of(r);
        }
        try {
            if (open && (currentRecords >= maxRecordsPerShard || !body.fitsWithRecord(maxShardBytes))) {
                finishShard();
            }
            if (!open) {
                openShard();
                firstIndex = recordIndex;
            }
            body.add();
        } catch (IOException e) {
            failed = true;
            throw new ImportException(
                    "cannot write shard " + (nextNumber - 1) + " in " + directory + ": " + e.getMessage()
                            + " (is the disk full?)",
                    e);
        }
        currentRecords++;
        lastIndex = recordIndex;
        return Optional.empty();
    }

    /**
     * Checks a record as {@link #write} would, without writing it: for a resumed run, whose records up to the end of
     * its last stored shard are already in shards. Call it for those records, in order, before the first
     * {@code write}, with a writer built with {@link Builder#firstShardNumber(int)} set to the next shard's number:
     * the shards written next are then the same, byte for byte, as those of an uninterrupted run.
     *
     * @param recordIndex the record's 0-based position in the run's input
     * @param definition the record
     * @return empty when {@code write} would have written it; otherwise why it would not
     * @throws IllegalStateException after the first {@code write}, {@link #finish()}, {@link #close()} or a failure
     */
    public Optional<Rejection> skip(long recordIndex, EndpointDefinition definition) {
        Objects.requireNonNull(definition, "definition");
        checkWritable();
        if (open || !shards.isEmpty()) {
            throw new IllegalStateException("records can be skipped only before the first is written");
        }
        return Optional.ofNullable(encode(recordIndex, definition));
    }

    // Encodes the record into the body's pending slot; null when it fits a shard, otherwise why it does not.
    private Rejection encode(long recordIndex, EndpointDefinition definition) {
        Rejection r = body.encode(recordIndex, definition);
        if (r != null) {
            return r;
        }
        return body.fitsAlone(maxShardBytes) ? null : tooLarge(recordIndex, body.sizeAlone());
    }

    private Rejection tooLarge(long recordIndex, long alone) {
        return Rejection.builder()
                .recordIndex(recordIndex)
                .rule(Rule.RECORD_LARGER_THAN_SHARD)
                .message("the record encodes to " + alone + " bytes"
                        + (format == ImportFormat.CSV ? " (with the CSV header for its columns)" : "")
                        + ", more than the shard limit of "
                        + maxShardBytes + " bytes")
                .build();
    }

    /**
     * Finishes the last shard and hands it to the listener. No record can be written afterwards. Calling it again
     * does nothing.
     *
     * @return the last shard, or empty when no record was written since the previous one (or it was called before)
     * @throws ImportException when the file cannot be written
     * @throws IllegalStateException after {@link #close()} or a failure
     */
    public Optional<Shard> finish() {
        if (finished && !closed && !failed) {
            return Optional.empty();
        }
        checkWritable();
        finished = true;
        if (!open) {
            return Optional.empty();
        }
        try {
            return Optional.of(finishShard());
        } catch (IOException e) {
            failed = true;
            throw new ImportException(
                    "cannot finish shard " + (nextNumber - 1) + " in " + directory + ": " + e.getMessage(), e);
        }
    }

    /**
     * Deletes a finished shard's file: call it once the shard is consumed (uploaded). Safe from any thread, also
     * concurrently with writing; releasing twice, or after {@link #close()}, does nothing.
     *
     * @param shard a shard this writer produced
     * @throws ImportException when the file cannot be deleted
     */
    public void release(Shard shard) {
        Path file = shard.file();
        if (unreleased.remove(file)) {
            try {
                Files.deleteIfExists(file);
            } catch (IOException e) {
                throw new ImportException("cannot delete finished shard " + file + ": " + e.getMessage(), e);
            }
        }
    }

    /** @return the shards finished so far, in order; unmodifiable snapshot */
    public List<Shard> shards() {
        return Collections.unmodifiableList(new ArrayList<>(shards));
    }

    /**
     * Deletes every file this writer made, finished or not, released or not, and its directory. An unfinished shard
     * is discarded (the run failed or was abandoned). Idempotent.
     *
     * @throws ImportException when a file cannot be deleted (the others are still deleted)
     */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        IOException first = null;
        try {
            body.discard();
        } catch (IOException e) {
            first = e;
        }
        open = false;
        for (Path file : List.copyOf(unreleased)) {
            unreleased.remove(file);
            try {
                Files.deleteIfExists(file);
            } catch (IOException e) {
                first = first == null ? e : first;
            }
        }
        if (directory != null) {
            try {
                Files.deleteIfExists(directory);
            } catch (DirectoryNotEmptyException e) {
                // Someone else put files in our directory; leave them and it.
            } catch (IOException e) {
                first = first == null ? e : first;
            }
        }
        if (first != null) {
            throw new ImportException(
                    "cannot delete the shard files in " + directory + ": " + first.getMessage(), first);
        }
    }

    private void checkWritable() {
        if (closed) {
            throw new IllegalStateException("shard writer is closed");
        }
        if (failed) {
            throw new IllegalStateException("shard writer failed earlier; close it");
        }
        if (finished) {
            throw new IllegalStateException("shard writer is finished");
        }
    }

    private void openShard() throws IOException {
        if (directory == null) {
            Files.createDirectories(parent);
            directory = Files.createTempDirectory(parent, DIRECTORY_PREFIX);
        }
        currentFile = directory.resolve(String.format(Locale.ROOT, "shard-%05d.%s", nextNumber, format.extension()));
        nextNumber++;
        body.open(currentFile);
        open = true;
        currentRecords = 0;
    }

    private Shard finishShard() throws IOException {
        ShardFileOutput out = body.finish();
        open = false;
        Shard shard = Shard.builder()
                .number(nextNumber - 1)
                .format(format)
                .file(currentFile)
                .recordCount(currentRecords)
                .byteCount(out.count())
                .sha256Hex(out.sha256Hex())
                .crc32cBase64(out.crc32cBase64())
                .firstRecordIndex(firstIndex)
                .lastRecordIndex(lastIndex)
                .build();
        unreleased.add(currentFile);
        shards.add(shard);
        if (onShard != null) {
            onShard.accept(shard);
        }
        return shard;
    }

    /** Builds a {@link ShardWriter}. */
    public static final class Builder {
        private ImportFormat format;
        private long maxShardBytes = DEFAULT_MAX_SHARD_BYTES;
        private long maxRecordsPerShard = DEFAULT_MAX_RECORDS_PER_SHARD;
        private Path directory;
        private Consumer<Shard> onShard;
        private int firstShardNumber;

        private Builder() {}

        /**
         * @param format the format to write; required
         * @return this builder
         */
        public Builder format(ImportFormat format) {
            this.format = format;
            return this;
        }

        /**
         * @param maxShardBytes the most bytes one shard file may have; default {@value #DEFAULT_MAX_SHARD_BYTES}
         * @return this builder
         * @throws IllegalArgumentException when not positive
         */
        public Builder maxShardBytes(long maxShardBytes) {
            if (maxShardBytes <= 0) {
                throw new IllegalArgumentException("maxShardBytes must be > 0, was " + maxShardBytes);
            }
            this.maxShardBytes = maxShardBytes;
            return this;
        }

        /**
         * @param maxRecordsPerShard the most records one shard may hold; default no limit
         * @return this builder
         * @throws IllegalArgumentException when not positive
         */
        public Builder maxRecordsPerShard(long maxRecordsPerShard) {
            if (maxRecordsPerShard <= 0) {
                throw new IllegalArgumentException("maxRecordsPerShard must be > 0, was " + maxRecordsPerShard);
            }
            this.maxRecordsPerShard = maxRecordsPerShard;
            return this;
        }

        /**
         * Where temporary shard files go. The writer makes its own sub-directory there (readable by the owner only,
         * where the file system supports it) and removes it on {@link ShardWriter#close()}.
         *
         * @param directory an existing or creatable directory; default {@code java.io.tmpdir}
         * @return this builder
         */
        public Builder directory(Path directory) {
            this.directory = directory;
            return this;
        }

        /**
         * Receives each shard as soon as it is finished, exactly once, on the writing thread, before the
         * {@code write} or {@code finish} call that finished it returns. It should start the upload and return;
         * an exception it throws comes out of that call (the shard stays on disk until released or closed).
         *
         * @param onShard the listener; default none (use {@link ShardWriter#shards()})
         * @return this builder
         */
        public Builder onShard(Consumer<Shard> onShard) {
            this.onShard = onShard;
            return this;
        }

        /**
         * @param firstShardNumber the number of the first shard written; default 0. A resumed run starts after its
         *     shards already stored (see {@link ShardWriter#skip})
         * @return this builder
         * @throws IllegalArgumentException when negative
         */
        public Builder firstShardNumber(int firstShardNumber) {
            if (firstShardNumber < 0) {
                throw new IllegalArgumentException("firstShardNumber must be >= 0, was " + firstShardNumber);
            }
            this.firstShardNumber = firstShardNumber;
            return this;
        }

        /** @return the writer; no file is made until the first record is written */
        public ShardWriter build() {
            return new ShardWriter(this);
        }
    }
}
