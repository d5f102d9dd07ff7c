package io.pinpointimport.shard.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.pinpointimport.format.RandomDefinitions;
import io.pinpointimport.model.ChannelType;
import io.pinpointimport.model.EndpointDefinition;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import java.util.function.IntFunction;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The CSV body writes rows in final form while the column layout is stable and re-places the others; its shards must
 * be byte for byte those of the earlier body ({@link LegacyCsvShardBody}), which placed every row when the shard
 * closed, whatever the commit policy and wherever the layout changes.
 */
class CsvShardBodyDifferentialTest {
    @TempDir
    Path temp;

    /** A finished shard: its bytes and what the output reported. */
    record Out(String text, long count, String sha256, String crc32c) {}

    /** The commit policies under test: the default, eager ones that commit and set aside often, and never. */
    static Stream<Arguments> policies() {
        return Stream.of(
                Arguments.of("default", (Supplier<ShardBody>) CsvShardBody::new),
                Arguments.of("every row", (Supplier<ShardBody>) () -> new CsvShardBody(1, false)),
                Arguments.of("every 3 rows", (Supplier<ShardBody>) () -> new CsvShardBody(3, false)),
                Arguments.of("1 row, backing off", (Supplier<ShardBody>) () -> new CsvShardBody(1, true)),
                Arguments.of("at finish only", (Supplier<ShardBody>) () -> new CsvShardBody(Integer.MAX_VALUE, true)));
    }

    private List<Out> write(ShardBody body, List<EndpointDefinition> input, int rowsPerShard, String dirName)
            throws IOException {
        Path dir = Files.createDirectories(temp.resolve(dirName));
        List<Out> shards = new ArrayList<>();
        int rows = 0;
        Path file = null;
        for (int i = 0; i < input.size(); i++) {
            if (body.encode(i, input.get(i)) != null) {
                continue;
            }
            assertFitsAsItsSizes(body, rows > 0, i);
            if (rows == 0) {
                file = dir.resolve("shard-" + shards.size() + ".csv");
                body.open(file);
            }
            body.add();
            if (++rows == rowsPerShard) {
                shards.add(finish(body, file, dir));
                rows = 0;
            }
        }
        if (rows > 0) {
            shards.add(finish(body, file, dir));
        }
        return shards;
    }

    /**
     * The writer asks {@code fitsAlone} and {@code fitsWithRecord}, which may answer from a cheaper bound: they must
     * answer as the exact sizes do, at the exact size, just under it and at limits around it.
     */
    private static void assertFitsAsItsSizes(ShardBody body, boolean open, long seed) {
        long alone = body.sizeAlone();
        assertThat(body.fitsAlone(alone)).isTrue();
        assertThat(body.fitsAlone(alone - 1)).isFalse();
        assertThat(body.fitsAlone(Long.MAX_VALUE / 4)).isTrue();
        if (open) {
            long with = body.sizeWithRecord();
            assertThat(body.fitsWithRecord(with)).isTrue();
            assertThat(body.fitsWithRecord(with - 1)).isFalse();
            assertThat(body.fitsWithRecord(Long.MAX_VALUE / 4)).isTrue();
            SplittableRandom random = new SplittableRandom(seed);
            for (int k = 0; k < 4; k++) {
                long limit = with - 20 + random.nextLong(4_000);
                assertThat(body.fitsWithRecord(limit)).isEqualTo(with <= limit);
                long aloneLimit = alone - 20 + random.nextLong(4_000);
                assertThat(body.fitsAlone(aloneLimit)).isEqualTo(alone <= aloneLimit);
            }
        }
    }

    private static Out finish(ShardBody body, Path file, Path dir) throws IOException {
        ShardFileOutput out = body.finish();
        try (Stream<Path> files = Files.list(dir)) {
            assertThat(files).as("only the shard file is left").containsExactly(file);
        }
        Out o = new Out(
                Files.readString(file, StandardCharsets.UTF_8), out.count(), out.sha256Hex(), out.crc32cBase64());
        assertThat(Files.size(file)).isEqualTo(o.count());
        Files.delete(file);
        return o;
    }

    private void assertSameAsLegacy(Supplier<ShardBody> body, List<EndpointDefinition> input, int... rowsPerShard)
            throws IOException {
        for (int n : rowsPerShard) {
            List<Out> expected = write(new LegacyCsvShardBody(), input, n, "legacy-" + n);
            List<Out> actual = write(body.get(), input, n, "new-" + n);
            assertThat(actual).as("%d rows per shard", n).hasSameSizeAs(expected);
            for (int s = 0; s < expected.size(); s++) {
                assertThat(actual.get(s)).as("shard %d of %d rows each", s, n).isEqualTo(expected.get(s));
            }
        }
    }

