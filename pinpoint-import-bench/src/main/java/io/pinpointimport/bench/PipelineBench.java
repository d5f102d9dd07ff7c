package io.pinpointimport.bench;

import static io.pinpointimport.bench.BenchSupport.deleteTree;
import static io.pinpointimport.bench.BenchSupport.median;
import static io.pinpointimport.bench.BenchSupport.tableHeader;

import com.sun.management.GarbageCollectionNotificationInfo;
import com.sun.management.OperatingSystemMXBean;
import io.pinpointimport.EndpointImporter;
import io.pinpointimport.ImportRun;
import io.pinpointimport.ImportSummary;
import io.pinpointimport.event.ImportListener;
import io.pinpointimport.format.ImportFormat;
import io.pinpointimport.job.ImportResult;
import io.pinpointimport.model.EndpointDefinition;
import io.pinpointimport.s3.S3ShardStore;
import io.pinpointimport.spi.StoredShard;
import io.pinpointimport.testkit.fixtures.EndpointFixtures;
import java.io.IOException;
import java.io.PrintStream;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.lang.management.MemoryUsage;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.ToDoubleFunction;
import java.util.stream.Stream;
import javax.management.ListenerNotFoundException;
import javax.management.Notification;
import javax.management.NotificationEmitter;
import javax.management.NotificationListener;
import javax.management.openmbean.CompositeData;
import software.amazon.awssdk.services.pinpoint.PinpointAsyncClient;
import software.amazon.awssdk.services.s3.S3AsyncClient;
import software.amazon.awssdk.transfer.s3.S3TransferManager;
import software.amazon.awssdk.transfer.s3.model.FileUpload;

/**
 * End-to-end pipeline benchmark (a plain {@code main}, not JMH: see docs/PERFORMANCE.md). For each input size and
 * iteration it runs three stages over the same seeded fixture endpoints, one after the other, in an order that
 * rotates from one iteration to the next (see {@link #order(int)}):
 *
 * <ol>
 *   <li>{@code serialize}: the whole local part of the pipeline, {@link EndpointImporter} generating, validating,
 *       serializing and sharding to files, with a store that only keeps the finished shard files (hard links) and a
 *       target whose jobs complete at once;</li>
 *   <li>{@code upload}: those same shard files (as the latest serialize stage of the size kept them), uploaded
 *       through the SDK's {@link S3TransferManager} over the same multipart S3 client, all at once, with the
 *       request {@link S3ShardStore} sends (length and precomputed CRC32C): the upload limit;</li>
 *   <li>{@code pipeline}: {@link EndpointImporter} with {@link S3ShardStore} and the emulator as the target (instant
 *       pace), one job per shard. "Stored" is the time until the last shard is uploaded and verified, "done" until
 *       every job ended (the emulator reads and parses every shard, in its own JVM).</li>
 * </ol>
 *
 * <p>It prints MB/s per stage (MB = 10^6 bytes of shard files), the efficiency
 * {@code pipeline / (1 / (1/serialize + 1/upload))} of each iteration and of the per-stage medians, and the peak
 * heap (sum of the heap pools' peak usage), peak RSS ({@code VmHWM}) and CPU time of this JVM for each stage.
 *
 * <pre>
 * java -Xmx64m -cp benchmarks.jar io.pinpointimport.bench.PipelineBench --ready-file emulator.env \
 *      --sizes 100,1000 --iterations 3 --format csv --stages serialize,upload,pipeline
 * </pre>
 */
public final class PipelineBench {

    /** The three stages. */
    enum Stage {
        SERIALIZE,
        UPLOAD,
        PIPELINE
    }

    /** One measured stage. */
    record Result(
            double sizeMb,
            int iteration,
            Stage stage,
            long bytes,
            long records,
            int shards,
            double seconds,
            double storedSeconds,
            double peakHeapMb,
            double peakLiveMb,
            double peakRssMb,
            long gcCount,
            double cpuSeconds,
            double storedCpuSeconds,
            int position) {

        Result withStoredCpu(double storedCpuSeconds) {
            return new Result(
                    sizeMb,
                    iteration,
                    stage,
                    bytes,
                    records,
                    shards,
                    seconds,
                    storedSeconds,
                    peakHeapMb,
                    peakLiveMb,
                    peakRssMb,
                    gcCount,
                    cpuSeconds,
                    storedCpuSeconds,
                    position);
        }

        Result at(int position) {
            return new Result(
                    sizeMb,
                    iteration,
                    stage,
                    bytes,
                    records,
                    shards,
                    seconds,
                    storedSeconds,
                    peakHeapMb,
                    peakLiveMb,
                    peakRssMb,
                    gcCount,
                    cpuSeconds,
                    storedCpuSeconds,
                    position);
        }

        double mbPerS() {
            return bytes / 1e6 / seconds;
        }

        double storedMbPerS() {
            return bytes / 1e6 / storedSeconds;
        }
    }

