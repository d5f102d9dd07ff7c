package io.pinpointimport.bench;

import io.pinpointimport.EndpointImporter;
import io.pinpointimport.ImportSummary;
import io.pinpointimport.emulator.LocalS3;
import io.pinpointimport.emulator.Pace;
import io.pinpointimport.emulator.pinpoint.PinpointEmulator;
import io.pinpointimport.job.ImportResult;
import io.pinpointimport.job.JobLimit;
import io.pinpointimport.job.JobSnapshot;
import io.pinpointimport.job.PollingOptions;
import io.pinpointimport.pinpoint.PinpointImportTarget;
import io.pinpointimport.s3.S3ShardStore;
import io.pinpointimport.spi.ImportTarget;
import io.pinpointimport.spi.JobRequest;
import io.pinpointimport.testkit.fixtures.EndpointFixtures;
import java.io.PrintStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import software.amazon.awssdk.services.pinpoint.PinpointAsyncClient;
import software.amazon.awssdk.services.s3.S3AsyncClient;

/**
 * Confirms {@link PollingCost} against the emulator in real time, with time scaled down: the emulator's timed pace
 * makes a job last {@code length × scale} (its 4 state changes one step apart) and the library polls with its default
 * options, every duration in them ({@code earlyPeriod}, {@code earlyInterval}, {@code minInterval},
 * {@code maxInterval}) scaled by the same factor, so that calls per job are those of the full-length job. Each length
 * runs its own importer with several one-record shards (one job each), all lengths at once; {@code GetImportJob}
 * calls are counted, and their times taken, at the {@link ImportTarget} seam.
 *
 * <pre>
 * java -cp benchmarks.jar io.pinpointimport.bench.PollingConfirm [--scale 0.05] [--jobs 5] [--durations 60,300,1200]
 * </pre>
 */
public final class PollingConfirm {

    /** State changes from CREATED to COMPLETED in the emulator's plan for a job without failures. */
    static final int STEPS_PER_JOB = 4;

    private PollingConfirm() {}

    /**
     * One job length's outcome, in the job's own (unscaled) terms.
     *
     * @param durationS the job's length in seconds (unscaled)
     * @param jobs jobs watched
     * @param meanCalls mean {@code GetImportJob} calls per job
     * @param maxCalls max calls per job
     * @param meanLatePct mean lateness of the notice, % of the length
     * @param maxLatePct max lateness, % of the length
     * @param minGapAfterSettleS the shortest gap between two calls for one job, the first of them sent after the
     *        job's first (scaled) minute, in unscaled seconds; {@code NaN} when no job had two such calls
     */
    record Row(
            long durationS,
            int jobs,
            double meanCalls,
            int maxCalls,
            double meanLatePct,
            double maxLatePct,
            double minGapAfterSettleS) {}

    static List<Row> run(long[] durationsS, double scale, int jobsPerLength) throws Exception {
        List<Row> rows = new ArrayList<>();
        List<CompletableFuture<Row>> futures = new ArrayList<>();
        List<AutoCloseable> closers = new ArrayList<>();
        try {
            for (long d : durationsS) {
                Duration job = Duration.ofMillis(Math.round(d * 1000 * scale));
                LocalS3 s3 = LocalS3.start();
                closers.add(s3);
                PinpointEmulator emulator = PinpointEmulator.builder()
                        .s3(s3)
                        .pace(Pace.timed(job.dividedBy(STEPS_PER_JOB)))
                        .start();
                closers.add(emulator);
                s3.createBucket("polling");
                String app = emulator.createApp("polling");
                PinpointAsyncClient pinpoint = emulator.newAsyncClient();
                closers.add(pinpoint);
                S3AsyncClient s3Client = s3.newAsyncClient();
                closers.add(s3Client);
                CountingTarget target = new CountingTarget(PinpointImportTarget.builder()
                        .client(pinpoint)
                        .applicationId(app)
                        .roleArn("arn:aws:iam::123456789012:role/PollingConfirm")
                        .build());
                PollingOptions scaled = scaled(PollingOptions.ofDefaults(), scale);
                EndpointImporter importer = EndpointImporter.builder()
                        .importTarget(target)
                        .shardStore(S3ShardStore.builder()
                                .s3(s3Client)
                                .bucket("polling")
                                .build())
                        .maxRecordsPerShard(1)
                        // every job of the length at once, so that each is watched from its start to its end
                        .jobLimit(JobLimit.of(jobsPerLength))
                        .polling(scaled)
                        .build();
                closers.add(importer);
                futures.add(
                        importer.importEndpoints(EndpointFixtures.ofDefaults().list(jobsPerLength))
                                .summary()
                                .thenApply(summary -> row(d, job, summary, target, scale)));
            }
            for (CompletableFuture<Row> f : futures) {
                rows.add(f.join());
            }
            return rows;
        } finally {
            for (int i = closers.size() - 1; i >= 0; i--) {
                closers.get(i).close();
            }
        }
    }

    /**
     * @param polling options
     * @param scale time factor
     * @return the options with every duration scaled; fraction and jitter unchanged
     */
    static PollingOptions scaled(PollingOptions polling, double scale) {
        return polling.toBuilder()
                .earlyPeriod(scaled(polling.earlyPeriod(), scale))
                .earlyInterval(scaled(polling.earlyInterval(), scale))
                .minInterval(scaled(polling.minInterval(), scale))
                .maxInterval(scaled(polling.maxInterval(), scale))
                .build();
    }

