package io.pinpointimport.bench;

import com.sun.management.GarbageCollectionNotificationInfo;
import io.pinpointimport.format.ImportFormat;
import io.pinpointimport.internal.journal.JournalHeader;
import io.pinpointimport.internal.journal.RunJournal;
import io.pinpointimport.internal.report.PlacementFile;
import io.pinpointimport.internal.report.PlacementWriter;
import io.pinpointimport.job.ImportResult;
import io.pinpointimport.job.JobSnapshot;
import io.pinpointimport.report.OutcomeCounts;
import io.pinpointimport.report.RecordFate;
import io.pinpointimport.report.RecordOutcome;
import io.pinpointimport.report.RunReport;
import io.pinpointimport.shard.Shard;
import io.pinpointimport.validation.Rejection;
import io.pinpointimport.validation.Rule;
import java.io.IOException;
import java.io.PrintStream;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.lang.management.MemoryUsage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import javax.management.ListenerNotFoundException;
import javax.management.Notification;
import javax.management.NotificationEmitter;
import javax.management.NotificationListener;
import javax.management.openmbean.CompositeData;

/**
 * Memory and time of the run report for a run the size of 10 GB of CSV input (40.3 M records of the seeded fixtures,
 * 247.9 B each; 11 shards of 950 MB). The placement events are fed to the real {@link PlacementWriter} directly (no
 * records are generated, validated or sharded: that is the pipeline's benchmark), and the shards' outcomes go to a
 * real journal ({@link RunJournal}: written, stored, created, finished, with 100 service failure lines per completed
 * job and one job FAILED); the report is then read back with the public {@link RunReport}: its counts (one pass) and
 * the fate of the last record (another pass). Reports the time of each step, the report file's size and the highest
 * live heap after a collection. Run it at {@code -Xmx64m}, the pipeline's heap target.
 *
 * <pre>
 * java -Xmx64m -cp pinpoint-import-bench/target/benchmarks.jar io.pinpointimport.bench.ReportBench \
 *      [--records 40300000] [--records-per-shard 3832190] [--dir DIR]
 * </pre>
 */
public final class ReportBench {
    /** Records of 10 GB of the fixtures' CSV (as in the 10 GB memory run of the pipeline). */
    static final long RECORDS_10_GB = 40_300_000L;
    /** Records of one 950 MB shard at 247.9 B per record. */
    static final long RECORDS_PER_SHARD = 3_832_190L;
    /** Every 97th record is rejected locally. */
    static final int REJECT_EVERY = 97;
    /** The shard whose job ends FAILED. */
    static final int FAILED_SHARD = 3;
    /** Failure lines per completed job: Pinpoint's cap. */
    static final int LINES_PER_JOB = 100;

    private ReportBench() {}

    /** What one run measured. */
    record Result(
            long records,
            int shards,
            long reportBytes,
            double writeSeconds,
            double countSeconds,
            double lookupSeconds,
            double peakLiveMb,
            OutcomeCounts counts,
            Optional<RecordFate> last) {}

