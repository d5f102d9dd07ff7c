package io.pinpointimport.emulator.profiles;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.pinpointimport.emulator.Pace;
import io.pinpointimport.emulator.internal.EmulatorThreads;
import io.pinpointimport.emulator.internal.FaultQueue;
import io.pinpointimport.emulator.internal.ServiceSettings;
import io.pinpointimport.emulator.internal.StrictJson;
import io.pinpointimport.emulator.profiles.internal.ProfilesEngine;
import io.pinpointimport.emulator.profiles.internal.ProfilesFront;
import io.pinpointimport.emulator.profiles.internal.ProfilesServiceError;
import io.pinpointimport.emulator.profiles.internal.ProfilesSettings;
import io.pinpointimport.emulator.profiles.internal.UploadFiles;
import io.pinpointimport.emulator.profiles.internal.UploadJobFaults;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ScheduledExecutorService;
import java.util.stream.Stream;

/**
 * A local Amazon Connect Customer Profiles service for upload jobs, on the real wire protocol (rest-json, signing
 * name {@code profile}): {@code CreateDomain}, {@code GetDomain}, the six upload-job operations and
 * {@code SearchProfiles}, plus the pre-signed upload URLs {@code GetUploadJobPath} hands out (checked as S3 checks
 * SSE-C uploads). It reads uploaded CSV files with its own parser into a profile store keyed by the job's
 * {@code UniqueKey}. Point the SDK at {@link #endpoint()}:
 *
 * <pre>{@code
 * try (CustomerProfilesEmulator emulator = CustomerProfilesEmulator.builder().domain("audience").start();
 *      CustomerProfilesAsyncClient client = CustomerProfilesAsyncClient.builder()
 *              .endpointOverride(emulator.endpoint())
 *              .region(Region.US_EAST_1)
 *              .credentialsProvider(AnonymousCredentialsProvider.create())   // any credentials are accepted
 *              .build()) {
 *     String jobId = client.createUploadJob(r -> r.domainName("audience").displayName("run-1 shard 1")
 *             .fields(fields).uniqueKey("UserId").dataExpiry(30)).join().jobId();
 *     ...
 * }
 * }</pre>
 *
 * <p>Where AWS documents no behaviour (duplicate keys, empty cells, a start before the upload, unknown columns,
 * what {@code UniqueKey} names) the emulator follows the choices written down in
 * {@code docs/emulator-customer-profiles.md}. Jobs go {@code CREATED → IN_PROGRESS → SUCCEEDED /
 * PARTIALLY_SUCCEEDED / FAILED / STOPPED} at the {@link Pace} set on the builder: with {@link Pace#instant()} a
 * started job is finished when {@code StartUploadJob} answers; with {@link Pace#steps()} the first
 * {@code GetUploadJob} after the start shows {@code IN_PROGRESS} and the next the final state; with a timed pace
 * a job stays {@code IN_PROGRESS} for two steps.
 */
public final class CustomerProfilesEmulator implements AutoCloseable {

    /** How long an upload URL is valid unless {@link Builder#uploadUrlValidity(Duration)} says otherwise: 1 hour. */
    public static final Duration DEFAULT_UPLOAD_URL_VALIDITY = Duration.ofHours(1);
    /** The largest file a job reads before it fails ({@code VALIDATION_FAILURE}): 1 GB, the documented limit. */
    public static final long DEFAULT_MAX_FILE_BYTES = 1_000_000_000L;
    /** Whether profiles are kept unless {@link Builder#keepProfiles(boolean)} says otherwise: {@value}. */
    public static final boolean DEFAULT_KEEP_PROFILES = true;
    /** {@code DefaultExpirationDays} of domains made by {@link Builder#domain(String)}: {@value}. */
    public static final int DEFAULT_EXPIRATION_DAYS = 366;
    /** The region clients should sign for: {@value}. */
    public static final String REGION = "us-east-1";
    /**
     * The message of the {@code BadRequestException} {@code SearchProfiles} answers when the emulator keeps no
     * profiles: {@value}.
     */
    public static final String NO_PROFILES_MESSAGE = "This emulator keeps no profiles (started with"
            + " keepProfiles(false) / --keep-profiles false): upload jobs check and count every row, but profiles"
            + " cannot be searched";