    /** Benchmark settings. */
    static final class Settings {
        double[] sizesMb = {100};
        int iterations = 3;
        double warmupMb = 20;
        ImportFormat format = ImportFormat.CSV;
        EnumSet<Stage> stages = EnumSet.allOf(Stage.class);
        Path readyFile;
        Path workDir;
        Path jsonOut;
        long maxShardBytes = -1;
        int calibrationRecords = 20_000;
        boolean emulatorJobs = true;
        long quietPid = -1;
    }

    private static final String ROLE = "arn:aws:iam::123456789012:role/PinpointImportBench";

    private final Settings settings;
    private final PrintStream out;
    private final BenchServers servers;
    private final S3AsyncClient s3;
    private final PinpointAsyncClient pinpoint;
    private final AtomicInteger runs = new AtomicInteger();
    /** CRC32C (base64) of every kept shard file, which the library computed while writing it. */
    private final Map<Path, String> checksums = new ConcurrentHashMap<>();

    private final String appId;
    private double bytesPerRecord;

    private PipelineBench(Settings settings, PrintStream out, BenchServers servers) {
        this.settings = settings;
        this.out = out;
        this.servers = servers;
        this.s3 = settings.stages.contains(Stage.SERIALIZE) && settings.stages.size() == 1 ? null : servers.newS3();
        this.pinpoint =
                settings.stages.contains(Stage.PIPELINE) && settings.emulatorJobs ? servers.newPinpoint() : null;
        // An application of its own, so that endpoints of an earlier invocation (another format, another size)
        // neither count against this one's limits nor slow its jobs down.
        this.appId = pinpoint == null
                ? servers.appId
                : pinpoint.createApp(r -> r.createApplicationRequest(
                                c -> c.name("pipeline-bench-" + settings.format + "-" + System.nanoTime())))
                        .join()
                        .applicationResponse()
                        .id();
    }

    /**
     * Runs the benchmark and prints its report.
     *
     * @param args see {@link #parse(String[])}
     * @throws Exception if a stage fails
     */
    public static void main(String[] args) throws Exception {
        Settings settings = parse(args);
        run(settings, System.out);
    }

    static List<Result> run(Settings settings, PrintStream out) throws Exception {
        boolean ownWork = settings.workDir == null;
        Path work = ownWork ? Files.createTempDirectory("pipeline-bench") : settings.workDir;
        settings.workDir = work;
        try (BenchServers servers = settings.readyFile != null
                ? BenchServers.fromReadyFile(settings.readyFile)
                : BenchServers.inProcess()) {
            PipelineBench bench = new PipelineBench(settings, out, servers);
            try {
                return bench.runAll();
            } finally {
                bench.closeClients();
            }
        } finally {
            if (ownWork) {
                deleteTree(work);
            }
        }
    }

    private void closeClients() {
        if (s3 != null) {
            s3.close();
        }
        if (pinpoint != null) {
            pinpoint.close();
        }
    }

    private List<Result> runAll() throws Exception {
        out.printf(
                Locale.ROOT,
                "PipelineBench: format %s, jobs %s, stages %s, sizes %s MB, %d iteration(s), warm-up %.0f MB,"
                        + " max heap %.0f MB, %d CPUs%n",
                settings.format,
                settings.emulatorJobs ? "emulator" : "instant",
                settings.stages,
                Arrays.toString(settings.sizesMb),
                settings.iterations,
                settings.warmupMb,
                Runtime.getRuntime().maxMemory() / 1e6,
                Runtime.getRuntime().availableProcessors());
        // Calibration: the fixtures' bytes per record in this format, so that a size in MB becomes a record count.
        Result calibration = calibrate();
        bytesPerRecord = (double) calibration.bytes() / calibration.records();
        out.printf(Locale.ROOT, "calibration: %.1f bytes/record%n", bytesPerRecord);
        if (settings.warmupMb > 0) {
            out.println("warm-up ...");
            Path kept = settings.workDir.resolve("kept-warmup");
            try {
                iteration(settings.warmupMb, 0, false, kept);
            } finally {
                deleteTree(kept);
            }
        }
        List<Result> results = new ArrayList<>();
        for (double size : settings.sizesMb) {
            Path kept = settings.workDir.resolve("kept-" + runs.incrementAndGet());
            try {
                for (int i = 1; i <= settings.iterations; i++) {
                    results.addAll(iteration(size, i, true, kept));
                }
            } finally {
                deleteTree(kept);
            }
        }
        printReport(results);
        if (settings.jsonOut != null) {
            writeJson(results);
        }
        return results;
    }