    private static Duration scaled(Duration d, double scale) {
        return Duration.ofNanos(Math.max(1_000_000L, Math.round(d.toNanos() * scale)));
    }

    private static Row row(long durationS, Duration job, ImportSummary summary, CountingTarget target, double scale) {
        if (summary.jobsCompleted() != summary.shards()) {
            throw new IllegalStateException(summary.jobsFailed() + " of " + summary.shards() + " jobs failed");
        }
        double sumLate = 0;
        double maxLate = 0;
        for (ImportResult r : summary.results()) {
            double watched = Duration.between(r.createdAt(), r.finishedAt()).toNanos();
            double late = Math.max(0, (watched - job.toNanos()) * 100.0 / job.toNanos());
            sumLate += late;
            maxLate = Math.max(maxLate, late);
        }
        int jobs = summary.results().size();
        int max = target.calls.values().stream()
                .mapToInt(AtomicInteger::get)
                .max()
                .orElse(0);
        long settleNanos = Math.round(PollingCost.SETTLE_MS * 1_000_000L * scale);
        long minGap = Long.MAX_VALUE;
        for (var e : target.callNanos.entrySet()) {
            Long created = target.createdNanos.get(e.getKey());
            List<Long> times = e.getValue();
            for (int i = 1; created != null && i < times.size(); i++) {
                if (times.get(i - 1) - created >= settleNanos) {
                    minGap = Math.min(minGap, times.get(i) - times.get(i - 1));
                }
            }
        }
        return new Row(
                durationS,
                jobs,
                (double) target.total.get() / jobs,
                max,
                sumLate / jobs,
                maxLate,
                minGap == Long.MAX_VALUE ? Double.NaN : minGap / scale / 1e9);
    }

    static void print(PrintStream out, double scale, List<Row> rows) {
        out.printf(Locale.ROOT, "Polling confirmed against the emulator (timed pace), time scaled by %.3f%n", scale);
        out.println("| job length | jobs | GetImportJob calls per job, mean / max | seed's fixed 3 s poll"
                + " | seed's calls ÷ ours | noticed late, mean / max (% of job) | shortest gap after 1 min |");
        out.println("|---|---:|---:|---:|---:|---:|---:|");
        for (Row r : rows) {
            long seedCalls = (r.durationS() * 1000 + PollingCost.SEED_INTERVAL_MS - 1) / PollingCost.SEED_INTERVAL_MS;
            out.printf(
                    Locale.ROOT,
                    "| %s | %d | %.1f / %d | %d | %.1f × | %.1f %% / %.1f %% | %s |%n",
                    PollingCost.length(r.durationS()),
                    r.jobs(),
                    r.meanCalls(),
                    r.maxCalls(),
                    seedCalls,
                    seedCalls / r.meanCalls(),
                    r.meanLatePct(),
                    r.maxLatePct(),
                    Double.isNaN(r.minGapAfterSettleS())
                            ? "n/a"
                            : String.format(Locale.ROOT, "%.1f s", r.minGapAfterSettleS()));
        }
    }

    /**
     * Runs the confirmation and prints its table.
     *
     * @param args {@code --scale F} (default 0.05), {@code --jobs N} per length (default 5),
     *        {@code --durations S,...} seconds (default 60,300,1200)
     * @throws Exception if a job cannot run
     */
    public static void main(String[] args) throws Exception {
        double scale = 0.05;
        int jobs = 5;
        long[] durations = {60, 300, 1200};
        for (int i = 0; i + 1 < args.length; i += 2) {
            switch (args[i]) {
                case "--scale" -> scale = Double.parseDouble(args[i + 1]);
                case "--jobs" -> jobs = Integer.parseInt(args[i + 1]);
                case "--durations" ->
                    durations = Arrays.stream(args[i + 1].split(","))
                            .mapToLong(Long::parseLong)
                            .toArray();
                default -> throw new IllegalArgumentException("unknown option " + args[i]);
            }
        }
        print(System.out, scale, run(durations, scale, jobs));
    }

    /** Counts {@code GetImportJob} calls per job on their way to the real target. */
    private static final class CountingTarget implements ImportTarget {
        private final ImportTarget delegate;
        private final AtomicInteger total = new AtomicInteger();
        private final ConcurrentHashMap<String, AtomicInteger> calls = new ConcurrentHashMap<>();
        private final ConcurrentHashMap<String, Long> createdNanos = new ConcurrentHashMap<>();
        private final ConcurrentHashMap<String, List<Long>> callNanos = new ConcurrentHashMap<>();

        CountingTarget(ImportTarget delegate) {
            this.delegate = delegate;
        }

        @Override
        public CompletableFuture<JobSnapshot> createJob(JobRequest request) {
            // the answer's time: where the library's age of the job starts
            return delegate.createJob(request).thenApply(s -> {
                createdNanos.put(s.id(), System.nanoTime());
                return s;
            });
        }

        @Override
        public CompletableFuture<JobSnapshot> getJob(String jobId) {
            total.incrementAndGet();
            calls.computeIfAbsent(jobId, k -> new AtomicInteger()).incrementAndGet();
            callNanos
                    .computeIfAbsent(jobId, k -> Collections.synchronizedList(new ArrayList<>()))
                    .add(System.nanoTime());
            return delegate.getJob(jobId);
        }

        @Override
        public CompletableFuture<Optional<JobSnapshot>> findJob(JobRequest request) {
            return delegate.findJob(request);
        }
    }
}
