package io.pinpointimport.testkit.junit;

import io.pinpointimport.emulator.LocalS3;
import io.pinpointimport.emulator.pinpoint.PinpointEmulator;
import java.lang.reflect.Parameter;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolutionException;
import org.junit.jupiter.api.extension.ParameterResolver;
import org.junit.platform.commons.support.AnnotationSupport;
import software.amazon.awssdk.services.pinpoint.PinpointAsyncClient;
import software.amazon.awssdk.services.s3.S3AsyncClient;

/**
 * JUnit 5 extension that gives each test a ready local Pinpoint: a {@link LocalS3} and a {@link PinpointEmulator}
 * started once per test class (or once per run when shared, in the root context's store, closed when the run
 * ends), a {@link PinpointAsyncClient} and an {@link S3AsyncClient} pointed at them, a bucket, and a fresh
 * application per test. Before each test it resets the emulator and S3 (unless told not to) and recreates the
 * bucket, so tests never see each other's jobs, endpoints or objects.
 *
 * <p>Test method parameters it resolves: {@link PinpointAsyncClient}, {@link S3AsyncClient},
 * {@link PinpointEmulator}, {@link LocalS3}, and {@code String} parameters marked {@link ApplicationId} or
 * {@link Bucket}. With {@code @RegisterExtension} the same things are also available from the extension itself
 * ({@link #pinpoint()}, {@link #s3()}, {@link #emulator()}, {@link #bucket()}, {@link #applicationId()}).
 * The extension owns the servers and clients it makes and closes them; tests must not close them.
 *
 * <pre>{@code
 * @RegisterExtension
 * static final PinpointEmulatorExtension PINPOINT = PinpointEmulatorExtension.builder()
 *         .emulator(e -> e.activeJobLimit(2))
 *         .build();
 *
 * @Test
 * void importsOneFile(PinpointAsyncClient pinpoint, S3AsyncClient s3, @Bucket String bucket,
 *                     @ApplicationId String appId) { ... }
 * }</pre>
 *
 * <p>Or, without a field: {@code @PinpointEmulatorTest} on the class (see {@link PinpointEmulatorTest}).
 * Reset happens before every test, so test methods of one class must not run in parallel against a shared
 * emulator.
 *
 * <p>The public no-argument constructor exists only for {@code @ExtendWith}; in code use {@link #builder()} or
 * {@link #create()}.
 */
public final class PinpointEmulatorExtension implements BeforeAllCallback, BeforeEachCallback, ParameterResolver {
    /** Default bucket name: {@value}. */
    public static final String DEFAULT_BUCKET = "pinpoint-import-test";

    private static final ExtensionContext.Namespace NAMESPACE =
            ExtensionContext.Namespace.create(PinpointEmulatorExtension.class);
    private static final String APPLICATION_KEY = "applicationId";

    private final Settings configured;
    private volatile Resources current;
    private volatile String currentApplicationId;

    /**
     * For {@code @ExtendWith(PinpointEmulatorExtension.class)} and {@link PinpointEmulatorTest}: the settings come
     * from the class's {@link PinpointEmulatorTest} annotation, or are the defaults.
     */
    public PinpointEmulatorExtension() {
        this.configured = null;
    }

    private PinpointEmulatorExtension(Settings settings) {
        this.configured = settings;
    }

    /** @return an extension with the defaults: one emulator per test class, bucket {@value #DEFAULT_BUCKET} */
    public static PinpointEmulatorExtension create() {
        return builder().build();
    }

    /** @return a builder */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * @return the emulator of the running test class
     * @throws IllegalStateException outside a test class the extension runs
     */
    public PinpointEmulator emulator() {
        return resources().emulator;
    }

    /** @return the local S3 server of the running test class */
    public LocalS3 localS3() {
        return resources().s3;
    }

    /** @return a Pinpoint client pointed at the emulator; owned by the extension */
    public PinpointAsyncClient pinpoint() {
        return resources().pinpoint;
    }

    /** @return an S3 client pointed at the local S3 server; owned by the extension */
    public S3AsyncClient s3() {
        return resources().s3Client;
    }

    /** @return the bucket name */
    public String bucket() {
        return resources().settings.bucket;
    }

    /**
     * @return the application created for the running test
     * @throws IllegalStateException outside a test
     */
    public String applicationId() {
        String id = currentApplicationId;
        if (id == null) {
            throw new IllegalStateException("No test is running: the application is created before each test");
        }
        return id;
    }