    /**
     * The stages of one iteration, in an order that rotates from one iteration to the next (serialize, upload,
     * pipeline; then upload, pipeline, serialize; then pipeline, serialize, upload), so that over a multiple of three
     * iterations every stage runs first, second and last equally often. The upload stage sends the shard files the
     * latest serialize stage of this size kept (the input is seeded, so every iteration writes the same bytes); the
     * first iteration starts with serialize, so they exist.
     */
    static List<Stage> order(int iteration) {
        List<Stage> order = new ArrayList<>(List.of(Stage.SERIALIZE, Stage.UPLOAD, Stage.PIPELINE));
        Collections.rotate(order, -Math.floorMod(iteration - 1, order.size()));
        return order;
    }

    private List<Result> iteration(double sizeMb, int iteration, boolean report, Path kept) throws Exception {
        long records = Math.max(1, Math.round(sizeMb * 1e6 / bytesPerRecord));
        List<Result> results = new ArrayList<>();
        boolean serializeRuns = settings.stages.contains(Stage.SERIALIZE) || settings.stages.contains(Stage.UPLOAD);
        int position = 0;
        for (Stage stage : order(iteration)) {
            Result r = switch (stage) {
                case SERIALIZE -> serializeRuns ? serialize(sizeMb, iteration, records, kept) : null;
                case UPLOAD -> settings.stages.contains(Stage.UPLOAD) ? upload(sizeMb, iteration, kept) : null;
                case PIPELINE -> settings.stages.contains(Stage.PIPELINE) ? pipeline(sizeMb, iteration, records) : null;
            };
            if (r != null) {
                results.add(r.at(++position));
            }
        }
        results.removeIf(r -> !settings.stages.contains(r.stage()));
        if (report) {
            for (Result r : results) {
                out.printf(
                        Locale.ROOT,
                        "  %7.1f MB #%d %-9s %8.2f s %7.1f MB/s (stored %7.1f MB/s)  heap %5.1f MB"
                                + "  live %5.1f MB  rss %6.1f MB  cpu %7.2f s  position %d%n",
                        r.bytes() / 1e6,
                        r.iteration(),
                        r.stage().name().toLowerCase(Locale.ROOT),
                        r.seconds(),
                        r.mbPerS(),
                        r.storedMbPerS(),
                        r.peakHeapMb(),
                        r.peakLiveMb(),
                        r.peakRssMb(),
                        r.cpuSeconds(),
                        r.position());
            }
        }
        return results;
    }

    // The emulator JVM goes on collecting garbage and compiling for a while after its jobs end; on 2 cores that would
    // be charged to the next stage. Waits until it used under 5 % of a core over half a second.
    private void waitQuiet() throws InterruptedException {
        if (settings.quietPid < 0) {
            return;
        }
        Path stat = Path.of("/proc/" + settings.quietPid + "/stat");
        long deadline = System.nanoTime() + 60_000_000_000L;
        long previous = cpuTicks(stat);
        while (previous >= 0 && System.nanoTime() < deadline) {
            new CountDownLatch(1).await(500, TimeUnit.MILLISECONDS);
            long now = cpuTicks(stat);
            // 100 ticks per second on Linux: 5 % of a core over 0.5 s is 2.5 ticks.
            if (now - previous < 3) {
                return;
            }
            previous = now;
        }
    }

    private static long cpuTicks(Path stat) {
        try {
            String text = Files.readString(stat);
            String[] f = text.substring(text.lastIndexOf(')') + 2).split(" ");
            return Long.parseLong(f[11]) + Long.parseLong(f[12]);
        } catch (IOException | RuntimeException e) {
            return -1;
        }
    }

    private Result calibrate() throws Exception {
        Path kept = settings.workDir.resolve("calibration");
        Files.createDirectories(kept);
        try {
            return serialize(0, -1, settings.calibrationRecords, kept);
        } finally {
            deleteTree(kept);
        }
    }

