package io.pinpointimport.shard.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Random;
import java.util.zip.CRC32C;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ShardFileOutputTest {
    @TempDir
    Path dir;

    @Test
    void manyBuffersComeOutInOrderWithTheirChecksums() throws Exception {
        byte[] data = new byte[ShardFileOutput.BUFFER * 11 + 12345];
        new Random(42).nextBytes(data);
        Path file = dir.resolve("out.bin");
        ShardFileOutput out = new ShardFileOutput(file);
        int i = 0;
        int step = 0;
        // Every way in: single bytes, small and large arrays, reserve/commit.
        while (i < data.length) {
            int kind = step++ % 4;
            if (kind == 0) {
                out.write(data[i++]);
            } else if (kind == 1) {
                int n = Math.min(700, data.length - i);
                out.write(data, i, n);
                i += n;
            } else if (kind == 2) {
                int n = Math.min(ShardFileOutput.BUFFER + 3000, data.length - i);
                out.write(data, i, n);
                i += n;
            } else {
                int n = Math.min(5000, data.length - i);
                int at = out.reserve(n);
                System.arraycopy(data, i, out.buffer(), at, n);
                out.commit(n);
                i += n;
            }
        }
        out.finish();

        assertThat(Files.readAllBytes(file)).isEqualTo(data);
        assertThat(out.count()).isEqualTo(data.length);
        assertThat(out.sha256Hex())
                .isEqualTo(HexFormat.of()
                        .formatHex(MessageDigest.getInstance("SHA-256").digest(data)));
        CRC32C crc = new CRC32C();
        crc.update(data);
        assertThat(out.crc32cBase64())
                .isEqualTo(Base64.getEncoder()
                        .encodeToString(ByteBuffer.allocate(4)
                                .putInt((int) crc.getValue())
                                .array()));
    }
}
