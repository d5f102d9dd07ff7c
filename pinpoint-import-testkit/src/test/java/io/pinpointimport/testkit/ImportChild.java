package io.pinpointimport.testkit;

import io.pinpointimport.EndpointImporter;
import io.pinpointimport.ImportRun;
import io.pinpointimport.ImportSummary;
import io.pinpointimport.event.ImportListener;
import io.pinpointimport.event.ImportProgress;
import io.pinpointimport.format.ImportFormat;
import io.pinpointimport.job.ImportResult;
import io.pinpointimport.job.JobSnapshot;
import io.pinpointimport.s3.S3ShardStore;
import io.pinpointimport.shard.Shard;
import io.pinpointimport.spi.ShardStore;
import io.pinpointimport.spi.StoredShard;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.pinpoint.PinpointAsyncClient;
import software.amazon.awssdk.services.s3.S3AsyncClient;

/**
 * The import process of {@link KillAndResumeEmulatorTest}, run in a child JVM so that the test can kill it for
 * real. It talks to the test JVM's emulator and S3 over loopback and reports what happens as one event per line on
 * stdout, for the test to wait on:
 *
 * <pre>
 * RUN runId                       the run started (start) or was resumed (resume)
 * SHARD-WRITTEN count             shards written so far
 * STORE-HELD number               the store of this shard was held back on purpose (never completes)
 * SHARD-STORED number jobUrl uploaded  a shard is stored (uploaded: whether bytes were sent)
 * JOB s3Url jobId                 the first status of a job (after its create, or when an existing job is watched)
 * JOB-ENDED s3Url jobId status    a job ended
 * JOB-ERROR s3Url exceptionClass  a job could not be carried to its end
 * DONE key=value ...              the run's summary; the process then exits 0
 * ERROR exceptionClass            the run failed; the process then exits 2 (details on stderr)
 * </pre>
 *
 * <p>The child exits (status 3) when its stdin ends, so that it never outlives the test JVM.
 *
 * <p>Arguments: {@code key=value} settings, then {@code start file...} or {@code resume runId}. Settings:
 * {@code pinpoint}, {@code s3} (endpoints), {@code accessKey}, {@code secretKey}, {@code bucket}, {@code prefix},
 * {@code app}, {@code role}, {@code journal} (directory), {@code temp} (directory), {@code maxRecords} (per shard),
 * and optionally {@code holdStoresFrom} (the stores of shards with this number or higher never complete: a
 * deterministic way to stop the run mid-way) with {@code holdAfterUpload=true} (those shards are uploaded first, and
 * only the answer is held back: {@code STORE-HELD} then comes once the object is in S3). Both modes must get the same settings (bar {@code holdStoresFrom}), as a resumed run needs
 * the settings of the run it continues.
 */
public final class ImportChild {
    /** Line printed when the run is known. */
    static final String RUN = "RUN";
    /** Line printed with the number of shards written so far. */
    static final String SHARD_WRITTEN = "SHARD-WRITTEN";
    /** Line printed when a store is held back on purpose. */
    static final String STORE_HELD = "STORE-HELD";
    /** Line printed when a shard is stored. */
    static final String SHARD_STORED = "SHARD-STORED";
    /** Line printed on the first status of each job. */
    static final String JOB = "JOB";
    /** Line printed when a job ended. */
    static final String JOB_ENDED = "JOB-ENDED";
    /** Line printed when a job could not be carried to its end. */
    static final String JOB_ERROR = "JOB-ERROR";
    /** Line printed with the summary, just before exiting 0. */
    static final String DONE = "DONE";
    /** Line printed when the run failed, just before exiting 2. */
    static final String ERROR = "ERROR";

    /** The format of the shards, fixed so that the start and the resume always agree. */
    static final ImportFormat SHARD_FORMAT = ImportFormat.CSV;

    // explicit autoflush: every event must reach the test at once, the process may be killed any moment
    private static final PrintStream OUT =
            new PrintStream(new FileOutputStream(FileDescriptor.out), true, StandardCharsets.UTF_8);

    private ImportChild() {}

    /**
     * @param args settings, then the mode (see the class comment)
     */
    public static void main(String[] args) {
        exitWithParent();
        Map<String, String> settings = new HashMap<>();
        int i = 0;
        while (i < args.length && args[i].contains("=")) {
            int eq = args[i].indexOf('=');
            settings.put(args[i].substring(0, eq), args[i].substring(eq + 1));
            i++;
        }
        if (i >= args.length) {
            throw new IllegalArgumentException("give a mode: start file... | resume runId");
        }
        String mode = args[i];
        List<String> operands = List.of(args).subList(i + 1, args.length);
        int exit;
        try {
            exit = run(settings, mode, operands);
        } catch (RuntimeException | Error e) {
            e.printStackTrace();
            emit(ERROR + " " + e.getClass().getName());
            exit = 2;
        }
        System.exit(exit);
    }