    // The local part of the pipeline, measured through the public API: everything but the upload and the jobs.
    private Result serialize(double sizeMb, int iteration, long records, Path kept) throws Exception {
        // Shard files are kept only when the upload stage needs them, so that serialize alone can be timed both ways.
        boolean keep = settings.stages.contains(Stage.UPLOAD);
        if (keep) {
            // the previous serialize stage's files make way (outside the timing)
            deleteTree(kept);
            Files.createDirectories(kept);
        }
        KeepingStore store = new KeepingStore(keep ? kept : null, checksums);
        AtomicLong lastStored = new AtomicLong();
        EndpointImporter.Builder b = EndpointImporter.builder()
                .importTarget(new InstantTarget())
                .shardStore(store)
                .format(settings.format)
                .tempDirectory(settings.workDir)
                .listener(new ImportListener() {
                    @Override
                    public void shardStored(StoredShard stored) {
                        lastStored.accumulateAndGet(System.nanoTime(), Math::max);
                    }
                });
        if (settings.maxShardBytes > 0 && sizeMb > 0) {
            b.maxShardBytes(settings.maxShardBytes);
        }
        waitQuiet();
        Probe probe = Probe.start();
        ImportSummary summary;
        double seconds;
        // Timed to the summary, not to close(): closing waits for the importer's own threads to wind down.
        try (EndpointImporter importer = b.build()) {
            summary = importer.importEndpoints(input(records)).summary().join();
            seconds = probe.seconds();
        }
        check(summary, records);
        return probe.result(
                sizeMb,
                iteration,
                Stage.SERIALIZE,
                store.bytes(),
                records,
                summary.shards(),
                seconds,
                (lastStored.get() - probe.startNanos) / 1e9);
    }

    private Result upload(double sizeMb, int iteration, Path kept) throws Exception {
        List<Path> files;
        try (Stream<Path> list = Files.list(kept)) {
            files = list.sorted(Comparator.naturalOrder()).toList();
        }
        long bytes = 0;
        for (Path f : files) {
            bytes += Files.size(f);
        }
        String prefix = "upload-limit/" + runs.incrementAndGet() + "/";
        waitQuiet();
        Probe probe = Probe.start();
        try (S3TransferManager tm = S3TransferManager.builder().s3Client(s3).build()) {
            List<CompletableFuture<?>> uploads = new ArrayList<>();
            for (Path f : files) {
                long size = Files.size(f);
                String crc = checksums.get(f);
                // The request S3ShardStore sends (length and the CRC32C the library computed while writing the
                // shard), so that the SDK does not checksum the body itself: the same work as in the pipeline.
                FileUpload up = tm.uploadFile(u -> u.source(f)
                        .putObjectRequest(p -> p.bucket(servers.bucket)
                                .key(prefix + f.getFileName())
                                .contentLength(size)
                                .checksumCRC32C(crc)));
                uploads.add(up.completionFuture());
            }
            CompletableFuture.allOf(uploads.toArray(CompletableFuture[]::new)).join();
        }
        double seconds = probe.seconds();
        Result r = probe.result(sizeMb, iteration, Stage.UPLOAD, bytes, -1, files.size(), seconds, seconds);
        for (Path f : files) {
            s3.deleteObject(d -> d.bucket(servers.bucket).key(prefix + f.getFileName()))
                    .join();
        }
        return r;
    }

