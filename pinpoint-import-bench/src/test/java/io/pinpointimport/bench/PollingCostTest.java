package io.pinpointimport.bench;

import static org.assertj.core.api.Assertions.assertThat;

import io.pinpointimport.job.PollingOptions;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class PollingCostTest {

    @Test
    void simulatesEachDurationWithTheDefaultPolling() {
        List<PollingCost.Row> rows = PollingCost.simulate(PollingOptions.ofDefaults(), new long[] {60, 300}, 200, 1);

        assertThat(rows).hasSize(2);
        for (PollingCost.Row row : rows) {
            assertThat(row.meanCalls()).isPositive().isLessThanOrEqualTo(row.maxCalls());
            assertThat(row.meanLatePct()).isBetween(0.0, row.maxLatePct());
            assertThat(row.seedCalls()).isEqualTo(row.durationS() / 3);
        }
        // The waits grow with the age, so a longer job costs more calls in total but fewer per minute.
        assertThat(rows.get(1).meanCalls()).isGreaterThan(rows.get(0).meanCalls());
        assertThat(rows.get(1).meanCalls() / 5).isLessThan(rows.get(0).meanCalls());
    }

    @Test
    void theDefaultsMeetBothPollingTargetsOfIssue9ForEveryDraw() {
        List<PollingCost.Row> rows =
                PollingCost.simulate(PollingOptions.ofDefaults(), new long[] {60, 300, 1200}, 2_000, 3);

        assertThat(rows).allSatisfy(row -> {
            assertThat(row.maxLatePct())
                    .as("%d s: noticed within 10 %%", row.durationS())
                    .isLessThanOrEqualTo(10.0);
            assertThat(row.maxPollsPer10sAfterSettle())
                    .as("%d s: at most 1 poll per 10 s", row.durationS())
                    .isLessThanOrEqualTo(1);
        });
        assertThat(rows.subList(1, 3))
                .allSatisfy(row -> assertThat(row.minGapAfterSettleS()).isGreaterThanOrEqualTo(10.0));
    }

    @Test
    void theSameSeedGivesTheSameTable() {
        assertThat(PollingCost.simulate(PollingOptions.ofDefaults(), new long[] {300}, 100, 42))
                .isEqualTo(PollingCost.simulate(PollingOptions.ofDefaults(), new long[] {300}, 100, 42));
    }

    @Test
    void fixedIntervalWithoutJitterIsExact() {
        PollingOptions fixed = PollingOptions.builder()
                .earlyInterval(Duration.ofSeconds(3))
                .minInterval(Duration.ofSeconds(3))
                .maxInterval(Duration.ofSeconds(3))
                .jitter(0.0)
                .build();

        PollingCost.Row row =
                PollingCost.simulate(fixed, new long[] {60}, 10, 1).get(0);

        assertThat(row.maxCalls()).isEqualTo(20);
        assertThat(row.maxLatePct()).isZero();
        assertThat(row.minGapAfterSettleS()).isNaN();
    }

    @Test
    void printsOneTableRowPerDuration() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        PollingCost.print(
                new PrintStream(bytes, true, StandardCharsets.UTF_8),
                PollingOptions.ofDefaults(),
                1,
                PollingCost.simulate(PollingOptions.ofDefaults(), new long[] {60, 90, 1200}, 50, 1));

        assertThat(bytes.toString(StandardCharsets.UTF_8)).contains("| 1 min |", "| 90 s |", "| 20 min |");
    }
}
