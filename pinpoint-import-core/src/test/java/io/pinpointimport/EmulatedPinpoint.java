package io.pinpointimport;

import io.pinpointimport.emulator.LocalS3;
import io.pinpointimport.emulator.Pace;
import io.pinpointimport.emulator.pinpoint.Faults;
import io.pinpointimport.emulator.pinpoint.Operation;
import io.pinpointimport.emulator.pinpoint.PinpointEmulator;
import io.pinpointimport.emulator.pinpoint.ServedRequest;
import io.pinpointimport.model.ChannelType;
import io.pinpointimport.model.EndpointDefinition;
import io.pinpointimport.spi.ShardStore;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.function.Consumer;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import software.amazon.awssdk.services.pinpoint.PinpointAsyncClient;
import software.amazon.awssdk.services.pinpoint.PinpointClient;
import software.amazon.awssdk.services.pinpoint.model.ImportJobResponse;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * Core's tests against the real thing's stand-in: a {@link PinpointEmulator} with one application, reading shards
 * from one {@link LocalS3} that every test of the JVM shares (each run writes under its own run id), and a real
 * {@link PinpointAsyncClient} pointed at it. What the emulator served is read from {@link PinpointEmulator#requests()}.
 *
 * <p>As a field with {@code @RegisterExtension}, it is closed after each test.
 */
public final class EmulatedPinpoint implements AutoCloseable, AfterEachCallback {
    /** The role ARN every test uses. */
    public static final String ROLE = "arn:aws:iam::123456789012:role/PinpointImport";
    /** The bucket shards go to. */
    public static final String BUCKET = "bucket";

    private static LocalS3 sharedS3;
    private static S3Client sharedS3Client;

    private final ScheduledThreadPoolExecutor scheduler = new ScheduledThreadPoolExecutor(2);
    private PinpointEmulator emulator;
    private String appId;
    private PinpointAsyncClient client;
    private PinpointClient reader;

    private EmulatedPinpoint(Consumer<PinpointEmulator.Builder> settings) {
        scheduler.setRemoveOnCancelPolicy(true);
        open(settings);
    }

    private void open(Consumer<PinpointEmulator.Builder> settings) {
        PinpointEmulator.Builder builder = PinpointEmulator.builder().s3(s3());
        settings.accept(builder);
        emulator = builder.start();
        appId = emulator.createApp("tests");
        client = emulator.newAsyncClient();
        reader = emulator.newClient();
    }

    private void shut() {
        client.close();
        reader.close();
        emulator.close();
    }

    /**
     * Swaps the service for a new one with another pace (a new application and client; the same scheduler). Call it
     * before making an importer.
     *
     * @param pace how jobs move through their states
     */
    public void restart(Pace pace) {
        shut();
        open(b -> b.pace(pace));
    }

    /** @return an emulator whose jobs are finished by their first check ({@link Pace#instant()}) */
    public static EmulatedPinpoint start() {
        return start(b -> {});
    }

    /**
     * @param pace how jobs move through their states
     * @return an emulator with that pace
     */
    public static EmulatedPinpoint start(Pace pace) {
        return start(b -> b.pace(pace));
    }

    /**
     * @param settings settings of the emulator (its S3 is set already)
     * @return the started emulator
     */
    public static EmulatedPinpoint start(Consumer<PinpointEmulator.Builder> settings) {
        return new EmulatedPinpoint(settings);
    }

    /** @return a pace under which a job never ends while a test runs */
    public static Pace endless() {
        return Pace.timed(Duration.ofHours(1));
    }

    /** @return the S3 server of every core test, started on first use with {@link #BUCKET} */
    public static synchronized LocalS3 s3() {
        if (sharedS3 == null) {
            LocalS3 s3 = LocalS3.start();
            s3.createBucket(BUCKET);
            sharedS3Client = s3.newClient();
            Runtime.getRuntime().addShutdownHook(new Thread(s3::close, "local-s3-stop"));
            sharedS3 = s3;
        }
        return sharedS3;
    }

    /** @return a synchronous client of {@link #s3()}, shared: do not close it */
    public static synchronized S3Client s3Client() {
        s3();
        return sharedS3Client;
    }

    /** @return the fault controls */
    public Faults faults() {
        return emulator.faults();
    }

    /** @return the application's id */
    public String appId() {
        return appId;
    }

    /** @return the async client the library under test uses; closed by {@link #close()} */
    public PinpointAsyncClient client() {
        return client;
    }

    /** @return the scheduler the library under test waits on; shut down by {@link #close()} */
    public ScheduledThreadPoolExecutor scheduler() {
        return scheduler;
    }

    /**
     * @param store where shards go
     * @param temp where shards are written first
     * @return an importer for this service's application, checking and retrying every 10 to 40 ms
     */
    public EndpointImporter.Builder importer(ShardStore store, Path temp) {
        return EndpointImporter.builder()
                .pinpoint(client)
                .applicationId(appId)
                .roleArn(ROLE)
                .shardStore(store)
                .scheduler(scheduler)
                .tempDirectory(temp)
                .polling(p -> p.earlyInterval(Duration.ofMillis(10))
                        .minInterval(Duration.ofMillis(10))
                        .maxInterval(Duration.ofMillis(40)))
                .retry(r -> r.initialDelay(Duration.ofMillis(10)).maxDelay(Duration.ofMillis(40)));
    }

    /**
     * @param i a number
     * @return a valid e-mail endpoint {@code ep-i}
     */
    public static EndpointDefinition endpoint(int i) {
        return EndpointDefinition.builder()
                .id("ep-" + i)
                .channelType(ChannelType.EMAIL)
                .address("user" + i + "@example.com")
                .build();
    }

    /**
     * After a cancel: waits until nothing is scheduled, lets at most the calls already on the wire land (one per
     * running job, {@code inFlight} at most), then checks that no request follows.
     *
     * @param atCancel {@link #requestCount()} when the cancel was made
     * @param inFlight how many calls may have been on the wire
     */
    public void assertSilentAfterCancel(int atCancel, int inFlight) {
        Await.until(
                Duration.ofSeconds(30),
                "nothing scheduled any more",
                () -> scheduler.getQueue().isEmpty());
        Await.holdsFor(
                Duration.ofMillis(300),
                "at most the in-flight calls land",
                () -> requestCount() <= atCancel + inFlight);
        int count = requestCount();
        Await.holdsFor(Duration.ofMillis(500), "no further requests after cancel", () -> requestCount() == count);
    }

    /** @return every request served so far, oldest first */
    public List<ServedRequest> requests() {
        return emulator.requests();
    }

    /** @return how many requests were served */
    public int requestCount() {
        return requests().size();
    }

    /**
     * @param request a served request
     * @return {@code create}, {@code get} or {@code list} for the import-job operations, else the operation's name
     */
    public static String op(ServedRequest request) {
        return switch (request.operation()) {
            case CREATE_IMPORT_JOB -> "create";
            case GET_IMPORT_JOB -> "get";
            case GET_IMPORT_JOBS -> "list";
            default -> request.operation().name();
        };
    }

    /**
     * @param request a served request
     * @return the job status answered, {@code "error <status>"} for an error, {@code "lost"} for a dropped answer
     */
    public static String status(ServedRequest request) {
        if (request.httpStatus() == 0) {
            return "lost";
        }
        if (!request.succeeded()) {
            return "error " + request.httpStatus();
        }
        return request.jobStatus() == null ? "ok" : request.jobStatus();
    }

    /** @return the ops of every request served, in order */
    public List<String> ops() {
        return requests().stream().map(EmulatedPinpoint::op).toList();
    }

    /**
     * @param operation an operation
     * @return how many requests of it were served
     */
    public long count(Operation operation) {
        return requests().stream().filter(r -> r.operation() == operation).count();
    }

    /** @return every job of the application, oldest first, as the service lists them */
    public List<ImportJobResponse> jobs() {
        // one page: a test makes far fewer jobs than this
        List<ImportJobResponse> newestFirst =
                new ArrayList<>(reader.getImportJobs(b -> b.applicationId(appId).pageSize("10000"))
                        .importJobsResponse()
                        .item());
        Collections.reverse(newestFirst);
        return newestFirst;
    }

    /** @return every job's S3 URL, oldest first */
    public List<String> jobUrls() {
        return jobs().stream().map(j -> j.definition().s3Url()).toList();
    }

    /**
     * @param s3Url a job URL
     * @return how many jobs the service has for it
     */
    public long jobsFor(String s3Url) {
        return jobUrls().stream().filter(s3Url::equals).count();
    }

    /**
     * @param jobId a job id
     * @return the body of the create request that made it
     */
    public String createBody(String jobId) {
        return requests().stream()
                .filter(r -> r.operation() == Operation.CREATE_IMPORT_JOB && jobId.equals(r.jobId()))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no create made job " + jobId))
                .body();
    }

    @Override
    public void close() {
        scheduler.shutdownNow();
        shut();
    }

    @Override
    public void afterEach(ExtensionContext context) {
        close();
    }
}