    private Result pipeline(double sizeMb, int iteration, long records) throws Exception {
        S3ShardStore store = S3ShardStore.builder()
                .s3(s3)
                .bucket(servers.bucket)
                .prefix("pipeline/")
                .build();
        AtomicLong lastStored = new AtomicLong();
        AtomicLong storedCpu = new AtomicLong();
        AtomicLong bytes = new AtomicLong();
        ConcurrentLinkedQueue<CompletableFuture<?>> deletes = new ConcurrentLinkedQueue<>();
        Map<String, String> objects = new ConcurrentHashMap<>();
        EndpointImporter.Builder b = EndpointImporter.builder();
        if (settings.emulatorJobs) {
            b.pinpoint(pinpoint).applicationId(appId).roleArn(ROLE);
        } else {
            b.importTarget(new InstantTarget());
        }
        b.shardStore(store)
                .format(settings.format)
                .tempDirectory(settings.workDir)
                .listener(new ImportListener() {
                    @Override
                    public void shardStored(StoredShard stored) {
                        bytes.addAndGet(stored.shard().byteCount());
                        objects.put(stored.jobUrl(), stored.objectUrl());
                        lastStored.accumulateAndGet(System.nanoTime(), Math::max);
                        storedCpu.accumulateAndGet(Probe.processCpuNanos(), Math::max);
                    }

                    // A shard's object is of no more use once its job ended; deleting it at once keeps the S3
                    // server's memory to a few shards whatever the input size.
                    @Override
                    public void jobEnded(ImportResult result) {
                        String url = objects.getOrDefault(result.s3Url(), result.s3Url());
                        String key = url.substring(("s3://" + servers.bucket + "/").length());
                        deletes.add(
                                s3.deleteObject(d -> d.bucket(servers.bucket).key(key)));
                    }
                });
        if (settings.maxShardBytes > 0) {
            b.maxShardBytes(settings.maxShardBytes);
        }
        waitQuiet();
        Probe probe = Probe.start();
        ImportSummary summary;
        String runId;
        double seconds;
        try (EndpointImporter importer = b.build()) {
            ImportRun run = importer.importEndpoints(input(records));
            runId = run.runId();
            summary = run.summary().join();
            seconds = probe.seconds();
        }
        double storedSeconds = (lastStored.get() - probe.startNanos) / 1e9;
        check(summary, records);
        if (summary.jobsCompleted() != summary.shards()
                || settings.emulatorJobs && (summary.serviceProcessed() != records || summary.serviceFailed() != 0)) {
            throw new IllegalStateException("pipeline run incomplete: " + summary.jobsCompleted() + " of "
                    + summary.shards() + " jobs completed, " + summary.serviceProcessed() + " of " + records
                    + " records processed by the emulator, " + summary.serviceFailed() + " failed; "
                    + summary.jobErrors().stream()
                            .map(e -> e.cause().getMessage())
                            .limit(2)
                            .toList());
        }
        Result r = probe.result(
                        sizeMb,
                        iteration,
                        Stage.PIPELINE,
                        bytes.get(),
                        records,
                        summary.shards(),
                        seconds,
                        storedSeconds)
                .withStoredCpu((storedCpu.get() - probe.cpuStart) / 1e9);
        CompletableFuture.allOf(deletes.toArray(CompletableFuture[]::new)).join();
        store.deleteRun(runId).join();
        return r;
    }

    private static void check(ImportSummary summary, long records) {
        if (summary.recordsRead() != records || summary.recordsRejected() != 0) {
            throw new IllegalStateException("expected " + records + " records read and none rejected, got "
                    + summary.recordsRead() + " read, " + summary.recordsRejected() + " rejected");
        }
    }

    private static Iterator<EndpointDefinition> input(long records) {
        return EndpointFixtures.ofDefaults().stream(records).iterator();
    }

    private void printReport(List<Result> results) {
        out.println();
        tableHeader(
                out,
                "input",
                "iteration",
                "serialize MB/s",
                "upload MB/s",
                "ceiling MB/s",
                "pipeline (stored) MB/s",
                "efficiency",
                "pipeline (jobs done) MB/s",
                "shards");
        for (double size : settings.sizesMb) {
            for (int i = 1; i <= settings.iterations; i++) {
                Optional<Result> s = find(results, size, i, Stage.SERIALIZE);
                Optional<Result> u = find(results, size, i, Stage.UPLOAD);
                Optional<Result> p = find(results, size, i, Stage.PIPELINE);
                double ceiling = s.isPresent() && u.isPresent()
                        ? 1 / (1 / s.get().mbPerS() + 1 / u.get().mbPerS())
                        : Double.NaN;
                double efficiency = p.isPresent() ? p.get().storedMbPerS() / ceiling : Double.NaN;
                long bytes = p.map(Result::bytes)
                        .orElseGet(() -> s.map(Result::bytes).orElse(0L));
                out.printf(
                        Locale.ROOT,
                        "| %.0f MB | %d | %s | %s | %s | %s | %s | %s | %s |%n",
                        bytes / 1e6,
                        i,
                        fmt(s.map(Result::mbPerS)),
                        fmt(u.map(Result::mbPerS)),
                        fmt(Optional.of(ceiling)),
                        fmt(p.map(Result::storedMbPerS)),
                        fmt2(efficiency),
                        fmt(p.map(Result::mbPerS)),
                        p.or(() -> s).map(r -> Integer.toString(r.shards())).orElse("?"));
            }
        }
        out.println();
        tableHeader(
                out,
                "input",
                "<stage",
                "iteration",
                "seconds",
                "s per GB",
                "peak heap MB",
                "peak live heap MB",
                "peak RSS MB",
                "GCs",
                "CPU s",
                "position");
        for (Result r : results) {
            out.printf(
                    Locale.ROOT,
                    "| %.0f MB | %s | %d | %.2f | %.1f | %.1f | %.1f | %.1f | %d | %.2f | %d |%n",
                    r.bytes() / 1e6,
                    r.stage().name().toLowerCase(Locale.ROOT),
                    r.iteration(),
                    r.seconds(),
                    r.seconds() / (r.bytes() / 1e9),
                    r.peakHeapMb(),
                    r.peakLiveMb(),
                    r.peakRssMb(),
                    r.gcCount(),
                    r.cpuSeconds(),
                    r.position());
        }
        printMedians(results);
    }