    @Override
    public void beforeAll(ExtensionContext context) {
        current = resources(context);
    }

    @Override
    public void beforeEach(ExtensionContext context) {
        Resources r = resources(context);
        current = r;
        if (r.settings.resetBetweenTests) {
            r.emulator.reset();
            r.s3.reset();
        }
        r.ensureBucket();
        String appId = r.emulator.createApp(context.getRequiredTestMethod().getName());
        context.getStore(NAMESPACE).put(APPLICATION_KEY, appId);
        currentApplicationId = appId;
    }

    @Override
    public boolean supportsParameter(ParameterContext parameterContext, ExtensionContext extensionContext) {
        Parameter p = parameterContext.getParameter();
        Class<?> type = p.getType();
        if (type == String.class) {
            return parameterContext.isAnnotated(ApplicationId.class) || parameterContext.isAnnotated(Bucket.class);
        }
        return type == PinpointAsyncClient.class
                || type == S3AsyncClient.class
                || type == PinpointEmulator.class
                || type == LocalS3.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameterContext, ExtensionContext extensionContext) {
        Resources r = resources(extensionContext);
        Class<?> type = parameterContext.getParameter().getType();
        if (type == PinpointAsyncClient.class) {
            return r.pinpoint;
        }
        if (type == S3AsyncClient.class) {
            return r.s3Client;
        }
        if (type == PinpointEmulator.class) {
            return r.emulator;
        }
        if (type == LocalS3.class) {
            return r.s3;
        }
        if (parameterContext.isAnnotated(Bucket.class)) {
            return r.settings.bucket;
        }
        Object appId = extensionContext.getStore(NAMESPACE).get(APPLICATION_KEY);
        if (appId == null) {
            throw new ParameterResolutionException("@ApplicationId is available in test methods only (the "
                    + "application is created before each test), not in constructors or @BeforeAll methods");
        }
        return appId;
    }

    private Resources resources() {
        Resources r = current;
        if (r == null) {
            throw new IllegalStateException("The emulator starts before the first test of the class");
        }
        return r;
    }

    /** Per class: in the class's store, closed after the class. Shared: in the root store, closed after the run. */
    private Resources resources(ExtensionContext context) {
        Settings settings = settings(context);
        ExtensionContext owner = settings.shared ? context.getRoot() : classContext(context);
        return owner.getStore(NAMESPACE)
                .getOrComputeIfAbsent(settings.key(), k -> Resources.start(settings), Resources.class);
    }

    private static ExtensionContext classContext(ExtensionContext context) {
        ExtensionContext c = context;
        while (c.getTestMethod().isPresent() && c.getParent().isPresent()) {
            c = c.getParent().get();
        }
        return c;
    }

    private Settings settings(ExtensionContext context) {
        if (configured != null) {
            return configured;
        }
        return annotation(context.getTestClass().orElse(null))
                .map(a -> new Settings(a.shared(), a.bucket(), a.resetBetweenTests(), b -> {}))
                .orElseGet(() -> new Settings(false, DEFAULT_BUCKET, true, b -> {}));
    }

    /** The annotation on the class, or on the class a {@code @Nested} class sits in, and so on outwards. */
    private static Optional<PinpointEmulatorTest> annotation(Class<?> testClass) {
        for (Class<?> c = testClass; c != null; c = c.getEnclosingClass()) {
            Optional<PinpointEmulatorTest> found = AnnotationSupport.findAnnotation(c, PinpointEmulatorTest.class);
            if (found.isPresent()) {
                return found;
            }
        }
        return Optional.empty();
    }

    @Override
    public String toString() {
        Resources r = current;
        return "PinpointEmulatorExtension[" + (r == null ? "not started" : r.emulator) + "]";
    }

    /** Builds a {@link PinpointEmulatorExtension}. Not thread-safe. */
    public static final class Builder {
        private boolean shared;
        private String bucket = DEFAULT_BUCKET;
        private boolean resetBetweenTests = true;
        private Consumer<PinpointEmulator.Builder> emulator = b -> {};

        private Builder() {}

        /**
         * @param shared {@code true} to start one S3 server and emulator for the whole run, shared with every other
         *     class whose shared extension has the same bucket and reset setting, and closed when the run ends;
         *     default {@code false} (one per test class). A shared emulator ignores {@link #emulator(Consumer)}
         *     settings after the first class that starts it.
         * @return this builder
         */
        public Builder shared(boolean shared) {
            this.shared = shared;
            return this;
        }

