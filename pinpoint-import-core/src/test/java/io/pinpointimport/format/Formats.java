package io.pinpointimport.format;

import static org.assertj.core.api.Assertions.assertThat;

import io.pinpointimport.model.EndpointDefinition;
import io.pinpointimport.shard.Shard;
import io.pinpointimport.shard.ShardWriter;
import io.pinpointimport.validation.Rejection;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Test helpers: write definitions to one shard and read text back. */
public final class Formats {
    private Formats() {}

    /** Writes all definitions into one shard (no limit) and returns the file's text; fails on any rejection. */
    public static String write(ImportFormat format, List<EndpointDefinition> definitions, Path dir) {
        try (ShardWriter writer =
                ShardWriter.builder().format(format).directory(dir).build()) {
            long i = 0;
            for (EndpointDefinition d : definitions) {
                Optional<Rejection> r = writer.write(i++, d);
                assertThat(r).as("record %d", i - 1).isEmpty();
            }
            Shard shard = writer.finish().orElseThrow();
            assertThat(writer.shards()).hasSize(1);
            return Files.readString(shard.file(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Writes one definition and returns the rejection the writer gave. */
    public static Optional<Rejection> writeOne(ImportFormat format, EndpointDefinition d, Path dir) {
        try (ShardWriter writer =
                ShardWriter.builder().format(format).directory(dir).build()) {
            return writer.write(0, d);
        }
    }

    /** Reads text in a format. */
    public static List<ReadResult> read(ImportFormat format, String text) {
        try (EndpointReader reader = EndpointReader.open(
                new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)),
                format,
                "test." + format.extension())) {
            List<ReadResult> out = new ArrayList<>();
            for (ReadResult r = reader.next(); r != null; r = reader.next()) {
                out.add(r);
            }
            return out;
        }
    }

    /** Reads text and returns the definitions, failing on any rejection. */
    public static List<EndpointDefinition> readAll(ImportFormat format, String text) {
        List<EndpointDefinition> out = new ArrayList<>();
        for (ReadResult r : read(format, text)) {
            assertThat(r.isRejected()).as("line %d: %s", r.line(), r).isFalse();
            out.add(r.definition());
        }
        return out;
    }
}
