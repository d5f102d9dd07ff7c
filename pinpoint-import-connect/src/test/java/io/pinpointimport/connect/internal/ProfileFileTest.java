package io.pinpointimport.connect.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.pinpointimport.connect.ProfileMapping;
import io.pinpointimport.format.ImportFormat;
import io.pinpointimport.model.ChannelType;
import io.pinpointimport.model.EndpointDefinition;
import io.pinpointimport.shard.Shard;
import io.pinpointimport.shard.ShardWriter;
import io.pinpointimport.spi.ShardContent;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ProfileFileTest {
    @TempDir
    Path tmp;

    private ShardContent shardOf(ImportFormat format, List<EndpointDefinition> records) throws IOException {
        List<Shard> shards = new ArrayList<>();
        Path copy = tmp.resolve("shard." + format.extension());
        try (ShardWriter writer = ShardWriter.builder()
                .format(format)
                .directory(tmp)
                .onShard(shards::add)
                .build()) {
            long i = 0;
            for (EndpointDefinition d : records) {
                assertThat(writer.write(i++, d)).isEmpty();
            }
            writer.finish();
            Files.copy(shards.get(0).file(), copy);
        }
        return new ShardContent() {
            @Override
            public long byteCount() {
                return copy.toFile().length();
            }

            @Override
            public InputStream open() throws IOException {
                return Files.newInputStream(copy);
            }
        };
    }

    @Test
    void bothShardFormatsGiveTheSameFileWithPlainQuotedCells() throws IOException {
        List<EndpointDefinition> records = List.of(
                EndpointDefinition.builder()
                        .channelType(ChannelType.EMAIL)
                        .address("a@example.com")
                        .user(u -> u.userId("u1").attribute("note", "x, \"y\"", "z"))
                        .build(),
                EndpointDefinition.builder()
                        .channelType(ChannelType.SMS)
                        .address("+12065550100")
                        .user(u -> u.userId("u1"))
                        .location(l -> l.city(" Paris"))
                        .build());
        String csv = null;
        for (ImportFormat format : ImportFormat.values()) {
            ProfileFile f = ProfileFile.write(shardOf(format, records), format, ProfileMapping.ofDefaults(), tmp);
            String text = Files.readString(f.file(), StandardCharsets.UTF_8);
            assertThat(f.rows()).isEqualTo(2);
            assertThat(f.bytes()).isEqualTo(text.getBytes(StandardCharsets.UTF_8).length);
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(f.file())))
                    .isEqualTo("rw-------");
            if (csv != null) {
                assertThat(text).isEqualTo(csv);
            }
            csv = text;
            Files.delete(f.file());
        }
        assertThat(csv)
                .isEqualTo("ProfileKey,Address_City,Attributes_User_note,EmailAddress,PhoneNumber\n"
                        + "u1,,\"[\"\"x, \\\"\"y\\\"\"\"\",\"\"z\"\"]\",a@example.com,\n"
                        + "u1,\" Paris\",,,+12065550100\n");
    }

    @Test
    void columnNamesArePlainShortAndDistinct() {
        String longName = "Attributes.User_" + "n".repeat(50);
        Map<String, String> columns = ProfileFile.columnNames(
                new TreeSet<>(List.of("Attributes.x_y", "Attributes_x.y", longName, longName + "x")));
        assertThat(columns)
                .containsEntry("Attributes_x_y", "Attributes.x_y")
                .containsEntry("Attributes_x_y_2", "Attributes_x.y");
        assertThat(columns.keySet())
                .allSatisfy(c -> assertThat(c).matches("[A-Za-z0-9_]{1,64}"))
                .doesNotHaveDuplicates()
                .doesNotContain(ProfileFile.KEY_COLUMN);
        assertThat(columns.values()).contains(longName, longName + "x");
    }

    @Test
    void theSseCKeyDigestFollowsS3sRule() {
        // base64 of 32 bytes: the MD5 is of the decoded key (S3's rule); anything else: of the token's own bytes
        String key = Base64.getEncoder().encodeToString(new byte[32]);
        assertThat(Sse.keyMd5(key)).isEqualTo("cLyPS3KoaSFGi/joRB3OUQ==");
        assertThat(Sse.headers(key))
                .containsExactly(
                        Map.entry(Sse.ALGORITHM, "AES256"),
                        Map.entry(Sse.KEY, key),
                        Map.entry(Sse.KEY_MD5, "cLyPS3KoaSFGi/joRB3OUQ=="));
        assertThat(Sse.keyMd5("opaque token")).isNotEqualTo(Sse.keyMd5(key)).hasSize(24);
    }
}