        /**
         * @param bucket the bucket to create; default {@link #DEFAULT_BUCKET}
         * @return this builder
         */
        public Builder bucket(String bucket) {
            this.bucket = Objects.requireNonNull(bucket, "bucket");
            return this;
        }

        /**
         * @param reset whether to forget apps, jobs, endpoints, faults and S3 objects before each test;
         *     default {@code true}
         * @return this builder
         */
        public Builder resetBetweenTests(boolean reset) {
            this.resetBetweenTests = reset;
            return this;
        }

        /**
         * @param configuration settings for the emulator (pace, quota, limits); its S3 is always the extension's
         * @return this builder
         */
        public Builder emulator(Consumer<PinpointEmulator.Builder> configuration) {
            this.emulator = Objects.requireNonNull(configuration, "emulator");
            return this;
        }

        /** @return the extension */
        public PinpointEmulatorExtension build() {
            return new PinpointEmulatorExtension(new Settings(shared, bucket, resetBetweenTests, emulator));
        }
    }

    /** What to start and how to treat it between tests. */
    private static final class Settings {
        final boolean shared;
        final String bucket;
        final boolean resetBetweenTests;
        final Consumer<PinpointEmulator.Builder> emulator;

        Settings(
                boolean shared, String bucket, boolean resetBetweenTests, Consumer<PinpointEmulator.Builder> emulator) {
            this.shared = shared;
            this.bucket = bucket;
            this.resetBetweenTests = resetBetweenTests;
            this.emulator = emulator;
        }

        String key() {
            return "resources bucket=" + bucket + " reset=" + resetBetweenTests;
        }
    }

    /**
     * The servers and clients of one class or of the run; the store closes them when its context ends. JUnit 5.13
     * and newer (and 6.x) close stored {@code AutoCloseable}s; 5.10 to 5.12 close only a
     * {@code Store.CloseableResource} (deprecated since 5.13, still in 6.x), so it is both, and closing twice is
     * harmless.
     */
    @SuppressWarnings("deprecation")
    private static final class Resources implements AutoCloseable, ExtensionContext.Store.CloseableResource {
        private final AtomicBoolean closed = new AtomicBoolean();
        final Settings settings;
        final LocalS3 s3;
        final PinpointEmulator emulator;
        final PinpointAsyncClient pinpoint;
        final S3AsyncClient s3Client;

        private Resources(
                Settings settings,
                LocalS3 s3,
                PinpointEmulator emulator,
                PinpointAsyncClient pinpoint,
                S3AsyncClient s3Client) {
            this.settings = settings;
            this.s3 = s3;
            this.emulator = emulator;
            this.pinpoint = pinpoint;
            this.s3Client = s3Client;
        }

        static Resources start(Settings settings) {
            LocalS3 s3 = LocalS3.start();
            PinpointEmulator emulator = null;
            PinpointAsyncClient pinpoint = null;
            try {
                PinpointEmulator.Builder b = PinpointEmulator.builder();
                settings.emulator.accept(b);
                emulator = b.s3(s3).start();
                pinpoint = emulator.newAsyncClient();
                S3AsyncClient s3Client = s3.newAsyncClient();
                Resources r = new Resources(settings, s3, emulator, pinpoint, s3Client);
                r.ensureBucket();
                return r;
            } catch (RuntimeException | Error e) {
                closeQuietly(pinpoint, e);
                closeQuietly(emulator, e);
                closeQuietly(s3, e);
                throw e;
            }
        }

        void ensureBucket() {
            s3.createBucket(settings.bucket);
        }

        @Override
        public void close() {
            if (!closed.compareAndSet(false, true)) {
                return;
            }
            Throwable first = null;
            for (AutoCloseable c : new AutoCloseable[] {s3Client, pinpoint, emulator, s3}) {
                try {
                    c.close();
                } catch (Exception e) {
                    if (first == null) {
                        first = e;
                    } else {
                        first.addSuppressed(e);
                    }
                }
            }
            if (first != null) {
                throw new IllegalStateException("Closing the local Pinpoint emulator and S3", first);
            }
        }

        private static void closeQuietly(AutoCloseable c, Throwable failure) {
            if (c != null) {
                try {
                    c.close();
                } catch (Exception e) {
                    failure.addSuppressed(e);
                }
            }
        }
    }
}
