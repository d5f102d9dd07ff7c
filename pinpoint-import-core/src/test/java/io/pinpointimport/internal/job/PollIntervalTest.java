package io.pinpointimport.internal.job;

import static org.assertj.core.api.Assertions.assertThat;

import io.pinpointimport.job.PollingOptions;
import java.time.Duration;
import java.util.HashSet;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.function.DoubleSupplier;
import org.junit.jupiter.api.Test;

class PollIntervalTest {
    private static final PollingOptions DEFAULTS = PollingOptions.ofDefaults();

    private static PollInterval seeded(PollingOptions options, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        return PollInterval.of(options, random::nextDouble);
    }

    @Test
    void firstMinuteWaitsFiveSecondsWithinFifteenPercentForEveryDraw() {
        PollInterval f = seeded(DEFAULTS, 1);
        Set<Long> seen = new HashSet<>();
        for (long age = 0; age < 60_000; age += 7) {
            long w = f.waitMillis(age);
            assertThat(w).as("wait at age %d ms", age).isBetween(4_250L, 5_750L);
            seen.add(w);
        }
        assertThat(seen).as("the jitter spreads the waits").hasSizeGreaterThan(1000);
        assertThat(f.band(0)).containsExactly(4_250L, 5_750L);
        assertThat(f.band(59_999)).containsExactly(4_250L, 5_750L);
    }

    @Test
    void afterTheFirstMinuteEveryDrawIsWithinTheAgeBandTheFloorAndTheCap() {
        for (long seed = 0; seed < 20; seed++) {
            PollInterval f = seeded(DEFAULTS, seed);
            for (long age = 60_000; age < 3 * 3_600_000; age += 997) {
                long w = f.waitMillis(age);
                assertThat(w).as("wait at age %d ms", age).isBetween(10_000L, 60_000L);
                // issue 9: the wait chosen at age a is at most 10 % of a (where the 10 s floor allows it)
                assertThat(w)
                        .as("wait at age %d ms", age)
                        .isLessThanOrEqualTo(Math.max(10_000L, Math.round(age * 0.08 * 1.15)));
                assertThat(w)
                        .as("wait at age %d ms", age)
                        .isGreaterThanOrEqualTo(Math.min(51_000L, Math.max(10_000L, Math.round(age * 0.08 * 0.85))));
            }
        }
    }

    @Test
    void theBandFollowsTheAgeBetweenTheFloorAndTheCap() {
        PollInterval f = PollInterval.of(DEFAULTS);
        // 60 s to 108 s: 9.2 % of the age is under the floor, every wait is the floor
        assertThat(f.band(60_000)).containsExactly(10_000L, 10_000L);
        assertThat(f.band(100_000)).containsExactly(10_000L, 10_000L);
        // 5 minutes: 8 % = 24 s, ± 15 %
        assertThat(f.band(300_000)).containsExactly(20_400L, 27_600L);
        // 10 minutes: upper end at 55.2 s, still under the cap
        assertThat(f.band(600_000)).containsExactly(40_800L, 55_200L);
        // 11 minutes: the upper end is clipped at the cap
        assertThat(f.band(660_000)).containsExactly(44_880L, 60_000L);
        // from 12.5 minutes on, the base passes the cap: waits stay spread over cap × [0.85, 1]
        assertThat(f.band(750_000)).containsExactly(51_000L, 60_000L);
        assertThat(f.band(20 * 3_600_000L)).containsExactly(51_000L, 60_000L);
    }

    @Test
    void waitsAtTheCapAreSpreadNotInLockstep() {
        PollInterval f = seeded(DEFAULTS, 7);
        Set<Long> atCap = new HashSet<>();
        for (int i = 0; i < 500; i++) {
            atCap.add(f.waitMillis(Duration.ofHours(5)));
        }
        assertThat(atCap).allSatisfy(w -> assertThat(w).isBetween(51_000L, 60_000L));
        assertThat(atCap.size()).as("distinct waits at the cap").isGreaterThan(400);
    }

    @Test
    void extremeDrawsReachBothEndsOfTheBandAndNoFurther() {
        DoubleSupplier lowest = () -> 0.0;
        DoubleSupplier highest = () -> Math.nextDown(1.0);
        assertThat(PollInterval.of(DEFAULTS, lowest).waitMillis(300_000)).isEqualTo(20_400);
        assertThat(PollInterval.of(DEFAULTS, highest).waitMillis(300_000)).isEqualTo(27_600);
        assertThat(PollInterval.of(DEFAULTS, lowest).waitMillis(10_000)).isEqualTo(4_250);
        assertThat(PollInterval.of(DEFAULTS, highest).waitMillis(10_000)).isEqualTo(5_750);
    }

    @Test
    void aNegativeAgeCountsAsANewJob() {
        PollInterval f = PollInterval.of(DEFAULTS, () -> 0.5);
        assertThat(f.waitMillis(Duration.ofSeconds(-30)))
                .isEqualTo(f.waitMillis(0))
                .isBetween(4_250L, 5_750L);
    }

    @Test
    void zeroJitterGivesExactWaits() {
        PollInterval f = PollInterval.of(DEFAULTS.toBuilder().jitter(0).build(), () -> {
            throw new AssertionError("no draw without jitter");
        });
        assertThat(f.waitMillis(1_000)).isEqualTo(5_000);
        assertThat(f.waitMillis(300_000)).isEqualTo(24_000);
        assertThat(f.waitMillis(90_000)).isEqualTo(10_000);
        assertThat(f.waitMillis(3_600_000)).isEqualTo(60_000);
    }

    @Test
    void aZeroEarlyPeriodIsAgeBasedFromTheStartWithTheFloor() {
        PollInterval f =
                PollInterval.of(DEFAULTS.toBuilder().earlyPeriod(Duration.ZERO).build());
        assertThat(f.band(0)).containsExactly(10_000L, 10_000L);
    }

    @Test
    void theEarlyIntervalIsClippedAtTheCapButNotRaisedToTheFloor() {
        PollingOptions o = PollingOptions.builder()
                .earlyInterval(Duration.ofMillis(100))
                .minInterval(Duration.ofMillis(100))
                .maxInterval(Duration.ofMillis(110))
                .jitter(0.5)
                .build();
        assertThat(PollInterval.of(o).band(0)).containsExactly(50L, 110L);
    }
}
