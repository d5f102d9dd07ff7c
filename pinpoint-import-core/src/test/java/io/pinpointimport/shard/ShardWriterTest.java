package io.pinpointimport.shard;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.pinpointimport.ImportException;
import io.pinpointimport.format.EndpointReader;
import io.pinpointimport.format.ImportFormat;
import io.pinpointimport.format.RandomDefinitions;
import io.pinpointimport.model.ChannelType;
import io.pinpointimport.model.EndpointDefinition;
import io.pinpointimport.testkit.fixtures.SeedExamples;
import io.pinpointimport.validation.Rejection;
import io.pinpointimport.validation.Rule;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import java.util.zip.CRC32C;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class ShardWriterTest {
    @TempDir
    Path dir;

    private static EndpointDefinition sms(int i) {
        return EndpointDefinition.builder()
                .channelType(ChannelType.SMS)
                .address("+1206555" + (1000 + i))
                .build();
    }

    private ShardWriter.Builder writer(ImportFormat format) {
        return ShardWriter.builder().format(format).directory(dir);
    }

    /** Bytes of a shard holding exactly these records, with no limit. */
    private long sizeOf(ImportFormat format, EndpointDefinition... records) {
        try (ShardWriter w = ShardWriter.builder().format(format).directory(dir).build()) {
            for (int i = 0; i < records.length; i++) {
                assertThat(w.write(i, records[i])).isEmpty();
            }
            return w.finish().orElseThrow().byteCount();
        }
    }

    private List<Path> leftovers() throws IOException {
        try (Stream<Path> s = Files.walk(dir)) {
            return s.filter(p -> !p.equals(dir)).toList();
        }
    }

    @ParameterizedTest
    @EnumSource(ImportFormat.class)
    void recordThatFitsExactlyStaysInTheShard(ImportFormat format) {
        long two = sizeOf(format, sms(1), sms(2));
        try (ShardWriter w = writer(format).maxShardBytes(two).build()) {
            w.write(1, sms(1));
            w.write(2, sms(2));
            Shard shard = w.finish().orElseThrow();
            assertThat(w.shards()).containsExactly(shard);
            assertThat(shard.byteCount()).isEqualTo(two);
            assertThat(shard.recordCount()).isEqualTo(2);
        }
    }

    @ParameterizedTest
    @EnumSource(ImportFormat.class)
    void recordOneByteOverStartsTheNextShard(ImportFormat format) {
        long two = sizeOf(format, sms(1), sms(2));
        try (ShardWriter w = writer(format).maxShardBytes(two - 1).build()) {
            w.write(1, sms(1));
            w.write(2, sms(2));
            w.finish();
            assertThat(w.shards()).extracting(Shard::recordCount).containsExactly(1L, 1L);
            assertThat(w.shards()).extracting(Shard::firstRecordIndex).containsExactly(1L, 2L);
            assertThat(w.shards()).allSatisfy(s -> assertThat(s.byteCount()).isLessThanOrEqualTo(two - 1));
        }
    }

    @ParameterizedTest
    @EnumSource(ImportFormat.class)
    void recordLargerThanTheLimitIsRejectedAndTheShardGoesOn(ImportFormat format) {
        EndpointDefinition big =
                sms(0).toBuilder().attribute("note", "x".repeat(100)).build();
        long small = sizeOf(format, sms(1));
        long bigAlone = sizeOf(format, big);
        try (ShardWriter w = writer(format).maxShardBytes(bigAlone - 1).build()) {
            assertThat(w.write(0, sms(1))).isEmpty();
            Optional<Rejection> r = w.write(1, big);
            assertThat(w.write(2, sms(2))).isEmpty();
            Shard shard = w.finish().orElseThrow();

            assertThat(r).get().satisfies(rej -> {
                assertThat(rej.rule()).isEqualTo(Rule.RECORD_LARGER_THAN_SHARD);
                assertThat(rej.recordIndex()).isEqualTo(1);
                assertThat(rej.message()).contains(String.valueOf(bigAlone), String.valueOf(bigAlone - 1));
            });
            assertThat(w.shards()).hasSize(1);
            assertThat(shard.recordCount()).isEqualTo(2);
            assertThat(shard.firstRecordIndex()).isZero();
            assertThat(shard.lastRecordIndex()).isEqualTo(2);
            assertThat(shard.byteCount()).isGreaterThan(small);
        }
        try (ShardWriter w = writer(format).maxShardBytes(bigAlone).build()) {
            assertThat(w.write(0, big)).as("alone it fits exactly").isEmpty();
        }
    }

    @Test
    void csvLimitCountsTheHeaderGrowthWhenANewColumnAppears() {
        EndpointDefinition plain = sms(1);
        EndpointDefinition wider =
                sms(2).toBuilder().attribute("Interests", "a", "b").build();
        long both = sizeOf(ImportFormat.CSV, plain, wider);
        long plainAlone = sizeOf(ImportFormat.CSV, plain);
        // A row alone would add fewer bytes than the header and every existing row grow by.
        assertThat(both - plainAlone).isGreaterThan(sizeOf(ImportFormat.CSV, wider) / 2);

        try (ShardWriter w = writer(ImportFormat.CSV).maxShardBytes(both).build()) {
            w.write(0, plain);
            w.write(1, wider);
            assertThat(w.finish().orElseThrow().byteCount()).isEqualTo(both);
        }
        try (ShardWriter w = writer(ImportFormat.CSV).maxShardBytes(both - 1).build()) {
            w.write(0, plain);
            w.write(1, wider);
            w.finish();
            assertThat(w.shards()).extracting(Shard::recordCount).containsExactly(1L, 1L);
        }
    }

    @Test
    void everyShardHasItsOwnHeaderAndStaysUnderTheLimit() throws IOException {
        RandomDefinitions random = new RandomDefinitions(7);
        try (ShardWriter w = writer(ImportFormat.CSV).maxShardBytes(20_000).build()) {
            for (int i = 0; i < 500; i++) {
                w.write(i, random.next());
            }
            w.finish();
            assertThat(w.shards()).hasSizeGreaterThan(3);
            long expectedNext = 0;
            for (Shard s : w.shards()) {
                assertThat(s.byteCount()).isLessThanOrEqualTo(20_000).isEqualTo(Files.size(s.file()));
                try (EndpointReader r = EndpointReader.open(s.file(), ImportFormat.CSV)) {
                    assertThat(r.stream().filter(x -> !x.isRejected()).count()).isEqualTo(s.recordCount());
                }
                assertThat(s.firstRecordIndex()).isEqualTo(expectedNext);
                expectedNext = s.lastRecordIndex() + 1;
            }
            assertThat(expectedNext).isEqualTo(500);
        }
    }

    @Test
    void maxRecordsPerShardSplitsByCount() {
        try (ShardWriter w = writer(ImportFormat.JSON).maxRecordsPerShard(3).build()) {
            for (int i = 0; i < 10; i++) {
                w.write(100 + i, sms(i));
            }
            w.finish();
            assertThat(w.shards()).extracting(Shard::recordCount).containsExactly(3L, 3L, 3L, 1L);
            assertThat(w.shards()).extracting(Shard::firstRecordIndex).containsExactly(100L, 103L, 106L, 109L);
            assertThat(w.shards()).extracting(Shard::lastRecordIndex).containsExactly(102L, 105L, 108L, 109L);
            assertThat(w.shards()).extracting(Shard::number).containsExactly(0, 1, 2, 3);
        }
    }

    @ParameterizedTest
    @EnumSource(ImportFormat.class)
    void shardCarriesCountsAndChecksumsOfItsFile(ImportFormat format) throws Exception {
        try (ShardWriter w = writer(format).build()) {
            long i = 0;
            for (EndpointDefinition d : SeedExamples.endpoints()) {
                w.write(i++, d);
            }
            Shard s = w.finish().orElseThrow();
            byte[] bytes = Files.readAllBytes(s.file());
            CRC32C crc = new CRC32C();
            crc.update(bytes);

            assertThat(s.format()).isEqualTo(format);
            assertThat(s.number()).isZero();
            assertThat(s.file().getFileName().toString()).isEqualTo("shard-00000." + format.extension());
            assertThat(s.recordCount()).isEqualTo(3);
            assertThat(s.byteCount()).isEqualTo(bytes.length);
            assertThat(s.sha256Hex())
                    .isEqualTo(HexFormat.of()
                            .formatHex(MessageDigest.getInstance("SHA-256").digest(bytes)));
            assertThat(s.crc32cBase64())
                    .isEqualTo(Base64.getEncoder()
                            .encodeToString(ByteBuffer.allocate(4)
                                    .putInt((int) crc.getValue())
                                    .array()));
            assertThat(s.firstRecordIndex()).isZero();
            assertThat(s.lastRecordIndex()).isEqualTo(2);
        }
    }

    @Test
    void knownChecksumsOfTheSeedNdjson() throws Exception {
        try (ShardWriter w = writer(ImportFormat.JSON).build()) {
            long i = 0;
            for (EndpointDefinition d : SeedExamples.endpoints()) {
                w.write(i++, d);
            }
            Shard s = w.finish().orElseThrow();
            byte[] seed = SeedExamples.NDJSON.getBytes(StandardCharsets.UTF_8);
            assertThat(s.sha256Hex())
                    .isEqualTo(HexFormat.of()
                            .formatHex(MessageDigest.getInstance("SHA-256").digest(seed)));
        }
    }

    @ParameterizedTest
    @EnumSource(ImportFormat.class)
    void sameInputAndSettingsGiveTheSameShardsByteForByte(ImportFormat format) throws IOException {
        List<List<byte[]>> contents = new ArrayList<>();
        List<List<Shard>> runs = new ArrayList<>();
        for (int run = 0; run < 2; run++) {
            RandomDefinitions random = new RandomDefinitions(99);
            try (ShardWriter w =
                    writer(format).maxShardBytes(60_000).maxRecordsPerShard(150).build()) {
                for (int i = 0; i < 2_000; i++) {
                    w.write(i, random.next());
                }
                w.finish();
                List<byte[]> files = new ArrayList<>();
                for (Shard s : w.shards()) {
                    files.add(Files.readAllBytes(s.file()));
                }
                contents.add(files);
                runs.add(w.shards());
            }
        }
        assertThat(runs.get(0)).hasSizeGreaterThan(5);
        assertThat(runs.get(1)).hasSameSizeAs(runs.get(0));
        for (int i = 0; i < runs.get(0).size(); i++) {
            Shard a = runs.get(0).get(i);
            Shard b = runs.get(1).get(i);
            assertThat(b.sha256Hex()).isEqualTo(a.sha256Hex());
            assertThat(b.crc32cBase64()).isEqualTo(a.crc32cBase64());
            assertThat(b.byteCount()).isEqualTo(a.byteCount());
            assertThat(b.file().getFileName()).isEqualTo(a.file().getFileName());
            assertThat(b.firstRecordIndex()).isEqualTo(a.firstRecordIndex());
            assertThat(contents.get(1).get(i)).isEqualTo(contents.get(0).get(i));
        }
    }

    @ParameterizedTest
    @EnumSource(ImportFormat.class)
    void listenerGetsEachShardAtOnceAndFilesStayUntilReleased(ImportFormat format) throws IOException {
        List<Shard> received = new ArrayList<>();
        try (ShardWriter w =
                writer(format).maxRecordsPerShard(2).onShard(received::add).build()) {
            w.write(0, sms(0));
            w.write(1, sms(1));
            assertThat(received).isEmpty();
            w.write(2, sms(2));
            assertThat(received).hasSize(1);
            Shard first = received.get(0);
            assertThat(first.file()).exists();
            assertThat(first.recordCount()).isEqualTo(2);

            w.release(first);
            assertThat(first.file()).doesNotExist();
            w.release(first);

            Shard last = w.finish().orElseThrow();
            assertThat(received).containsExactly(first, last);
            assertThat(last.file()).exists();
            assertThat(w.finish()).as("already finished").isEmpty();
        }
        assertThat(leftovers()).isEmpty();
    }

    @Test
    void writeAfterFinishIsRefused() {
        try (ShardWriter w = writer(ImportFormat.JSON).build()) {
            w.write(0, sms(0));
            w.finish();
            assertThatThrownBy(() -> w.write(1, sms(1))).isInstanceOf(IllegalStateException.class);
        }
    }

    @ParameterizedTest
    @EnumSource(ImportFormat.class)
    void closeDeletesEverythingReleasedOrNotFinishedOrNot(ImportFormat format) throws IOException {
        ShardWriter w = writer(format).maxRecordsPerShard(5).build();
        for (int i = 0; i < 23; i++) {
            w.write(i, sms(i));
        }
        assertThat(w.shards()).hasSize(4);
        w.release(w.shards().get(0));
        assertThat(leftovers()).isNotEmpty();

        w.close();
        w.close();

        assertThat(leftovers()).isEmpty();
        assertThatThrownBy(() -> w.write(99, sms(99))).isInstanceOf(IllegalStateException.class);
        w.release(w.shards().get(1));
    }

    @Test
    void nothingIsCreatedBeforeTheFirstRecordAndFinishWithoutRecordsGivesNoShard() throws IOException {
        try (ShardWriter w = writer(ImportFormat.CSV).build()) {
            assertThat(leftovers()).isEmpty();
            assertThat(w.write(0, EndpointDefinition.builder().build())).isPresent();
            assertThat(leftovers()).isEmpty();
            assertThat(w.finish()).isEmpty();
        }
    }

    @Test
    void failedWriteLeavesNothingAfterClose() throws IOException {
        ShardWriter w = writer(ImportFormat.JSON).maxRecordsPerShard(1).build();
        w.write(0, sms(0));
        w.write(1, sms(1));
        Shard first = w.shards().get(0);
        Path shardDir = first.file().getParent();
        // Take the directory away under the writer: the next shard cannot be created.
        w.release(first);
        try (Stream<Path> files = Files.list(shardDir)) {
            for (Path p : files.toList()) {
                Files.delete(p);
            }
        }
        Files.delete(shardDir);

        assertThatThrownBy(() -> w.write(2, sms(2)))
                .isInstanceOf(ImportException.class)
                .hasMessageContaining("shard 2");
        assertThatThrownBy(() -> w.write(3, sms(3))).isInstanceOf(IllegalStateException.class);
        w.close();
        assertThat(leftovers()).isEmpty();
    }

    @Test
    void listenerExceptionComesOutOfTheCallAndCloseStillCleansUp() throws IOException {
        ShardWriter w = writer(ImportFormat.JSON)
                .maxRecordsPerShard(1)
                .onShard(s -> {
                    throw new IllegalStateException("consumer broke");
                })
                .build();
        w.write(0, sms(0));
        assertThatThrownBy(() -> w.write(1, sms(1))).hasMessage("consumer broke");
        w.close();
        assertThat(leftovers()).isEmpty();
    }

    @Test
    void shardsReleasedFromOtherThreadsWhileWritingGoesOn() throws Exception {
        ExecutorService uploads = Executors.newFixedThreadPool(2);
        List<CompletableFuture<Void>> done = new ArrayList<>();
        try {
            ShardWriter[] holder = new ShardWriter[1];
            ShardWriter w = writer(ImportFormat.CSV)
                    .maxRecordsPerShard(10)
                    .onShard(s -> done.add(CompletableFuture.runAsync(
                            () -> {
                                assertThat(s.file()).exists();
                                holder[0].release(s);
                            },
                            uploads)))
                    .build();
            holder[0] = w;
            try (w) {
                for (int i = 0; i < 1_000; i++) {
                    w.write(i, sms(i));
                }
                w.finish();
                CompletableFuture.allOf(done.toArray(CompletableFuture[]::new)).get(30, TimeUnit.SECONDS);
                assertThat(done).hasSize(100);
                assertThat(w.shards()).allSatisfy(s -> assertThat(s.file()).doesNotExist());
            }
            assertThat(leftovers()).isEmpty();
        } finally {
            uploads.shutdownNow();
        }
    }

    @Test
    void builderRefusesNonsense() {
        assertThatThrownBy(() -> ShardWriter.builder().maxShardBytes(0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> ShardWriter.builder().maxRecordsPerShard(0))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> ShardWriter.builder().build())
                .isInstanceOf(NullPointerException.class)
                .hasMessageContaining("format");
        ShardWriter w = ShardWriter.builder().format(ImportFormat.CSV).build();
        assertThat(w.maxShardBytes())
                .isEqualTo(ShardWriter.DEFAULT_MAX_SHARD_BYTES)
                .isLessThan(1_000_000_000L);
        assertThat(w.maxRecordsPerShard()).isEqualTo(Long.MAX_VALUE);
        assertThat(w.format()).isEqualTo(ImportFormat.CSV);
        w.close();
    }
}