    /**
     * Per size, the median of each stage over the iterations, and the efficiency of the medians. With the stage
     * order rotating, the medians do not favour the stage that happens to run first; with a multiple of three
     * iterations each stage ran first equally often.
     */
    private void printMedians(List<Result> results) {
        out.println();
        tableHeader(
                out,
                "input",
                "<stage",
                "iterations",
                "median s",
                "median MB/s",
                "median stored MB/s",
                "median CPU s",
                "first in its iteration");
        for (double size : settings.sizesMb) {
            Map<Stage, Double> mbPerS = new EnumMap<>(Stage.class);
            Map<Stage, Double> stored = new EnumMap<>(Stage.class);
            long bytes = 0;
            for (Stage stage : Stage.values()) {
                List<Result> of = results.stream()
                        .filter(r -> r.sizeMb() == size && r.stage() == stage)
                        .toList();
                if (of.isEmpty()) {
                    continue;
                }
                bytes = of.get(0).bytes();
                mbPerS.put(stage, median(of.stream().mapToDouble(Result::mbPerS)));
                stored.put(stage, median(of.stream().mapToDouble(Result::storedMbPerS)));
                out.printf(
                        Locale.ROOT,
                        "| %.0f MB | %s | %d | %.2f | %.1f | %.1f | %.2f | %d of %d |%n",
                        of.get(0).bytes() / 1e6,
                        stage.name().toLowerCase(Locale.ROOT),
                        of.size(),
                        median(of.stream().mapToDouble(Result::seconds)),
                        mbPerS.get(stage),
                        stored.get(stage),
                        median(of.stream().mapToDouble(Result::cpuSeconds)),
                        of.stream().filter(r -> r.position() == 1).count(),
                        of.size());
            }
            if (mbPerS.containsKey(Stage.SERIALIZE)
                    && mbPerS.containsKey(Stage.UPLOAD)
                    && stored.containsKey(Stage.PIPELINE)) {
                double ceiling = 1 / (1 / mbPerS.get(Stage.SERIALIZE) + 1 / mbPerS.get(Stage.UPLOAD));
                out.printf(
                        Locale.ROOT,
                        "%nmedians, %.0f MB: ceiling %.1f MB/s, pipeline (stored) %.1f MB/s," + " efficiency %.2f%n",
                        bytes / 1e6,
                        ceiling,
                        stored.get(Stage.PIPELINE),
                        stored.get(Stage.PIPELINE) / ceiling);
                // The same ratio in this JVM's CPU time, which a loaded machine disturbs far less than wall time
                // (the S3 server's CPU, in the other JVM, is in none of the three).
                double cpuSerialize = medianOf(results, size, Stage.SERIALIZE, Result::cpuSeconds);
                double cpuUpload = medianOf(results, size, Stage.UPLOAD, Result::cpuSeconds);
                double cpuPipeline = medianOf(results, size, Stage.PIPELINE, Result::storedCpuSeconds);
                out.printf(
                        Locale.ROOT,
                        "CPU time of this JVM, medians, %.0f MB: serialize %.2f s + upload %.2f s"
                                + " = %.2f s; pipeline until stored %.2f s; core-time efficiency %.2f%n",
                        bytes / 1e6,
                        cpuSerialize,
                        cpuUpload,
                        cpuSerialize + cpuUpload,
                        cpuPipeline,
                        (cpuSerialize + cpuUpload) / cpuPipeline);
            }
        }
    }

    private static double medianOf(List<Result> results, double size, Stage stage, ToDoubleFunction<Result> value) {
        return median(results.stream()
                .filter(r -> r.sizeMb() == size && r.stage() == stage)
                .mapToDouble(value));
    }

    private static Optional<Result> find(List<Result> results, double size, int iteration, Stage stage) {
        return results.stream()
                .filter(r -> r.sizeMb() == size && r.iteration() == iteration && r.stage() == stage)
                .findFirst();
    }

    private static String fmt(Optional<Double> v) {
        return v.filter(d -> !d.isNaN())
                .map(d -> String.format(Locale.ROOT, "%.1f", d))
                .orElse("n/a");
    }