    private static List<EndpointDefinition> random(long seed, int n) {
        RandomDefinitions r = new RandomDefinitions(seed);
        List<EndpointDefinition> list = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            list.add(r.next());
        }
        return list;
    }

    private static List<EndpointDefinition> generate(int n, IntFunction<EndpointDefinition> f) {
        List<EndpointDefinition> list = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            list.add(f.apply(i));
        }
        return list;
    }

    private static EndpointDefinition.Builder plain(int i) {
        return EndpointDefinition.builder()
                .id("id-" + i)
                .channelType(ChannelType.EMAIL)
                .address("user" + i + "@example.com")
                .attribute("Tier", i % 2 == 0 ? "gold" : "silver")
                .metric("score", i * 0.5);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("policies")
    void randomUnicodeQuotesAndLayoutsMatch(String name, Supplier<ShardBody> body) throws IOException {
        assertSameAsLegacy(body, random(11, 1000), 1, 7, 100, 1000);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("policies")
    void layoutChangingLateMatches(String name, Supplier<ShardBody> body) throws IOException {
        List<EndpointDefinition> input = generate(1200, i -> {
            EndpointDefinition.Builder b = plain(i);
            if (i == 700) {
                b.attribute("Late", "x");
            }
            if (i == 1000) {
                // A fixed member never seen before lands between existing columns.
                b.requestId("req-1000");
                b.location(l -> l.latitude(47.5));
            }
            if (i == 1199) {
                b.user(u -> u.attribute("Last", "only in the last row"));
            }
            return b.build();
        });
        assertSameAsLegacy(body, input, 1200, 650, 1000);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("policies")
    void layoutChangingEarlyAndOftenMatches(String name, Supplier<ShardBody> body) throws IOException {
        // A new attribute every few rows, first often, then ever more rarely.
        List<EndpointDefinition> input = generate(2000, i -> {
            EndpointDefinition.Builder b = plain(i);
            if (i < 40 || i % 97 == 0 || Integer.bitCount(i) == 1) {
                b.attribute("A" + i, "v" + i);
            }
            if (i % 5 == 0) {
                b.metric("m" + (i % 35), i);
            }
            return b.build();
        });
        assertSameAsLegacy(body, input, 2000, 333);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("policies")
    void multiValuedAttributeGrowingLateMatches(String name, Supplier<ShardBody> body) throws IOException {
        List<EndpointDefinition> input = generate(1500, i -> {
            EndpointDefinition.Builder b = plain(i);
            int values = i < 600 ? 1 : i < 1400 ? 2 : i == 1450 ? 7 : 3;
            String[] tags = new String[values];
            for (int k = 0; k < values; k++) {
                tags[k] = "t" + k;
            }
            b.attribute("Tags", tags);
            if (i == 1300) {
                b.user(u -> u.attribute("Colours", "red", "green", "blue", "a, \"quoted\" one"));
            } else if (i > 1300 && i % 10 == 0) {
                b.user(u -> u.attribute("Colours", "red"));
            }
            return b.build();
        });
        assertSameAsLegacy(body, input, 1500, 1449, 1451);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("policies")
    void emptyCellsQuotingAndHugeRowsMatch(String name, Supplier<ShardBody> body) throws IOException {
        char[] big = new char[200_000];
        Arrays.fill(big, 'é');
        String huge = new String(big);
        List<EndpointDefinition> input = generate(900, i -> {
            EndpointDefinition.Builder b = EndpointDefinition.builder();
            switch (i % 6) {
                case 0 -> b.id("").address("");
                case 1 -> b.id(" leading").address("trailing ").attribute("Q", "", "\"", "a,b", "\"\"", ",");
                case 2 -> b.address("東京 😀").attribute("Q", "x");
                case 3 -> b.metric("score", -0.0).attribute("Empty", "");
                case 4 -> b.location(l -> l.city("\"Quoted, city\"").longitude(1e-7));
                default -> b.user(u -> u.userId("u\"" + i));
            }
            if (i == 500 || i == 800) {
                // Larger than the output buffer, in direct mode and (with eager policies) re-placed later.
                b.attribute("Huge", huge, "short");
            }
            return b.build();
        });
        assertSameAsLegacy(body, input, 900, 501, 6, 1);
    }

    @Test
    void theEagerPolicyReallyCommitsAndSetsAside() throws IOException {
        CsvShardBody body = new CsvShardBody(1, false);
        List<EndpointDefinition> input = generate(10, i -> {
            EndpointDefinition.Builder b = EndpointDefinition.builder().id("i" + i);
            if (i >= 3) {
                b.attribute("A", i >= 6 ? new String[] {"x", "y"} : new String[] {"x"});
            }
            return b.build();
        });

        List<Out> shards = write(body, input, 10, "eager");

        // Rows 0-2: Id only; 3: adds A (set aside); 6: A repeats twice (set aside again).
        assertThat(body.setAsides()).isEqualTo(2);
        assertThat(body.commits()).isGreaterThanOrEqualTo(3);
        assertThat(shards).singleElement().extracting(Out::text).isEqualTo("""
                Id,Attributes.A,Attributes.A
                i0,,
                i1,,
                i2,,
                i3,x,
                i4,x,
                i5,x,
                i6,x,y
                i7,x,y
                i8,x,y
                i9,x,y
                """);
        assertThat(write(new LegacyCsvShardBody(), input, 10, "eager-legacy")).isEqualTo(shards);
    }

    @Test
    void theDefaultPolicyWritesAStableShardDirectly() throws IOException {
        CsvShardBody body = new CsvShardBody();
        List<EndpointDefinition> input = generate(5000, i -> plain(i).build());

        assertThat(write(body, input, 5000, "stable"))
                .isEqualTo(write(new LegacyCsvShardBody(), input, 5000, "stable-legacy"));
        // One commit after the first rows, none needed at finish.
        assertThat(body.commits()).isEqualTo(1);
        assertThat(body.setAsides()).isZero();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("policies")
    void discardingInAnyModeLeavesNothing(String name, Supplier<ShardBody> supplier) throws IOException {
        List<EndpointDefinition> input = random(5, 1000);
        for (int stop : new int[] {1, 3, 10, 300, 999}) {
            Path dir = Files.createDirectories(temp.resolve(name.replace(' ', '_') + "-" + stop));
            ShardBody body = supplier.get();
            body.open(dir.resolve("shard.csv"));
            for (int i = 0; i < stop; i++) {
                if (body.encode(i, input.get(i)) == null) {
                    body.add();
                }
            }
            body.discard();
            body.discard();
            try (Stream<Path> files = Files.list(dir)) {
                assertThat(files).as("after %d records", stop).isEmpty();
            }
        }
    }
}
