package io.pinpointimport.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import io.pinpointimport.format.ImportFormat;
import io.pinpointimport.model.EndpointDefinition;
import io.pinpointimport.shard.Shard;
import io.pinpointimport.shard.ShardWriter;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;

/** Input files of fixture endpoints, written by the library's own writer as one shard without limits. */
public final class FixtureFiles {
    private FixtureFiles() {}

    /**
     * @param format the file's format
     * @param definitions the endpoints, every one valid
     * @param dir where the file (and the writer's work directory) goes
     * @param name the file's name
     * @return the file
     * @throws IOException when it cannot be written
     */
    public static Path write(ImportFormat format, List<EndpointDefinition> definitions, Path dir, String name)
            throws IOException {
        Path target = dir.resolve(name);
        try (ShardWriter writer = ShardWriter.builder()
                .format(format)
                .directory(Files.createDirectories(dir.resolve("writer")))
                .build()) {
            long index = 0;
            for (EndpointDefinition d : definitions) {
                assertThat(writer.write(index++, d)).as("fixture %s", d.id()).isEmpty();
            }
            Shard shard = writer.finish().orElseThrow();
            assertThat(writer.shards()).as("one file").hasSize(1);
            Files.copy(shard.file(), target, StandardCopyOption.REPLACE_EXISTING);
        }
        return target;
    }
}
