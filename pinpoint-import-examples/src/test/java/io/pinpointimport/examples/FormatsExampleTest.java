package io.pinpointimport.examples;

import static org.assertj.core.api.Assertions.assertThat;

import io.pinpointimport.format.EndpointReader;
import io.pinpointimport.format.ImportFormat;
import io.pinpointimport.model.ChannelType;
import io.pinpointimport.model.EndpointDefinition;
import io.pinpointimport.s3.S3ShardStore;
import io.pinpointimport.shard.Shard;
import io.pinpointimport.shard.ShardWriter;
import io.pinpointimport.spi.ShardStore;
import io.pinpointimport.testkit.junit.Bucket;
import io.pinpointimport.testkit.junit.PinpointEmulatorTest;
import io.pinpointimport.validation.Rejection;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.s3.S3AsyncClient;

/** docs/formats-and-sharding.md: writing shards by hand, reading existing files. */
@PinpointEmulatorTest
class FormatsExampleTest {

    @Test
    void writesShardsAndStoresThem(S3AsyncClient s3, @Bucket String bucket) {
        ShardStore store = S3ShardStore.builder().s3(s3).bucket(bucket).build();
        String runId = "run-1";
        List<EndpointDefinition> definitions = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            definitions.add(EndpointDefinition.builder().channelType(ChannelType.EMAIL)
                    .address("user" + i + "@example.com").build());
        }
        definitions.add(EndpointDefinition.builder().channelType(ChannelType.EMAIL)
                .address("tab\tinside@example.com").build());
        List<Rejection> rejections = new ArrayList<>();

        // tag::shard-writer[]
        try (ShardWriter writer = ShardWriter.builder().format(ImportFormat.CSV).maxShardBytes(1_000).build()) {
            long index = 0;
            for (EndpointDefinition d : definitions) {
                writer.write(index++, d).ifPresent(rejections::add);  // a record CSV cannot carry is rejected
            }
            writer.finish();
            for (Shard shard : writer.shards()) {
                store.store(runId, shard).join();
                writer.release(shard);                                // deletes the shard's temporary file
            }
        }
        // end::shard-writer[]
        assertThat(rejections).singleElement().extracting(r -> r.rule().id()).isEqualTo("csv.unwritable-value");
        assertThat(s3.listObjectsV2(b -> b.bucket(bucket).prefix(runId + "/")).join().contents())
                .hasSizeGreaterThan(1);
    }

    @Test
    void readsAnExistingFile(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("users.csv"), "ChannelType,Address\nEMAIL,a@example.com\nEMAIL,\"broken\n");
        Path file = dir.resolve("users.csv");
        List<EndpointDefinition> definitions = new ArrayList<>();
        List<String> problems = new ArrayList<>();

        // tag::endpoint-reader[]
        try (EndpointReader reader = EndpointReader.open(file, ImportFormat.CSV)) {
            reader.stream().forEach(r -> {
                if (r.isRejected()) {
                    problems.add(r.rejection().describe());   // file, line, column, field, rule: never the value
                } else {
                    definitions.add(r.definition());
                }
            });
        }
        // end::endpoint-reader[]
        assertThat(definitions).hasSize(1);
        assertThat(problems).singleElement().asString().contains("input.malformed");
    }
}