    private static String fmt2(double v) {
        return Double.isNaN(v) ? "n/a" : String.format(Locale.ROOT, "%.2f", v);
    }

    private void writeJson(List<Result> results) throws IOException {
        StringBuilder sb = new StringBuilder("[\n");
        for (int i = 0; i < results.size(); i++) {
            Result r = results.get(i);
            sb.append(String.format(
                    Locale.ROOT,
                    "  {\"format\":\"%s\",\"sizeMb\":%s,\"iteration\":%d,\"stage\":\"%s\","
                            + "\"bytes\":%d,\"records\":%d,\"shards\":%d,\"seconds\":%.4f,\"storedSeconds\":%.4f,"
                            + "\"peakHeapMb\":%.2f,\"peakLiveMb\":%.2f,\"peakRssMb\":%.2f,\"gcCount\":%d,\"cpuSeconds\":%.3f,"
                            + "\"storedCpuSeconds\":%.3f,\"position\":%d}%s%n",
                    settings.format,
                    r.sizeMb(),
                    r.iteration(),
                    r.stage().name().toLowerCase(Locale.ROOT),
                    r.bytes(),
                    r.records(),
                    r.shards(),
                    r.seconds(),
                    r.storedSeconds(),
                    r.peakHeapMb(),
                    r.peakLiveMb(),
                    r.peakRssMb(),
                    r.gcCount(),
                    r.cpuSeconds(),
                    r.storedCpuSeconds(),
                    r.position(),
                    i + 1 < results.size() ? "," : ""));
        }
        sb.append("]\n");
        Files.writeString(settings.jsonOut, sb.toString(), StandardCharsets.UTF_8);
    }

    /**
     * Parses the options.
     *
     * <pre>
     * --sizes MB[,MB...]      input sizes, in MB of shard bytes (default 100)
     * --iterations N          measured iterations per size (default 3)
     * --warmup-mb MB          one unmeasured iteration of this size first (default 20; 0: none)
     * --format csv|json       shard format (default csv, the library's default)
     * --stages s[,s...]       serialize, upload, pipeline (default all; upload implies serialize)
     * --ready-file PATH       the emulator JVM's ready file (EmulatorMain --ready-file); none: in-process servers
     * --work-dir PATH         where shards are written (default a new temp dir)
     * --max-shard-bytes N     shard size limit (default the library's)
     * --json PATH             also write the raw results as JSON
     * --jobs emulator|instant  pipeline jobs against the emulator (default), or a target whose jobs end at once
     *                         (for sizes whose endpoints the emulator cannot hold: it keeps every one in memory)
     * --quiet-pid PID         before each stage, wait (up to 60 s) until that process (the emulator JVM) is idle
     * --calibration-records N records serialized first to learn the bytes per record (default 20000)
     * </pre>
     */
    static Settings parse(String[] args) {
        Settings s = new Settings();
        for (int i = 0; i < args.length; i++) {
            String option = args[i];
            if (i + 1 >= args.length) {
                throw new IllegalArgumentException("missing value after " + option);
            }
            String value = args[++i];
            switch (option) {
                case "--sizes" ->
                    s.sizesMb = Arrays.stream(value.split(","))
                            .mapToDouble(Double::parseDouble)
                            .toArray();
                case "--iterations" -> s.iterations = Integer.parseInt(value);
                case "--warmup-mb" -> s.warmupMb = Double.parseDouble(value);
                case "--format" -> s.format = value.equalsIgnoreCase("csv") ? ImportFormat.CSV : ImportFormat.JSON;
                case "--stages" -> {
                    s.stages = EnumSet.noneOf(Stage.class);
                    for (String stage : value.split(",")) {
                        s.stages.add(Stage.valueOf(stage.trim().toUpperCase(Locale.ROOT)));
                    }
                }
                case "--ready-file" -> s.readyFile = Path.of(value);
                case "--work-dir" -> s.workDir = Path.of(value);
                case "--max-shard-bytes" -> s.maxShardBytes = Long.parseLong(value);
                case "--json" -> s.jsonOut = Path.of(value);
                case "--jobs" ->
                    s.emulatorJobs = switch (value) {
                        case "emulator" -> true;
                        case "instant" -> false;
                        default -> throw new IllegalArgumentException("--jobs emulator|instant, was " + value);
                    };
                case "--quiet-pid" -> s.quietPid = Long.parseLong(value);
                case "--calibration-records" -> s.calibrationRecords = Integer.parseInt(value);
                default -> throw new IllegalArgumentException("unknown option " + option);
            }
        }
        return s;
    }

