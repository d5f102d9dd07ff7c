package io.pinpointimport.bench;

import static org.assertj.core.api.Assertions.assertThat;

import io.pinpointimport.job.PollingOptions;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class PollingCostTest {

    @Test
    void simulatesEachDurationWithTheDefaultPolling() {
        List<PollingCost.Row> rows = PollingCost.simulate(PollingOptions.defaults(), new long[] {60, 300}, 200);

        assertThat(rows).hasSize(2);
        for (PollingCost.Row row : rows) {
            assertThat(row.meanCalls()).isPositive().isLessThanOrEqualTo(row.maxCalls());
            assertThat(row.meanLatePct()).isBetween(0.0, row.maxLatePct());
            assertThat(row.seedCalls()).isEqualTo(row.durationS() / 3);
        }
        // The waits grow, so a longer job costs more calls in total but fewer per minute.
        assertThat(rows.get(1).meanCalls()).isGreaterThan(rows.get(0).meanCalls());
        assertThat(rows.get(1).meanCalls() / 5).isLessThan(rows.get(0).meanCalls());
    }

    @Test
    void fixedIntervalWithoutJitterIsExact() {
        PollingOptions fixed = PollingOptions.builder().initialDelay(java.time.Duration.ofSeconds(3)).multiplier(1.0)
                .maxDelay(java.time.Duration.ofSeconds(3)).jitter(0.0).build();

        PollingCost.Row row = PollingCost.simulate(fixed, new long[] {60}, 10).get(0);

        assertThat(row.maxCalls()).isEqualTo(20);
        assertThat(row.maxLatePct()).isZero();
        assertThat(row.minGapAfterSettleS()).isNaN();
    }

    @Test
    void printsOneTableRowPerDuration() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        PollingCost.print(new PrintStream(bytes, true, StandardCharsets.UTF_8), PollingOptions.defaults(),
                PollingCost.simulate(PollingOptions.defaults(), new long[] {60, 1200}, 50));

        assertThat(bytes.toString(StandardCharsets.UTF_8)).contains("| 1 min |", "| 20 min |");
    }
}
