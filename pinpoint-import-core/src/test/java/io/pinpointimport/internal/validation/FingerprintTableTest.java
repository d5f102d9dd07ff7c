package io.pinpointimport.internal.validation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assumptions.assumeThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FingerprintTableTest {
    @TempDir
    Path dir;

    private static Fingerprint f(int i) {
        return Fingerprint.of("k" + i);
    }

    @Test
    void setGrowsInTheHeapAndKeepsEveryEntry() {
        try (FingerprintTable set = FingerprintTable.newSet(dir, 1L << 30)) {
            for (int i = 0; i < 100_000; i++) {
                assertThat(set.add(f(i))).isTrue();
            }
            for (int i = 0; i < 100_000; i++) {
                assertThat(set.add(f(i))).isFalse();
                assertThat(set.contains(f(i))).isTrue();
            }
            assertThat(set.contains(f(100_000))).isFalse();
            assertThat(set.size()).isEqualTo(100_000);
            // doubled from 1024 until at most 70 % full
            assertThat(set.capacity()).isEqualTo(1L << 18);
            assertThat(set.spilled()).isFalse();
        }
    }

    @Test
    void setSpillsPastTheHeapBudgetAndKeepsEveryEntry() throws IOException {
        try (FingerprintTable set = FingerprintTable.newSet(dir, 64 * 1024)) {
            for (int i = 0; i < 2_000; i++) {
                set.add(f(i));
            }
            assertThat(set.spilled()).isFalse(); // 4096 slots of 16 bytes: the budget exactly
            for (int i = 2_000; i < 50_000; i++) {
                set.add(f(i));
            }
            assertThat(set.spilled()).isTrue();
            for (int i = 0; i < 50_000; i++) {
                assertThat(set.contains(f(i))).as("entry %d", i).isTrue();
            }
            assertThat(set.contains(f(50_000))).isFalse();
            assertThat(set.size()).isEqualTo(50_000);
        }
        assertThat(filesIn(dir)).isEmpty();
    }

    @Test
    void heapAndFileGiveTheSameAnswersAsAJavaCollection() {
        Random random = new Random(42);
        Set<Integer> referenceSet = new HashSet<>();
        Map<Integer, Integer> referenceCounts = new HashMap<>();
        try (FingerprintTable heapSet = FingerprintTable.newSet(dir, Long.MAX_VALUE);
                FingerprintTable fileSet = FingerprintTable.newSet(dir, 0);
                FingerprintTable heapCounter = FingerprintTable.newCounter(dir, Long.MAX_VALUE);
                FingerprintTable fileCounter = FingerprintTable.newCounter(dir, 0)) {
            for (int op = 0; op < 300_000; op++) {
                int k = random.nextInt(120_000);
                boolean added = referenceSet.add(k);
                assertThat(heapSet.add(f(k))).isEqualTo(added);
                assertThat(fileSet.add(f(k))).isEqualTo(added);
                int c = random.nextInt(60_000);
                int expected = Math.min(FingerprintTable.MAX_COUNT, referenceCounts.merge(c, 1, Integer::sum));
                assertThat(heapCounter.increment(f(c))).isEqualTo(expected);
                assertThat(fileCounter.increment(f(c))).isEqualTo(expected);
                int q = random.nextInt(200_000);
                assertThat(fileSet.contains(f(q))).isEqualTo(referenceSet.contains(q));
                assertThat(fileCounter.count(f(q))).isEqualTo(referenceCounts.getOrDefault(q, 0));
            }
            assertThat(fileSet.spilled()).isTrue();
            assertThat(heapSet.spilled()).isFalse();
            assertThat(fileSet.size()).isEqualTo(heapSet.size()).isEqualTo(referenceSet.size());
            assertThat(fileCounter.size()).isEqualTo(heapCounter.size()).isEqualTo(referenceCounts.size());
        }
    }

    @Test
    void counterSaturatesAndKeepsKeysApart() {
        try (FingerprintTable counter = FingerprintTable.newCounter(dir, 0)) {
            for (int i = 0; i < 300; i++) {
                counter.increment(f(1));
            }
            counter.increment(f(2));
            assertThat(counter.count(f(1))).isEqualTo(FingerprintTable.MAX_COUNT);
            assertThat(counter.count(f(2))).isEqualTo(1);
            assertThat(counter.count(f(3))).isZero();
            assertThat(counter.size()).isEqualTo(2);
        }
    }

    @Test
    void theAllZeroFingerprintIsAnEntryLikeAnyOther() {
        try (FingerprintTable set = FingerprintTable.newSet(dir, 1 << 20);
                FingerprintTable counter = FingerprintTable.newCounter(dir, 1 << 20)) {
            Fingerprint zero = new Fingerprint(0, 0);
            assertThat(set.contains(zero)).isFalse();
            assertThat(set.add(zero)).isTrue();
            assertThat(set.add(zero)).isFalse();
            assertThat(counter.increment(zero)).isEqualTo(1);
            assertThat(counter.increment(new Fingerprint(0, 7))).isEqualTo(2); // same 120-bit key
            assertThat(counter.count(zero)).isEqualTo(2);
        }
    }

    @Test
    void closeUnmapsTheFile() throws IOException {
        Path maps = Path.of("/proc/self/maps");
        assumeThat(Files.isReadable(maps)).as("Linux /proc").isTrue();
        FingerprintTable set = FingerprintTable.newSet(dir, 0);
        for (int i = 0; i < 10_000; i++) {
            set.add(f(i));
        }
        assertThat(set.spilled()).isTrue();
        // named while mapped (as "(deleted)": it lost its directory entry when opened), gone once closed
        assertThat(Files.readString(maps)).contains(dir.toString());
        assertThat(filesIn(dir)).isEmpty();

        set.close();

        assertThat(Files.readString(maps)).doesNotContain(dir.toString());
        assertThatThrownBy(() -> set.contains(f(1))).isInstanceOf(IllegalStateException.class);
        assertThat(set.spilled()).isFalse();
        assertThat(set.capacity()).isZero();
        assertThat(set.toString()).contains("closed");
        set.close(); // idempotent
    }

    @Test
    void aSetIsNotACounter() {
        try (FingerprintTable set = FingerprintTable.newSet(dir, 1 << 20)) {
            assertThatThrownBy(() -> set.increment(f(1))).isInstanceOf(IllegalStateException.class);
        }
    }

    @Test
    void toStringShowsSizesOnly() {
        try (FingerprintTable set = FingerprintTable.newSet(dir, 0)) {
            set.add(Fingerprint.of("secret"));
            assertThat(set.toString()).contains("size=1", "mapped").doesNotContain("secret");
        }
    }

    private static List<Path> filesIn(Path dir) throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.toList();
        }
    }
}
