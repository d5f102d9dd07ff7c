package io.pinpointimport.s3;

import io.pinpointimport.format.ImportFormat;
import io.pinpointimport.shard.Shard;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Random;
import java.util.zip.CRC32C;

/** Makes shard files and their {@link Shard} values (checksums computed here, independently of the code under test). */
final class TestShards {
    private TestShards() {}

    /** A small CSV shard with a header and {@code records} rows. */
    static Shard csv(Path dir, int number, int records) {
        StringBuilder sb = new StringBuilder("ChannelType,Address,Id\n");
        for (int i = 0; i < records; i++) {
            sb.append("EMAIL,user")
                    .append(number)
                    .append('-')
                    .append(i)
                    .append("@example.com,id-")
                    .append(i)
                    .append('\n');
        }
        return shard(dir, number, ImportFormat.CSV, sb.toString().getBytes(StandardCharsets.UTF_8), records);
    }

    /** A shard of {@code size} pseudo-random bytes (content does not matter to the store). */
    static Shard random(Path dir, int number, ImportFormat format, int size, long seed) {
        byte[] bytes = new byte[size];
        new Random(seed).nextBytes(bytes);
        return shard(dir, number, format, bytes, size / 100);
    }

    /** A shard holding exactly {@code bytes}. */
    static Shard shard(Path dir, int number, ImportFormat format, byte[] bytes, long records) {
        try {
            Path file = Files.createTempFile(dir, "shard-" + number + "-", "." + format.extension());
            Files.write(file, bytes);
            return Shard.builder()
                    .number(number)
                    .format(format)
                    .file(file)
                    .recordCount(records)
                    .byteCount(bytes.length)
                    .sha256Hex(sha256Hex(bytes))
                    .crc32cBase64(crc32cBase64(bytes))
                    .firstRecordIndex(0)
                    .lastRecordIndex(Math.max(0, records - 1))
                    .build();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static String sha256Hex(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    static String crc32cBase64(byte[] bytes) {
        CRC32C crc = new CRC32C();
        crc.update(bytes);
        return Base64.getEncoder()
                .encodeToString(
                        ByteBuffer.allocate(4).putInt((int) crc.getValue()).array());
    }
}