    private final Builder settings;
    private final Path uploadDirectory;
    private final ScheduledExecutorService scheduler;
    private final ProfilesFaults faults;
    private final ProfilesEngine engine;
    private final ProfilesFront front;

    private CustomerProfilesEmulator(Builder builder) {
        this.settings = builder.copy();
        ScheduledExecutorService pool = null;
        Path directory = null;
        try {
            directory = Files.createTempDirectory(
                    "profiles-emulator-",
                    PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
            pool = EmulatorThreads.jobScheduler("profiles-emulator");
            ObjectMapper mapper = StrictJson.mapper();
            FaultQueue<ProfilesOperation, ProfilesError> calls = new FaultQueue<>(ProfilesOperation.class);
            UploadJobFaults jobFaults = new UploadJobFaults();
            this.faults = new ProfilesFaults(calls, jobFaults);
            this.engine = new ProfilesEngine(
                    new ProfilesSettings(
                            builder.common.pace(),
                            builder.keepProfiles,
                            builder.common.clock(),
                            builder.uploadUrlValidity,
                            builder.maxFileBytes,
                            0,
                            directory),
                    jobFaults,
                    pool,
                    mapper);
            for (String domain : builder.domains) {
                engine.createDomain(domain, DEFAULT_EXPIRATION_DAYS);
            }
            this.front = new ProfilesFront(
                    engine,
                    calls,
                    mapper,
                    pool,
                    directory,
                    builder.common.requiredAccessKeyId(),
                    builder.common.port());
        } catch (IOException | RuntimeException e) {
            if (pool != null) {
                pool.shutdownNow();
            }
            if (directory != null) {
                deleteTree(directory);
            }
            if (e instanceof IOException io) {
                throw builder.common.cannotStart("Customer Profiles", io);
            }
            throw (RuntimeException) e;
        }
        this.scheduler = pool;
        this.uploadDirectory = directory;
    }

    /** @return a builder; {@link Builder#start()} starts the emulator */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Starts an emulator with the defaults: random port, {@link Pace#instant()}, no domain.
     *
     * @return the running emulator
     */
    public static CustomerProfilesEmulator start() {
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

    /** @return the job pace */
    public Pace pace() {
        return settings.common.pace();
    }

    /** @return whether profiles are kept and searchable; see {@link Builder#keepProfiles(boolean)} */
    public boolean keepsProfiles() {
        return settings.keepProfiles;
    }

    /** @return the fault-injection controls */
    public ProfilesFaults faults() {
        return faults;
    }

    /**
     * Creates a domain directly, without HTTP; does nothing if it exists.
     *
     * @param name the domain name, 1-64 characters of {@code a-zA-Z0-9_-}
     */
    public void createDomain(String name) {
        try {
            engine.createDomain(Objects.requireNonNull(name, "name"), DEFAULT_EXPIRATION_DAYS);
        } catch (ProfilesServiceError e) {
            throw new IllegalArgumentException(e.getMessage());
        }
    }

    /**
     * @param domain an existing domain
     * @return how many profiles it holds (also in lean mode, where only their keys are kept)
     * @throws IllegalArgumentException if there is no such domain
     */
    public long profileCount(String domain) {
        try {
            return engine.profileCount(Objects.requireNonNull(domain, "domain"));
        } catch (ProfilesServiceError e) {
            throw new IllegalArgumentException(e.getMessage());
        }
    }

    /** Forgets every domain, job, upload and profile, and every planned fault; the server keeps its port. */
    public void reset() {
        engine.reset();
        faults.clear();
        for (String domain : settings.domains) {
            engine.createDomain(domain, DEFAULT_EXPIRATION_DAYS);
        }
    }

    /** Stops the HTTP server and the job scheduler and deletes every uploaded file. */
    @Override
    public void close() {
        faults.clear();
        front.close();
        EmulatorThreads.stop(scheduler);
        engine.reset();
        deleteTree(uploadDirectory);
    }

    @Override
    public String toString() {
        return "CustomerProfilesEmulator[" + endpoint() + ", " + settings.common.pace()
                + (settings.keepProfiles ? "" : ", profiles not kept") + "]";
    }

    private static void deleteTree(Path directory) {
        try (Stream<Path> paths = Files.walk(directory)) {
            paths.sorted(Comparator.reverseOrder()).forEach(UploadFiles::deleteQuietly);
        } catch (IOException e) {
            // a temporary directory; nothing more to do
        }
    }

    /** Settings for a {@link CustomerProfilesEmulator}. Not thread-safe; {@link #start()} may be called again. */
    public static final class Builder {
        private final ServiceSettings common;
        private boolean keepProfiles = DEFAULT_KEEP_PROFILES;
        private Duration uploadUrlValidity = DEFAULT_UPLOAD_URL_VALIDITY;
        private long maxFileBytes = DEFAULT_MAX_FILE_BYTES;
        private List<String> domains = new ArrayList<>();

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
         * @param domain a domain to create at start (and again after {@link CustomerProfilesEmulator#reset()})
         * @return this builder
         */
        public Builder domain(String domain) {
            domains.add(Objects.requireNonNull(domain, "domain"));
            return this;
        }

        /**
         * @param pace how started jobs move to their final state; default {@link Pace#instant()}
         * @return this builder
         */
        public Builder pace(Pace pace) {
            common.pace(pace);
            return this;
        }

        /**
         * Whether upload jobs keep the profiles they make. With {@code false} (lean mode, for big runs) every row
         * is still read, checked and counted exactly as with {@code true} ({@code ResultsSummary} and
         * {@code ProfileCount} are the same), but only each profile's key is kept, and {@code SearchProfiles}
         * answers 400 with {@link #NO_PROFILES_MESSAGE}.
         *
         * @param keepProfiles {@code false} for the lean mode; default {@link #DEFAULT_KEEP_PROFILES}
         * @return this builder
         */
        public Builder keepProfiles(boolean keepProfiles) {
            this.keepProfiles = keepProfiles;
            return this;
        }

        /**
         * @param clock the clock for timestamps and for the validity of upload URLs; default the system UTC clock
         * @return this builder
         */
        public Builder clock(Clock clock) {
            common.clock(clock);
            return this;
        }

        /**
         * @param validity how long an upload URL stays valid; default {@link #DEFAULT_UPLOAD_URL_VALIDITY}
         * @return this builder
         */
        public Builder uploadUrlValidity(Duration validity) {
            Objects.requireNonNull(validity, "validity");
            if (validity.isNegative() || validity.isZero()) {
                throw new IllegalArgumentException("validity must be positive, was " + validity);
            }
            this.uploadUrlValidity = validity;
            return this;
        }

        /**
         * @param maxFileBytes the largest file a job reads; larger ones end {@code FAILED}; default
         *                     {@link #DEFAULT_MAX_FILE_BYTES}
         * @return this builder
         */
        public Builder maxFileBytes(long maxFileBytes) {
            if (maxFileBytes < 1) {
                throw new IllegalArgumentException("maxFileBytes must be positive, was " + maxFileBytes);
            }
            this.maxFileBytes = maxFileBytes;
            return this;
        }

        /**
         * Makes the emulator refuse API calls whose SigV4 {@code Authorization} header is not made with this access
         * key id (403 {@code UnrecognizedClientException}), for tests of a client's credential set-up. By default
         * any credentials, and none, are accepted, as LocalStack and moto do. Signatures themselves are never
         * checked.
         *
         * @param accessKeyId the access key id clients must sign with
         * @return this builder
         */
        public Builder requireAccessKeyId(String accessKeyId) {
            common.requireAccessKeyId(accessKeyId);
            return this;
        }

        /**
         * Starts the emulator.
         *
         * @return the running emulator
         * @throws UncheckedIOException if the port cannot be bound
         */
        public CustomerProfilesEmulator start() {
            return new CustomerProfilesEmulator(this);
        }

        private Builder copy() {
            Builder copy = new Builder(this);
            copy.keepProfiles = keepProfiles;
            copy.uploadUrlValidity = uploadUrlValidity;
            copy.maxFileBytes = maxFileBytes;
            copy.domains = List.copyOf(domains);
            return copy;
        }
    }
}
