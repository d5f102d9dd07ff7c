package io.pinpointimport.shard;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.pinpointimport.format.ImportFormat;
import io.pinpointimport.format.RandomDefinitions;
import io.pinpointimport.model.EndpointDefinition;
import io.pinpointimport.validation.Rejection;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** A resumed run relies on it: the same input and settings give the same shards, also when it starts midway. */
class ShardWriterDeterminismTest {
    @TempDir
    Path temp;

    /** What identifies a shard's content and boundaries (its file name lives in a fresh directory). */
    record Key(int number, long records, long bytes, String sha256, long first, long last) {
        static Key of(Shard s) {
            return new Key(
                    s.number(),
                    s.recordCount(),
                    s.byteCount(),
                    s.sha256Hex(),
                    s.firstRecordIndex(),
                    s.lastRecordIndex());
        }
    }

    private static List<EndpointDefinition> input(int n) {
        RandomDefinitions r = new RandomDefinitions(8);
        List<EndpointDefinition> list = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            list.add(r.next());
        }
        return list;
    }

    private ShardWriter.Builder writer(ImportFormat format, String dir) {
        return ShardWriter.builder()
                .format(format)
                .maxShardBytes(6_000)
                .maxRecordsPerShard(40)
                .directory(temp.resolve(dir));
    }

    private List<Key> writeAll(
            ImportFormat format, List<EndpointDefinition> input, String dir, List<Rejection> rejections) {
        try (ShardWriter w = writer(format, dir).build()) {
            for (int i = 0; i < input.size(); i++) {
                w.write(i, input.get(i)).ifPresent(rejections::add);
            }
            w.finish();
            return w.shards().stream().map(Key::of).toList();
        }
    }

    @ParameterizedTest
    @EnumSource(ImportFormat.class)
    void sameInputAndSettingsGiveTheSameShards(ImportFormat format) {
        List<EndpointDefinition> input = input(600);
        List<Rejection> r1 = new ArrayList<>();
        List<Rejection> r2 = new ArrayList<>();

        List<Key> first = writeAll(format, input, "a", r1);
        List<Key> second = writeAll(format, input, "b", r2);

        assertThat(first).hasSizeGreaterThan(5);
        assertThat(second).isEqualTo(first);
        assertThat(r2).isEqualTo(r1);
    }

    @ParameterizedTest
    @EnumSource(ImportFormat.class)
    void skippingTheRecordsOfStoredShardsWritesTheSameRemainingShards(ImportFormat format) {
        List<EndpointDefinition> input = input(600);
        List<Rejection> all = new ArrayList<>();
        List<Key> full = writeAll(format, input, "full", all);
        int stored = full.size() / 2;
        long skipThrough = full.get(stored - 1).last();

        List<Rejection> rejections = new ArrayList<>();
        long skippedWritable = 0;
        List<Key> rest;
        try (ShardWriter w = writer(format, "resumed").firstShardNumber(stored).build()) {
            for (int i = 0; i < input.size(); i++) {
                Optional<Rejection> r = i <= skipThrough ? w.skip(i, input.get(i)) : w.write(i, input.get(i));
                r.ifPresent(rejections::add);
                if (i <= skipThrough && r.isEmpty()) {
                    skippedWritable++;
                }
            }
            w.finish();
            rest = w.shards().stream().map(Key::of).toList();
        }

        assertThat(rest).isEqualTo(full.subList(stored, full.size()));
        assertThat(rejections).isEqualTo(all);
        assertThat(skippedWritable)
                .isEqualTo(
                        full.subList(0, stored).stream().mapToLong(Key::records).sum());
    }

    @ParameterizedTest
    @EnumSource(ImportFormat.class)
    void skippingAfterWritingIsRefused(ImportFormat format) {
        List<EndpointDefinition> input = input(3);
        try (ShardWriter w = writer(format, "x").build()) {
            w.write(0, input.get(0));
            assertThatThrownBy(() -> w.skip(1, input.get(1))).isInstanceOf(IllegalStateException.class);
        }
    }
}
