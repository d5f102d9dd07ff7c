package io.pinpointimport.bench;

import io.pinpointimport.internal.job.PollInterval;
import io.pinpointimport.job.PollingOptions;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;

/**
 * Polling cost on a virtual clock: {@code GetImportJob} calls per job, and how late the end of a job is noticed, for
 * jobs of a given length, with the library's polling against the seed's fixed 3-second poll.
 *
 * <p>The library's waits come from {@link PollInterval#of(PollingOptions, java.util.function.DoubleSupplier)}, the
 * very function {@code JobEngine} builds, applied as {@code JobExecution} applies it: the create call answers first
 * (not a {@code GetImportJob}) and sets the job's age to zero; after each answer the next check is scheduled
 * {@code waitMillis(age)} later, the age being the time since the create answered. Calls are taken as instantaneous
 * (a real call adds its latency to every gap, which only lowers the rate). The jitter is drawn from a
 * {@link SplittableRandom} seeded with {@code --seed} (the engine draws from {@code ThreadLocalRandom}; the function is
 * the same), so the same command gives the same table; each job is a fresh sample, and the report gives mean and max
 * over the jobs.
 *
 * <pre>
 * java -cp benchmarks.jar io.pinpointimport.bench.PollingCost [--trials N] [--durations 60,300,1200] [--seed S]
 * </pre>
 */
public final class PollingCost {

    /** The seed's poll: a fixed 3 seconds. */
    static final long SEED_INTERVAL_MS = 3_000;
    /** The target counts polls only after the first minute. */
    static final long SETTLE_MS = 60_000;

    private PollingCost() {}

    /**
     * One row of the report.
     *
     * @param durationS the job's length in seconds
     * @param trials how many jobs were simulated
     * @param meanCalls mean {@code GetImportJob} calls per job (library)
     * @param maxCalls max calls per job (library)
     * @param seedCalls calls per job with the fixed 3 s poll
     * @param meanLatePct mean lateness of the library's notice, % of the duration
     * @param maxLatePct max lateness, % of the duration
     * @param seedMaxLatePct the fixed poll's worst lateness, % of the duration (3 s)
     * @param minGapAfterSettleS the shortest gap between two checks that both fall after the first minute, seconds
     *        ({@code NaN} when no job had two such checks)
     * @param maxPollsPer10sAfterSettle the most checks any 10 s window after the first minute held
     */
    record Row(
            long durationS,
            int trials,
            double meanCalls,
            int maxCalls,
            long seedCalls,
            double meanLatePct,
            double maxLatePct,
            double seedMaxLatePct,
            double minGapAfterSettleS,
            int maxPollsPer10sAfterSettle) {}

    /**
     * Simulates {@code trials} jobs of each duration.
     *
     * @param polling the polling options (the library's defaults in the report)
     * @param durationsS job lengths in seconds
     * @param trials jobs per length
     * @param seed seed of the jitter's random numbers
     * @return one row per length
     */
    static List<Row> simulate(PollingOptions polling, long[] durationsS, int trials, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        PollInterval interval = PollInterval.of(polling, random::nextDouble);
        List<Row> rows = new ArrayList<>();
        for (long durationS : durationsS) {
            long durationMs = durationS * 1000;
            long sumCalls = 0;
            int maxCalls = 0;
            double sumLate = 0;
            double maxLate = 0;
            long minGap = Long.MAX_VALUE;
            int maxIn10s = 0;
            for (int t = 0; t < trials; t++) {
                List<Long> times = new ArrayList<>();
                long now = 0; // the job's age: the create answered at 0
                while (true) {
                    long wait = interval.waitMillis(now);
                    long previous = now;
                    now += wait;
                    times.add(now);
                    if (previous >= SETTLE_MS) {
                        minGap = Math.min(minGap, wait);
                    }
                    if (now >= durationMs) {
                        break;
                    }
                }
                int calls = times.size();
                sumCalls += calls;
                maxCalls = Math.max(maxCalls, calls);
                double late = (now - durationMs) * 100.0 / durationMs;
                sumLate += late;
                maxLate = Math.max(maxLate, late);
                maxIn10s = Math.max(maxIn10s, maxInWindow(times, SETTLE_MS, 10_000));
            }
            long seedCalls = (durationMs + SEED_INTERVAL_MS - 1) / SEED_INTERVAL_MS;
            rows.add(new Row(
                    durationS,
                    trials,
                    (double) sumCalls / trials,
                    maxCalls,
                    seedCalls,
                    sumLate / trials,
                    maxLate,
                    SEED_INTERVAL_MS * 100.0 / durationMs,
                    minGap == Long.MAX_VALUE ? Double.NaN : minGap / 1000.0,
                    maxIn10s));
        }
        return rows;
    }

    // Most checks at or after `from` that fit in any window [t, t + width).
    private static int maxInWindow(List<Long> times, long from, long width) {
        int best = 0;
        for (int i = 0; i < times.size(); i++) {
            if (times.get(i) < from) {
                continue;
            }
            int n = 0;
            for (int j = i; j < times.size() && times.get(j) < times.get(i) + width; j++) {
                n++;
            }
            best = Math.max(best, n);
        }
        return best;
    }

    static void print(PrintStream out, PollingOptions polling, long seed, List<Row> rows) {
        out.println("Polling cost, " + polling + ", " + rows.get(0).trials() + " simulated jobs per duration, seed "
                + seed);
        out.println(
                "| job length | GetImportJob calls per job, mean / max | seed's fixed 3 s poll | seed's calls ÷ ours"
                        + " | completion noticed late, mean / max (% of job) | seed: max late | shortest gap after 1 min"
                        + " | most polls in any 10 s after 1 min |");
        out.println("|---|---:|---:|---:|---:|---:|---:|---:|");
        for (Row r : rows) {
            out.printf(
                    Locale.ROOT,
                    "| %s | %.1f / %d | %d | %.1f × | %.1f %% / %.1f %% | %.1f %% | %s | %d |%n",
                    length(r.durationS()),
                    r.meanCalls(),
                    r.maxCalls(),
                    r.seedCalls(),
                    r.seedCalls() / r.meanCalls(),
                    r.meanLatePct(),
                    r.maxLatePct(),
                    r.seedMaxLatePct(),
                    Double.isNaN(r.minGapAfterSettleS())
                            ? "n/a"
                            : String.format(Locale.ROOT, "%.1f s", r.minGapAfterSettleS()),
                    r.maxPollsPer10sAfterSettle());
        }
    }

    static String length(long seconds) {
        return seconds % 60 == 0 ? seconds / 60 + " min" : seconds + " s";
    }

    /**
     * Prints the report for the library's default polling options.
     *
     * @param args {@code --trials N} (default 100000), {@code --durations S,S,...} in seconds (default 60,300,1200),
     *        {@code --seed S} (default 1)
     */
    public static void main(String[] args) {
        int trials = 100_000;
        long seed = 1;
        long[] durations = {60, 300, 1200};
        for (int i = 0; i + 1 < args.length; i += 2) {
            switch (args[i]) {
                case "--trials" -> trials = Integer.parseInt(args[i + 1]);
                case "--seed" -> seed = Long.parseLong(args[i + 1]);
                case "--durations" ->
                    durations = Arrays.stream(args[i + 1].split(","))
                            .mapToLong(Long::parseLong)
                            .toArray();
                default -> throw new IllegalArgumentException("unknown option " + args[i]);
            }
        }
        PollingOptions polling = PollingOptions.ofDefaults();
        print(System.out, polling, seed, simulate(polling, durations, trials, seed));
    }
}
