package io.pinpointimport.shard;

import io.pinpointimport.format.ImportFormat;
import io.pinpointimport.internal.ToStringBuilder;
import java.nio.file.Path;
import java.util.Objects;

/**
 * One finished shard: a file of encoded endpoint definitions, small enough for one import job.
 *
 * <p>Checksums are computed while the file is written: SHA-256 (hex) identifies the content in the run journal,
 * CRC32C (base64 of the 4 big-endian bytes, as S3 reports it) lets a store verify the uploaded object.
 */
public final class Shard {
    private final int number;
    private final ImportFormat format;
    private final Path file;
    private final long recordCount;
    private final long byteCount;
    private final String sha256Hex;
    private final String crc32cBase64;
    private final long firstRecordIndex;
    private final long lastRecordIndex;

    private Shard(Builder b) {
        if (b.number < 0) {
            throw new IllegalArgumentException("number must be >= 0, was " + b.number);
        }
        this.number = b.number;
        this.format = Objects.requireNonNull(b.format, "format");
        this.file = Objects.requireNonNull(b.file, "file");
        this.recordCount = b.recordCount;
        this.byteCount = b.byteCount;
        this.sha256Hex = Objects.requireNonNull(b.sha256Hex, "sha256Hex");
        this.crc32cBase64 = Objects.requireNonNull(b.crc32cBase64, "crc32cBase64");
        this.firstRecordIndex = b.firstRecordIndex;
        this.lastRecordIndex = b.lastRecordIndex;
    }

    /** @return a new builder; number, format, file and both checksums are required */
    public static Builder builder() {
        return new Builder();
    }

    /** @return a builder holding this shard's values */
    public Builder toBuilder() {
        return new Builder(this);
    }

    /** @return the shard's 0-based number within its run */
    public int number() {
        return number;
    }

    /** @return the format the file is written in */
    public ImportFormat format() {
        return format;
    }

    /** @return the local file holding the encoded records */
    public Path file() {
        return file;
    }

    /** @return how many records the file holds */
    public long recordCount() {
        return recordCount;
    }

    /** @return the file's size in bytes, CSV header included */
    public long byteCount() {
        return byteCount;
    }

    /** @return SHA-256 of the file, lower-case hex */
    public String sha256Hex() {
        return sha256Hex;
    }

    /** @return CRC32C of the file, base64 of its 4 big-endian bytes (the form S3 uses) */
    public String crc32cBase64() {
        return crc32cBase64;
    }

    /** @return the 0-based input position of the first record in this shard */
    public long firstRecordIndex() {
        return firstRecordIndex;
    }

    /** @return the 0-based input position of the last record in this shard */
    public long lastRecordIndex() {
        return lastRecordIndex;
    }

    @Override
    public boolean equals(Object o) {
        if (this == o) {
            return true;
        }
        if (!(o instanceof Shard other)) {
            return false;
        }
        return number == other.number
                && format == other.format
                && file.equals(other.file)
                && recordCount == other.recordCount
                && byteCount == other.byteCount
                && sha256Hex.equals(other.sha256Hex)
                && crc32cBase64.equals(other.crc32cBase64)
                && firstRecordIndex == other.firstRecordIndex
                && lastRecordIndex == other.lastRecordIndex;
    }

    @Override
    public int hashCode() {
        return Objects.hash(
                number,
                format,
                file,
                recordCount,
                byteCount,
                sha256Hex,
                crc32cBase64,
                firstRecordIndex,
                lastRecordIndex);
    }

    @Override
    public String toString() {
        return ToStringBuilder.of("Shard")
                .add("number", number)
                .add("format", format)
                .add("file", file)
                .add("recordCount", recordCount)
                .add("byteCount", byteCount)
                .add("sha256", sha256Hex)
                .add("records", "[" + firstRecordIndex + ".." + lastRecordIndex + "]")
                .build();
    }

    /** Builds a {@link Shard}. */
    public static final class Builder {
        private int number;
        private ImportFormat format;
        private Path file;
        private long recordCount;
        private long byteCount;
        private String sha256Hex;
        private String crc32cBase64;
        private long firstRecordIndex;
        private long lastRecordIndex;

        private Builder() {}

        private Builder(Shard s) {
            this.number = s.number;
            this.format = s.format;
            this.file = s.file;
            this.recordCount = s.recordCount;
            this.byteCount = s.byteCount;
            this.sha256Hex = s.sha256Hex;
            this.crc32cBase64 = s.crc32cBase64;
            this.firstRecordIndex = s.firstRecordIndex;
            this.lastRecordIndex = s.lastRecordIndex;
        }

        /**
         * @param number the 0-based shard number
         * @return this builder
         */
        public Builder number(int number) {
            this.number = number;
            return this;
        }

        /**
         * @param format the file's format
         * @return this builder
         */
        public Builder format(ImportFormat format) {
            this.format = format;
            return this;
        }

        /**
         * @param file the local file
         * @return this builder
         */
        public Builder file(Path file) {
            this.file = file;
            return this;
        }

        /**
         * @param recordCount records in the file
         * @return this builder
         */
        public Builder recordCount(long recordCount) {
            this.recordCount = recordCount;
            return this;
        }

        /**
         * @param byteCount the file's size
         * @return this builder
         */
        public Builder byteCount(long byteCount) {
            this.byteCount = byteCount;
            return this;
        }

        /**
         * @param sha256Hex SHA-256, lower-case hex
         * @return this builder
         */
        public Builder sha256Hex(String sha256Hex) {
            this.sha256Hex = sha256Hex;
            return this;
        }

        /**
         * @param crc32cBase64 CRC32C, base64 of 4 big-endian bytes
         * @return this builder
         */
        public Builder crc32cBase64(String crc32cBase64) {
            this.crc32cBase64 = crc32cBase64;
            return this;
        }

        /**
         * @param firstRecordIndex input position of the first record
         * @return this builder
         */
        public Builder firstRecordIndex(long firstRecordIndex) {
            this.firstRecordIndex = firstRecordIndex;
            return this;
        }

        /**
         * @param lastRecordIndex input position of the last record
         * @return this builder
         */
        public Builder lastRecordIndex(long lastRecordIndex) {
            this.lastRecordIndex = lastRecordIndex;
            return this;
        }

        /** @return the shard */
        public Shard build() {
            return new Shard(this);
        }
    }
}