    private static int run(Map<String, String> settings, String mode, List<String> operands) {
        StaticCredentialsProvider credentials = StaticCredentialsProvider.create(
                AwsBasicCredentials.create(required(settings, "accessKey"), required(settings, "secretKey")));
        // The clients are not closed: the process exits right after the run, and closing them would only add the
        // quiet period of Netty's event loops to every child's life.
        PinpointAsyncClient pinpoint = PinpointAsyncClient.builder()
                .endpointOverride(URI.create(required(settings, "pinpoint")))
                .region(Region.US_EAST_1)
                .credentialsProvider(credentials)
                .build();
        S3AsyncClient s3 = S3AsyncClient.builder()
                .endpointOverride(URI.create(required(settings, "s3")))
                .forcePathStyle(true)
                .region(Region.US_EAST_1)
                .credentialsProvider(credentials)
                .build();
        ShardStore store = S3ShardStore.builder()
                .s3(s3)
                .bucket(required(settings, "bucket"))
                .prefix(required(settings, "prefix"))
                .build();
        if (settings.containsKey("holdStoresFrom")) {
            store = new HoldingStore(
                    store,
                    Integer.parseInt(settings.get("holdStoresFrom")),
                    Boolean.parseBoolean(settings.get("holdAfterUpload")));
        }
        try (EndpointImporter importer = EndpointImporter.builder()
                .pinpoint(pinpoint)
                .applicationId(required(settings, "app"))
                .roleArn(required(settings, "role"))
                .shardStore(store)
                .format(SHARD_FORMAT)
                .maxRecordsPerShard(Long.parseLong(required(settings, "maxRecords")))
                .jobOptions(o -> o.registerEndpoints(true))
                .polling(p -> p.earlyInterval(Duration.ofMillis(10))
                        .minInterval(Duration.ofMillis(10))
                        .maxInterval(Duration.ofMillis(50)))
                .tempDirectory(Path.of(required(settings, "temp")))
                .journalDirectory(Path.of(required(settings, "journal")))
                .listener(new Events())
                .build()) {
            ImportRun run;
            switch (mode) {
                case "start" -> {
                    List<Path> files = new ArrayList<>();
                    operands.forEach(f -> files.add(Path.of(f)));
                    run = importer.importFiles(files.toArray(Path[]::new));
                }
                case "resume" -> run = importer.resume(operands.get(0));
                default -> throw new IllegalArgumentException("unknown mode " + mode);
            }
            emit(RUN + " " + run.runId());
            ImportSummary s = run.summary().join();
            emit(DONE + " read=" + s.recordsRead() + " rejected=" + s.recordsRejected()
                    + " submitted=" + s.recordsSubmitted() + " shards=" + s.shards()
                    + " results=" + s.results().size() + " completed=" + s.jobsCompleted()
                    + " failed=" + s.jobsFailed() + " jobErrors="
                    + s.jobErrors().size()
                    + " serviceProcessed=" + s.serviceProcessed() + " serviceFailed=" + s.serviceFailed()
                    + " resumed=" + s.resumed());
            return 0;
        }
    }

    /**
     * The test keeps this process's stdin open and never writes to it: end of input means the test JVM is gone
     * (killed, crashed, timed out), and a child held on purpose would otherwise live on forever.
     */
    private static void exitWithParent() {
        Thread watcher = new Thread(
                () -> {
                    try {
                        while (System.in.read() >= 0) {
                            // nothing is ever sent; wait for the end
                        }
                    } catch (IOException e) {
                        // a broken pipe is an end too
                    }
                    Runtime.getRuntime().halt(3);
                },
                "import-child-parent-watch");
        watcher.setDaemon(true);
        watcher.start();
    }

    private static String required(Map<String, String> settings, String key) {
        String value = settings.get(key);
        if (value == null) {
            throw new IllegalArgumentException("missing setting " + key + "=");
        }
        return value;
    }

    private static void emit(String line) {
        OUT.println(line);
    }

    /** Turns the run's events into lines. */
    private static final class Events implements ImportListener {
        private final Set<String> jobsSeen = ConcurrentHashMap.newKeySet();
        private int shardsWritten;

        @Override
        public void progress(ImportProgress progress) {
            synchronized (this) {
                // one line per count, in order, whatever thread reports
                while (shardsWritten < progress.shardsWritten()) {
                    shardsWritten++;
                    emit(SHARD_WRITTEN + " " + shardsWritten);
                }
            }
        }

        @Override
        public void shardStored(StoredShard stored) {
            emit(SHARD_STORED + " " + stored.shard().number() + " " + stored.jobUrl() + " " + stored.uploaded());
        }

        @Override
        public void jobStatus(String s3Url, JobSnapshot job) {
            if (jobsSeen.add(s3Url)) {
                emit(JOB + " " + s3Url + " " + job.id());
            }
        }

        @Override
        public void jobEnded(ImportResult result) {
            emit(JOB_ENDED + " " + result.s3Url() + " " + result.jobId() + " " + result.status());
        }

        @Override
        public void jobError(String s3Url, Throwable cause) {
            emit(JOB_ERROR + " " + s3Url + " " + cause.getClass().getName());
        }
    }

    /**
     * Stores shards below a number as usual and never completes the store of the others: the run stops there, at a
     * point the test chooses, without depending on timing.
     */
    private static final class HoldingStore implements ShardStore {
        private final ShardStore delegate;
        private final int holdFrom;
        private final boolean afterUpload;

        HoldingStore(ShardStore delegate, int holdFrom, boolean afterUpload) {
            this.delegate = delegate;
            this.holdFrom = holdFrom;
            this.afterUpload = afterUpload;
        }

        @Override
        public CompletableFuture<StoredShard> store(String runId, Shard shard) {
            if (shard.number() < holdFrom) {
                return delegate.store(runId, shard);
            }
            CompletableFuture<StoredShard> never = new CompletableFuture<>();
            if (afterUpload) {
                delegate.store(runId, shard)
                        .whenComplete((s, t) -> emit(STORE_HELD + " " + shard.number()
                                + (t == null ? "" : " failed " + t.getClass().getName())));
            } else {
                emit(STORE_HELD + " " + shard.number());
            }
            return never;
        }

        @Override
        public CompletableFuture<Void> deleteRun(String runId) {
            return delegate.deleteRun(runId);
        }

        /** The store's identity is the delegate's: a resumed run with the plain store must count as the same. */
        @Override
        public String describe() {
            return delegate.describe();
        }

        @Override
        public String toString() {
            return delegate.toString();
        }
    }
}