    /**
     * Wall time, heap and RSS of one stage. Heap: the highest heap occupancy seen (sampled every
     * {@value #SAMPLE_MS} ms, garbage included, so bounded by {@code -Xmx}) and the highest heap in use right after
     * a collection (the live set, from the collectors' notifications). RSS: {@code VmHWM}, reset at the start.
     */
    private static final class Probe implements AutoCloseable {
        private static final long SAMPLE_MS = 5;
        private final long startNanos;
        private final long gcStart;
        private final long cpuStart;
        private final AtomicLong peakUsed = new AtomicLong();
        private final AtomicLong peakLive = new AtomicLong();
        private final ScheduledExecutorService sampler = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "pipeline-bench-heap-sampler");
            t.setDaemon(true);
            return t;
        });
        private final List<Runnable> unsubscribe = new ArrayList<>();

        private Probe() {
            System.gc();
            resetRssPeak();
            MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
            sampler.scheduleAtFixedRate(
                    () -> peakUsed.accumulateAndGet(memory.getHeapMemoryUsage().getUsed(), Math::max),
                    0,
                    SAMPLE_MS,
                    TimeUnit.MILLISECONDS);
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
            this.gcStart = gcCount();
            this.cpuStart = processCpuNanos();
            this.startNanos = System.nanoTime();
        }

        static Probe start() {
            return new Probe();
        }

        private void onGc(Notification n) {
            if (!GarbageCollectionNotificationInfo.GARBAGE_COLLECTION_NOTIFICATION.equals(n.getType())) {
                return;
            }
            GarbageCollectionNotificationInfo info =
                    GarbageCollectionNotificationInfo.from((CompositeData) n.getUserData());
            long after = 0;
            for (MemoryUsage usage : info.getGcInfo().getMemoryUsageAfterGc().values()) {
                after += usage.getUsed();
            }
            // After-GC usage covers every pool the collector reports, non-heap ones included; keep heap pools only.
            long heapAfter = 0;
            for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
                MemoryUsage u = info.getGcInfo().getMemoryUsageAfterGc().get(pool.getName());
                if (u != null && pool.getType() == MemoryType.HEAP) {
                    heapAfter += u.getUsed();
                }
            }
            peakLive.accumulateAndGet(heapAfter > 0 ? heapAfter : after, Math::max);
        }

        double seconds() {
            return (System.nanoTime() - startNanos) / 1e9;
        }

        Result result(
                double sizeMb,
                int iteration,
                Stage stage,
                long bytes,
                long records,
                int shards,
                double seconds,
                double storedSeconds) {
            close();
            peakUsed.accumulateAndGet(
                    ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed(), Math::max);
            return new Result(
                    sizeMb,
                    iteration,
                    stage,
                    bytes,
                    records,
                    shards,
                    seconds,
                    storedSeconds,
                    peakUsed.get() / 1e6,
                    peakLive.get() / 1e6,
                    peakRss() / 1e6,
                    gcCount() - gcStart,
                    (processCpuNanos() - cpuStart) / 1e9,
                    (processCpuNanos() - cpuStart) / 1e9,
                    0);
        }

        @Override
        public void close() {
            sampler.shutdownNow();
            unsubscribe.forEach(Runnable::run);
            unsubscribe.clear();
        }

        // CPU time of this JVM (all threads, GC and JIT included): tells a stage that did more work from one that
        // got less of the machine.
        static long processCpuNanos() {
            if (ManagementFactory.getOperatingSystemMXBean() instanceof OperatingSystemMXBean os) {
                return os.getProcessCpuTime();
            }
            return 0;
        }

        private static long gcCount() {
            long n = 0;
            for (GarbageCollectorMXBean gc : ManagementFactory.getGarbageCollectorMXBeans()) {
                n += Math.max(0, gc.getCollectionCount());
            }
            return n;
        }

        // Writing 5 to clear_refs resets VmHWM to the current RSS (Linux >= 4.0); elsewhere the peak is the process's.
        private static void resetRssPeak() {
            try {
                Files.writeString(Path.of("/proc/self/clear_refs"), "5");
            } catch (IOException | RuntimeException e) {
                // not Linux, or not allowed: the figure is then the peak since the JVM started
            }
        }

        private static long peakRss() {
            try {
                for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
                    if (line.startsWith("VmHWM:")) {
                        return Long.parseLong(line.replaceAll("[^0-9]", "")) * 1024;
                    }
                }
            } catch (IOException | RuntimeException e) {
                // not Linux
            }
            return -1;
        }
    }
}