    /**
     * @param args {@code --records N}, {@code --records-per-shard N}, {@code --dir DIR} (default a temporary one,
     *     deleted at the end)
     * @throws IOException when the work directory cannot be used
     */
    public static void main(String[] args) throws IOException {
        long records = RECORDS_10_GB;
        long perShard = RECORDS_PER_SHARD;
        Path dir = null;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--records" -> records = Long.parseLong(args[++i]);
                case "--records-per-shard" -> perShard = Long.parseLong(args[++i]);
                case "--dir" -> dir = Path.of(args[++i]);
                default -> throw new IllegalArgumentException("unknown option " + args[i]);
            }
        }
        boolean own = dir == null;
        Path work = own ? Files.createTempDirectory("report-bench") : Files.createDirectories(dir);
        try {
            Result r = run(work, records, perShard);
            print(System.out, r);
        } finally {
            if (own) {
                try (var files = Files.list(work)) {
                    for (Path f : (Iterable<Path>) files::iterator) {
                        Files.deleteIfExists(f);
                    }
                }
                Files.deleteIfExists(work);
            }
        }
    }

    static Result run(Path dir, long records, long perShard) throws IOException {
        String runId = "run-report-bench-" + System.nanoTime();
        LivePeak peak = new LivePeak();
        try {
            long start = System.nanoTime();
            int shards = write(dir, runId, records, perShard);
            double writeSeconds = (System.nanoTime() - start) / 1e9;

            start = System.nanoTime();
            RunReport report = RunReport.open(dir, runId);
            OutcomeCounts counts = report.counts();
            double countSeconds = (System.nanoTime() - start) / 1e9;

            start = System.nanoTime();
            Optional<RecordFate> last = report.fate(records - 1);
            double lookupSeconds = (System.nanoTime() - start) / 1e9;

            long bytes = Files.size(PlacementFile.fileOf(dir, runId));
            return new Result(
                    records, shards, bytes, writeSeconds, countSeconds, lookupSeconds, peak.mb(), counts, last);
        } finally {
            peak.close();
        }
    }

    // The run as the importer would record it: placement per record, journal entries per shard.
    private static int write(Path dir, String runId, long records, long perShard) {
        Clock clock = Clock.systemUTC();
        Instant now = clock.instant();
        List<Rejection> rejection = List.of(Rejection.builder()
                .rule(Rule.ADDRESS_EMAIL_FORMAT)
                .message("not an email address")
                .build());
        int shard = 0;
        try (RunJournal journal = RunJournal.create(
                        dir,
                        JournalHeader.of(runId, now, Map.of("format", "CSV"), JournalHeader.Input.memory()),
                        clock);
                PlacementWriter placement = PlacementWriter.create(dir, runId)) {
            long inShard = 0;
            long first = -1;
            long rejected = 0;
            for (long i = 0; i < records; i++) {
                // a realistic id: the fixtures' ids are 12 to 20 characters
                String id = "endpoint-" + i;
                if (i % REJECT_EVERY == 5) {
                    placement.rejected("input.csv", i + 2, id, rejection);
                    rejected++;
                    continue;
                }
                placement.written("input.csv", i + 2, id);
                if (first < 0) {
                    first = i;
                }
                if (++inShard == perShard) {
                    endShard(journal, shard++, first, i, inShard, now);
                    inShard = 0;
                    first = -1;
                }
            }
            if (inShard > 0) {
                endShard(journal, shard++, first, records - 1, inShard, now);
            }
            placement.finish();
            journal.inputDone(records, rejected, records - rejected, shard);
            journal.ended();
        }
        return shard;
    }

    private static void endShard(RunJournal journal, int number, long first, long last, long records, Instant now) {
        String url = String.format("s3://bench/imports/run/%05d/", number);
        journal.written(Shard.builder()
                .number(number)
                .format(ImportFormat.CSV)
                .file(Path.of("part.csv"))
                .recordCount(records)
                .byteCount(records * 248)
                .sha256Hex("0".repeat(64))
                .crc32cBase64("AAAAAA==")
                .firstRecordIndex(first)
                .lastRecordIndex(last)
                .build());
        journal.stored(number, url, "0".repeat(64));
        String jobId = String.format("bench%027d", number);
        journal.created(number, jobId);
        boolean failed = number == FAILED_SHARD;
        List<String> lines = new ArrayList<>();
        if (!failed) {
            long step = Math.max(1, records / LINES_PER_JOB);
            for (long row = 0; row < records && lines.size() < LINES_PER_JOB; row += step) {
                lines.add(url + "part.csv line " + (row + 2) + ": User already has 15 endpoints");
            }
        } else {
            lines.add("Piece 1 could not be read");
        }
        journal.finished(ImportResult.builder()
                .s3Url(url)
                .shardNumber(number)
                .recordsSubmitted(records)
                .job(JobSnapshot.builder()
                        .id(jobId)
                        .s3Url(url)
                        .statusText(failed ? "FAILED" : "COMPLETED")
                        .totalProcessed((int) Math.min(Integer.MAX_VALUE, records))
                        .totalFailures(lines.size())
                        .failures(lines)
                        .build())
                .queuedAt(now)
                .startedAt(now)
                .createdAt(now)
                .finishedAt(now)
                .build());
    }

    static void print(PrintStream out, Result r) {
        out.printf(
                "| records | shards | report file | bytes/record | write s | count s | lookup s | peak live heap MB |%n");
        out.printf("|---|---|---|---|---|---|---|---|%n");
        out.printf(
                "| %,d | %d | %.1f MB | %.1f | %.1f | %.1f | %.1f | %.1f |%n",
                r.records(),
                r.shards(),
                r.reportBytes() / 1e6,
                (double) r.reportBytes() / r.records(),
                r.writeSeconds(),
                r.countSeconds(),
                r.lookupSeconds(),
                r.peakLiveMb());
        StringBuilder counts = new StringBuilder();
        for (RecordOutcome o : RecordOutcome.values()) {
            counts.append(o).append('=').append(r.counts().of(o)).append(' ');
        }
        out.println("counts: " + counts.toString().trim());
        out.println("last record: " + r.last().map(RecordFate::toString).orElse("(none)"));
        out.printf(
                "{\"benchmark\":\"report\",\"records\":%d,\"shards\":%d,\"reportBytes\":%d,\"writeSeconds\":%.3f,"
                        + "\"countSeconds\":%.3f,\"lookupSeconds\":%.3f,\"peakLiveMb\":%.2f,\"maxHeapMb\":%.1f}%n",
                r.records(),
                r.shards(),
                r.reportBytes(),
                r.writeSeconds(),
                r.countSeconds(),
                r.lookupSeconds(),
                r.peakLiveMb(),
                Runtime.getRuntime().maxMemory() / 1e6);
        out.flush();
    }

    /** The highest heap in use right after a collection (the live set), from the collectors' notifications. */
    private static final class LivePeak implements AutoCloseable {
        private final AtomicLong peak = new AtomicLong();
        private final List<Runnable> unsubscribe = new ArrayList<>();

        LivePeak() {
            System.gc();
            for (GarbageCollectorMXBean gc : ManagementFactory.getGarbageCollectorMXBeans()) {
                if (gc instanceof NotificationEmitter emitter) {
                    NotificationListener listener = (n, handback) -> onGc(n);
                    emitter.addNotificationListener(listener, null, null);
                    unsubscribe.add(() -> {
                        try {
                            emitter.removeNotificationListener(listener);
                        } catch (ListenerNotFoundException e) {
                            // already gone
                        }
                    });
                }
            }
        }

        private void onGc(Notification n) {
            if (!GarbageCollectionNotificationInfo.GARBAGE_COLLECTION_NOTIFICATION.equals(n.getType())) {
                return;
            }
            GarbageCollectionNotificationInfo info =
                    GarbageCollectionNotificationInfo.from((CompositeData) n.getUserData());
            long heapAfter = 0;
            for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
                MemoryUsage u = info.getGcInfo().getMemoryUsageAfterGc().get(pool.getName());
                if (u != null && pool.getType() == MemoryType.HEAP) {
                    heapAfter += u.getUsed();
                }
            }
            peak.accumulateAndGet(heapAfter, Math::max);
        }

        double mb() {
            return peak.get() / 1e6;
        }

        @Override
        public void close() {
            unsubscribe.forEach(Runnable::run);
        }
    }
}
