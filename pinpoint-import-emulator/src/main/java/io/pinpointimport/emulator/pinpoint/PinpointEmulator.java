package io.pinpointimport.emulator.pinpoint;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.pinpointimport.emulator.LocalS3;
import io.pinpointimport.emulator.OneConnectionPerCall;
import io.pinpointimport.emulator.Pace;
import io.pinpointimport.emulator.QuotaMode;
import io.pinpointimport.emulator.internal.EmulatorThreads;
import io.pinpointimport.emulator.internal.FaultQueue;
import io.pinpointimport.emulator.internal.HttpFront;
import io.pinpointimport.emulator.internal.ServiceSettings;
import io.pinpointimport.emulator.internal.StrictJson;
import io.pinpointimport.emulator.pinpoint.internal.EmulatorEngine;
import io.pinpointimport.emulator.pinpoint.internal.EngineSettings;
import io.pinpointimport.emulator.pinpoint.internal.JobFaults;
import io.pinpointimport.emulator.pinpoint.internal.PinpointHttp;
import io.pinpointimport.emulator.pinpoint.internal.RequestLog;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.time.Clock;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ScheduledExecutorService;
import org.jspecify.annotations.Nullable;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.core.client.config.ClientOverrideConfiguration;
import software.amazon.awssdk.services.pinpoint.PinpointAsyncClient;
import software.amazon.awssdk.services.pinpoint.PinpointAsyncClientBuilder;
import software.amazon.awssdk.services.pinpoint.PinpointClient;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * A local Amazon Pinpoint endpoint-import service on the real REST wire protocol, reading import files from a
 * {@link LocalS3}. Point the real SDK (or the AWS CLI, with {@code --endpoint-url}) at {@link #endpoint()}.
 *
 * <p>Emulated operations: {@code CreateApp}, {@code GetApp}, {@code CreateImportJob}, {@code GetImportJob},
 * {@code GetImportJobs}, {@code GetSegmentImportJobs}, {@code GetSegment}, {@code GetEndpoint},
 * {@code GetUserEndpoints} and {@code DeleteEndpoint}. Bodies are bare (no payload wrapping), creates answer 201,
 * every response carries {@code x-amzn-RequestId}, errors carry {@code x-amzn-ErrorType} and
 * {@code {"Message":…,"RequestID":…}}, dates are ISO 8601 with milliseconds and {@code Z}, ids are 32 lowercase
 * hex characters. Signatures and content types are accepted unchecked.
 *
 * <p>The HTTP front is the JDK's built-in server. Unless the system property {@code sun.net.httpserver.nodelay} is
 * already set, loading the emulator sets it to {@code true} (it applies to every JDK HTTP server of the JVM):
 * without it each sequential request waits ~40 ms on Nagle's algorithm. Likewise it sets
 * {@code sun.net.httpserver.idleInterval} to 120 seconds unless set, longer than the AWS SDK's 60-second connection
 * idle time, so that a client never reuses a keep-alive connection the server has just closed.
 *
 * <p>Import files are read through the S3 API and parsed by the emulator's own CSV and NDJSON readers, never by
 * the library's, so tests catch the library's mistakes. An {@code S3Url} naming a prefix takes every object
 * under it and its subfolders whose name ends with the job's format ({@code .csv} or {@code .json}); an
 * {@code S3Url} naming one existing object takes that object.
 *
 * <pre>{@code
 * try (PinpointEmulator emulator = PinpointEmulator.builder().pace(Pace.steps()).start()) {
 *     String appId = emulator.createApp("test");
 *     emulator.s3().createBucket("imports");
 *     PinpointAsyncClient pinpoint = emulator.newAsyncClient();
 *     ...
 * }
 * }</pre>
 */
public final class PinpointEmulator implements AutoCloseable {

    /** Default active-job quota, the service's documented 10 active import jobs per account. */
    public static final int DEFAULT_ACTIVE_JOB_LIMIT = 10;
    /**
     * Default largest amount of data one job may read: the service's "1 GB per import job", taken as
     * 1,000,000,000 bytes (the stricter reading).
     */
    public static final long DEFAULT_MAX_BYTES_PER_JOB = 1_000_000_000L;
    /** Default rows per piece ({@code TotalPieces} counts pieces per file, at least one per file). */
    public static final int DEFAULT_ROWS_PER_PIECE = 1000;
    /** Page size of {@code GetImportJobs} when the request has no {@code page-size} (undocumented in AWS). */
    public static final int DEFAULT_PAGE_SIZE = 20;
    /** Most lines in a job's {@code Failures}, as documented: {@value}. */
    public static final int MAX_FAILURE_LINES = 100;
    /** Most endpoints one user id may have: {@value}. */
    public static final int MAX_ENDPOINTS_PER_USER = 15;
    /** Whether imported endpoints are kept unless {@link Builder#keepEndpoints(boolean)} says otherwise: {@value}. */
    public static final boolean DEFAULT_KEEP_ENDPOINTS = true;
    /**
     * The message of the {@code BadRequestException} that {@code GetEndpoint}, {@code DeleteEndpoint} and
     * {@code GetUserEndpoints} answer when the emulator does not keep endpoints: {@value}.
     */
    public static final String NO_ENDPOINTS_MESSAGE = "This emulator does not keep endpoints (started with"
            + " keepEndpoints(false) / --keep-endpoints false): import jobs check and count every row, but endpoints"
            + " cannot be read or deleted";
    /** Most custom attribute names (Attributes, Metrics and UserAttributes together) per application. */
    public static final int MAX_CUSTOM_ATTRIBUTES = 250;
    /** Most requests {@link #requests()} keeps: {@value}; past it the oldest are forgotten. */
    public static final int MAX_LOGGED_REQUESTS = 100_000;
    /** The account id in the ARNs the emulator makes: {@value}. */
    public static final String ACCOUNT_ID = EmulatorEngine.ACCOUNT_ID;

    private final Builder settings;
    private final LocalS3 s3;
    private final boolean ownsS3;
    private final S3Client s3Client;
    private final ScheduledExecutorService scheduler;
    private final Faults faults;
    private final RequestLog requestLog = new RequestLog(MAX_LOGGED_REQUESTS);
    private final EmulatorEngine engine;
    private final HttpFront front;

    private PinpointEmulator(Builder builder) {
        this.settings = builder.copy();
        this.ownsS3 = builder.s3 == null;
        this.s3 = ownsS3 ? LocalS3.start() : builder.s3;
        S3Client client = null;
        ScheduledExecutorService executor = null;
        try {
            client = s3.newClient();
            executor = EmulatorThreads.jobScheduler("pinpoint-emulator");
            ObjectMapper mapper = StrictJson.mapper();
            FaultQueue<Operation, ModelledError> calls = new FaultQueue<>(Operation.class);
            JobFaults jobFaults = new JobFaults();
            this.faults = new Faults(calls, jobFaults);
            this.engine = new EmulatorEngine(
                    new EngineSettings(
                            builder.common.pace(),
                            builder.activeJobLimit,
                            builder.quotaMode,
                            builder.quotaRefusal != null ? builder.quotaRefusal : ModelledError.TOO_MANY_REQUESTS,
                            builder.maxBytesPerJob,
                            builder.rowsPerPiece,
                            builder.pageSize,
                            builder.common.clock(),
                            builder.keepEndpoints),
                    jobFaults,
                    client,
                    executor,
                    mapper);
            this.front = new HttpFront(
                    "pinpoint-emulator",
                    builder.common.port(),
                    executor,
                    new PinpointHttp(engine, calls, mapper, builder.common.requiredAccessKeyId(), requestLog));
        } catch (IOException | RuntimeException e) {
            if (executor != null) {
                executor.shutdownNow();
            }
            if (client != null) {
                client.close();
            }
            if (ownsS3) {
                s3.close();
            }
            if (e instanceof IOException io) {
                throw builder.common.cannotStart("Pinpoint", io);
            }
            throw (RuntimeException) e;
        }
        this.s3Client = client;
        this.scheduler = executor;
    }

    /** @return a builder; {@link Builder#start()} starts the emulator */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Starts an emulator with the defaults: random port, its own {@link LocalS3}, {@link Pace#instant()}.
     *
     * @return the running emulator
     */
    public static PinpointEmulator start() {
        return builder().start();
    }

    /** @return the base URL, {@code http://127.0.0.1:PORT}; use as the SDK's {@code endpointOverride} */
    public URI endpoint() {
        return front.endpoint();
    }

    /** @return the port the emulator listens on */
    public int port() {
        return endpoint().getPort();
    }

    /** @return the S3 server the emulator reads import files from */
    public LocalS3 s3() {
        return s3;
    }

    /** @return the job pace */
    public Pace pace() {
        return settings.common.pace();
    }

    /** @return whether imported endpoints are kept and readable; see {@link Builder#keepEndpoints(boolean)} */
    public boolean keepsEndpoints() {
        return settings.keepEndpoints;
    }

    /** @return the fault-injection controls */
    public Faults faults() {
        return faults;
    }

    /**
     * The requests the emulator routed to one of its operations, in the order it answered them (a request to an
     * unknown path, or one refused before routing, is not listed). Each is recorded before its answer is sent, so
     * once a client has its answer the request is listed. Holds the last {@link #MAX_LOGGED_REQUESTS}; cleared by
     * {@link #reset()}.
     *
     * @return a snapshot of the served requests, oldest first
     */
    public List<ServedRequest> requests() {
        return requestLog.snapshot();
    }

    /**
     * A client builder aimed at this emulator: endpoint override, region {@code us-east-1}, static test
     * credentials. Add settings (for example retries off) and build; the caller closes the client.
     *
     * @return a pre-configured builder
     */
    public PinpointAsyncClientBuilder asyncClientBuilder() {
        return PinpointAsyncClient.builder()
                .endpointOverride(endpoint())
                .region(s3.region())
                .credentialsProvider(s3.credentialsProvider());
    }

    /** @return a ready async client for this emulator (SDK default retries); the caller closes it */
    public PinpointAsyncClient newAsyncClient() {
        return asyncClientBuilder().build();
    }

    /**
     * An async client that makes exactly one attempt per call, for tests that assert on one error. Each call goes
     * on a connection of its own ({@code Connection: close}): after an error answer the SDK closes the connection
     * the answer came on, sometimes only after handing it to the next call, which a client without retries would
     * show as "The connection was closed during the request".
     *
     * @return the client; the caller closes it
     */
    public PinpointAsyncClient newAsyncClientWithoutRetries() {
        return withoutRetries(asyncClientBuilder()).build();
    }

    /** @return the builder set up as {@link #newAsyncClientWithoutRetries()} sets up its client */
    static PinpointAsyncClientBuilder withoutRetries(PinpointAsyncClientBuilder builder) {
        return builder.overrideConfiguration(ClientOverrideConfiguration.builder()
                .retryStrategy(AwsRetryStrategy.doNotRetry())
                .addExecutionInterceptor(OneConnectionPerCall.INSTANCE)
                .build());
    }

    /** @return a ready synchronous client for this emulator; the caller closes it */
    public PinpointClient newClient() {
        return PinpointClient.builder()
                .endpointOverride(endpoint())
                .region(s3.region())
                .credentialsProvider(s3.credentialsProvider())
                .build();
    }

    /**
     * Creates an application (a Pinpoint project) directly, without HTTP.
     *
     * @param name the project name
     * @return its id, 32 lowercase hex characters
     */
    public String createApp(String name) {
        return engine.createApp(Objects.requireNonNull(name, "name"));
    }

    /**
     * Forgets every application, job, endpoint and segment, every planned fault and the {@link #requests()}; the servers keep running
     * on the same ports. Objects in S3 are kept (see {@link LocalS3#reset()}).
     */
    public void reset() {
        engine.reset();
        faults.clear();
        requestLog.clear();
    }

    /** Stops the HTTP server and the job scheduler, and the {@link LocalS3} if the emulator started it. */
    @Override
    public void close() {
        try {
            faults.clear(); // closes connections whose answers are held
            front.close();
            EmulatorThreads.stop(scheduler);
            s3Client.close();
        } finally {
            if (ownsS3) {
                s3.close();
            }
        }
    }

    @Override
    public String toString() {
        return "PinpointEmulator[" + endpoint() + ", " + settings.common.pace()
                + (settings.keepEndpoints ? "" : ", endpoints not kept") + "]";
    }

    /** Settings for a {@link PinpointEmulator}. Not thread-safe; {@link #start()} may be called more than once. */
    public static final class Builder {
        private final ServiceSettings common;
        private LocalS3 s3;
        private int activeJobLimit = DEFAULT_ACTIVE_JOB_LIMIT;
        private QuotaMode quotaMode = QuotaMode.QUEUE;
        private @Nullable ModelledError quotaRefusal;
        private long maxBytesPerJob = DEFAULT_MAX_BYTES_PER_JOB;
        private int rowsPerPiece = DEFAULT_ROWS_PER_PIECE;
        private int pageSize = DEFAULT_PAGE_SIZE;
        private boolean keepEndpoints = DEFAULT_KEEP_ENDPOINTS;

        private Builder() {
            this.common = new ServiceSettings();
        }

        private Builder(Builder other) {
            this.common = other.common.copy();
        }

        /**
         * @param port the port on 127.0.0.1; {@code 0} (the default) picks a free one
         * @return this builder
         */
        public Builder port(int port) {
            common.port(port);
            return this;
        }

        /**
         * @param s3 the S3 server to read from, which the caller keeps and closes; if none is set the emulator
         *           starts its own and closes it
         * @return this builder
         */
        public Builder s3(LocalS3 s3) {
            this.s3 = Objects.requireNonNull(s3, "s3");
            return this;
        }

        /**
         * @param pace how jobs move through their states; default {@link Pace#instant()}
         * @return this builder
         */
        public Builder pace(Pace pace) {
            common.pace(pace);
            return this;
        }

        /**
         * @param activeJobLimit jobs that may run at once across all applications; default
         *                       {@link #DEFAULT_ACTIVE_JOB_LIMIT}
         * @return this builder
         */
        public Builder activeJobLimit(int activeJobLimit) {
            if (activeJobLimit < 1) {
                throw new IllegalArgumentException("activeJobLimit must be at least 1, was " + activeJobLimit);
            }
            this.activeJobLimit = activeJobLimit;
            return this;
        }

        /**
         * @param quotaMode what happens past the active-job limit; default {@link QuotaMode#QUEUE}
         * @return this builder
         */
        public Builder quotaMode(QuotaMode quotaMode) {
            this.quotaMode = Objects.requireNonNull(quotaMode, "quotaMode");
            return this;
        }

        /**
         * Only means something with {@code quotaMode(QuotaMode.REFUSE)}: {@link #start()} throws
         * {@link IllegalArgumentException} when it is set with another quota mode, rather than ignore it.
         *
         * @param quotaRefusal the error {@link QuotaMode#REFUSE} answers; default
         *                     {@link ModelledError#TOO_MANY_REQUESTS}
         * @return this builder
         */
        public Builder quotaRefusal(ModelledError quotaRefusal) {
            this.quotaRefusal = Objects.requireNonNull(quotaRefusal, "quotaRefusal");
            return this;
        }

        /**
         * @param maxBytesPerJob bytes one job may read before it fails; default {@link #DEFAULT_MAX_BYTES_PER_JOB}
         * @return this builder
         */
        public Builder maxBytesPerJob(long maxBytesPerJob) {
            if (maxBytesPerJob < 1) {
                throw new IllegalArgumentException("maxBytesPerJob must be positive, was " + maxBytesPerJob);
            }
            this.maxBytesPerJob = maxBytesPerJob;
            return this;
        }

        /**
         * @param rowsPerPiece rows per piece when counting {@code TotalPieces}; default
         *                     {@link #DEFAULT_ROWS_PER_PIECE}
         * @return this builder
         */
        public Builder rowsPerPiece(int rowsPerPiece) {
            if (rowsPerPiece < 1) {
                throw new IllegalArgumentException("rowsPerPiece must be at least 1, was " + rowsPerPiece);
            }
            this.rowsPerPiece = rowsPerPiece;
            return this;
        }

        /**
         * @param pageSize page size of list calls without {@code page-size}; default {@link #DEFAULT_PAGE_SIZE}
         * @return this builder
         */
        public Builder defaultPageSize(int pageSize) {
            if (pageSize < 1) {
                throw new IllegalArgumentException("pageSize must be at least 1, was " + pageSize);
            }
            this.pageSize = pageSize;
            return this;
        }

        /**
         * @param clock the clock for creation, completion and effective dates; default the system UTC clock. The
         *              pace, not this clock, decides when states change.
         * @return this builder
         */
        public Builder clock(Clock clock) {
            common.clock(clock);
            return this;
        }

        /**
         * Whether import jobs keep the endpoints they import. With {@code true} (the default,
         * {@link #DEFAULT_KEEP_ENDPOINTS}) every endpoint is kept as the service would hold it and can be read back
         * with {@code GetEndpoint} and {@code GetUserEndpoints}; each job works on a copy of the application's
         * endpoints, so memory and time grow with everything imported so far.
         *
         * <p>With {@code false} (lean mode, for large imports and benchmarks) a job still reads every row of every
         * object and checks it exactly as with {@code true}: the same rows fail with the same failure texts, and
         * {@code TotalProcessed}, {@code TotalFailures}, pieces, segment sizes, limits and faults are the same. The
         * emulator keeps only what the checks of later rows need (per endpoint its id, user id and channel type;
         * endpoints per user; custom attribute names, about a hundred bytes per endpoint instead of a JSON tree)
         * and copies nothing per job. {@code GetEndpoint}, {@code DeleteEndpoint} and {@code GetUserEndpoints}
         * then answer HTTP 400 {@code BadRequestException} with {@link #NO_ENDPOINTS_MESSAGE} for any endpoint or
         * user id of an existing application (an unknown application is still {@code NotFoundException}). Not
         * {@code NotFoundException} for the endpoints, which would read as "the import lost the endpoint".
         *
         * @param keepEndpoints {@code false} for the lean mode
         * @return this builder
         */
        public Builder keepEndpoints(boolean keepEndpoints) {
            this.keepEndpoints = keepEndpoints;
            return this;
        }

        /**
         * Makes the emulator refuse calls whose SigV4 {@code Authorization} header is not made with this access key
         * id (403 {@code UnrecognizedClientException}), for tests of a client's credential set-up. By default any
         * credentials, and none, are accepted, as LocalStack and moto do, so the AWS CLI and SDKs work with whatever
         * the user's environment has. Signatures themselves are never checked. (The {@link LocalS3} has its own
         * switch: {@link LocalS3.Builder#checkCredentials(boolean)}.)
         *
         * @param accessKeyId the access key id clients must sign with
         * @return this builder
         */
        public Builder requireAccessKeyId(String accessKeyId) {
            common.requireAccessKeyId(accessKeyId);
            return this;
        }

        /**
         * Starts the emulator (and its own {@link LocalS3} if none was set).
         *
         * @return the running emulator
         * @throws UncheckedIOException if the port cannot be bound
         * @throws IllegalArgumentException if {@link #quotaRefusal} is set without {@code quotaMode(REFUSE)}
         */
        public PinpointEmulator start() {
            if (quotaRefusal != null && quotaMode != QuotaMode.REFUSE) {
                throw new IllegalArgumentException("quotaRefusal only applies with quotaMode(QuotaMode.REFUSE), but"
                        + " quotaMode is " + quotaMode);
            }
            return new PinpointEmulator(this);
        }

        private Builder copy() {
            Builder copy = new Builder(this);
            copy.s3 = s3;
            copy.activeJobLimit = activeJobLimit;
            copy.quotaMode = quotaMode;
            copy.quotaRefusal = quotaRefusal;
            copy.maxBytesPerJob = maxBytesPerJob;
            copy.rowsPerPiece = rowsPerPiece;
            copy.pageSize = pageSize;
            copy.keepEndpoints = keepEndpoints;
            return copy;
        }
    }
}
