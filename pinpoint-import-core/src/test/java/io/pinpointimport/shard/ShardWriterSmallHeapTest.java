package io.pinpointimport.shard;

import static org.assertj.core.api.Assertions.assertThat;

import io.pinpointimport.format.ImportFormat;
import io.pinpointimport.model.ChannelType;
import io.pinpointimport.model.EndpointDefinition;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Hundreds of megabytes through a 64 MB heap: proves that shards stream to disk and nothing holds records. Runs in
 * its own surefire execution ({@code small-heap}, {@code -Xmx64m}); the default execution skips it.
 */
@Tag("small-heap")
class ShardWriterSmallHeapTest {
    private static final long TOTAL = 200L * 1000 * 1000;
    private static final long SHARD_LIMIT = 48L * 1000 * 1000;

    /** Makes rows long enough that the CSV case needs fewer records, keeping the run time modest. */
    private static final String NOTE =
            "Lorem ipsum dolor sit amet, consectetur adipiscing elit, sed do eiusmod tempor #";

    @TempDir
    Path dir;

    private static EndpointDefinition record(long i) {
        EndpointDefinition.Builder b = EndpointDefinition.builder()
                .id("endpoint-" + i)
                .channelType(i % 3 == 0 ? ChannelType.EMAIL : ChannelType.SMS)
                .address(i % 3 == 0 ? "user" + i + "@example.com" : "+1206" + (5_550_000 + i % 1_000_000))
                .location(l -> l.country("US")
                        .city(i % 7 == 0 ? "Seattle, WA" : "Köln")
                        .postalCode("98" + i % 1000))
                .demographic(d -> d.platform("android").make("samsung").locale("en_US"))
                .user(u -> u.userId("user-" + i / 2).attribute("tier", i % 2 == 0 ? "gold" : "silver"))
                .attribute("Interests", "music", "travel \"abroad\"", "🎉")
                .attribute("Notes", NOTE + i, NOTE.substring((int) (i % 40)))
                .metric("purchases", i % 100);
        if (i % 1000 == 0) {
            b.attribute("Rare" + (i / 1000) % 5, "new column");
        }
        return b.build();
    }

    @ParameterizedTest
    @EnumSource(ImportFormat.class)
    void writesTwoHundredMegabytesOfShardsInASmallHeap(ImportFormat format) throws IOException {
        assertThat(Runtime.getRuntime().maxMemory())
                .as("this test must run with -Xmx64m (mvn verify does, in the small-heap execution)")
                .isLessThanOrEqualTo(80L * 1024 * 1024);
        List<Shard> seen = new ArrayList<>();
        long[] bytes = {0};
        ShardWriter[] self = new ShardWriter[1];
        try (ShardWriter writer = ShardWriter.builder()
                .format(format)
                .directory(dir)
                .maxShardBytes(SHARD_LIMIT)
                .onShard(shard -> {
                    try {
                        assertThat(Files.size(shard.file())).isEqualTo(shard.byteCount());
                    } catch (IOException e) {
                        throw new UncheckedIOException(e);
                    }
                    seen.add(shard);
                    bytes[0] += shard.byteCount();
                    self[0].release(shard);
                })
                .build()) {
            self[0] = writer;
            long i = 0;
            while (bytes[0] < TOTAL) {
                assertThat(writer.write(i, record(i))).isEmpty();
                i++;
            }
            writer.finish();
            long records = i;
            assertThat(seen).hasSizeGreaterThanOrEqualTo(5);
            assertThat(seen).allSatisfy(s -> assertThat(s.byteCount()).isLessThanOrEqualTo(SHARD_LIMIT));
            assertThat(seen.stream().mapToLong(Shard::recordCount).sum()).isEqualTo(records);
            assertThat(seen.get(seen.size() - 1).lastRecordIndex()).isEqualTo(records - 1);
        }
        assertThat(bytes[0]).isGreaterThanOrEqualTo(TOTAL);
        try (Stream<Path> left = Files.list(dir)) {
            assertThat(left).isEmpty();
        }
    }
}
