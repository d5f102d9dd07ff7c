package io.pinpointimport.cli.internal;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** Plain progress lines: throttled by the clock, final state always printed, nothing repeated. */
class ProgressTest {
    private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    private final AtomicLong clock = new AtomicLong(1_000_000_000L);

    private Progress.Plain plain() {
        return new Progress.Plain(new PrintStream(bytes, true, UTF_8), "import", "records", clock::get);
    }

    @Test
    void quickRunPrintsOnlyTheFinalLine() {
        try (Progress p = plain()) {
            p.update(1, 10, "1 shard");
            p.update(5, 10, "1 shard");
            p.update(10, 10, "2 shards");
        }
        assertThat(bytes.toString(UTF_8)).isEqualTo("import: 10/10 records (100%), 2 shards" + System.lineSeparator());
    }

    @Test
    void longRunPrintsAtMostOneLineASecond() {
        Progress.Plain p = plain();
        clock.addAndGet(1_000_000_000L);
        p.update(1, -1, null);
        clock.addAndGet(500_000_000L);
        p.update(2, -1, null);
        clock.addAndGet(600_000_000L);
        p.update(3, -1, null);
        p.update(3, -1, null);
        p.close();

        assertThat(bytes.toString(UTF_8).lines()).containsExactly("import: 1 records", "import: 3 records");
    }
}
