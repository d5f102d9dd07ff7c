package io.pinpointimport.testkit.junit;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Runs a test class with {@link PinpointEmulatorExtension}: a local S3 server and the Pinpoint emulator, started
 * once for the class (or once for the whole run with {@link #shared()}), ready clients, a bucket and a fresh
 * application per test, injected as test method parameters.
 *
 * <pre>{@code
 * @PinpointEmulatorTest
 * class ImportTest {
 *     @Test
 *     void imports(PinpointAsyncClient pinpoint, S3AsyncClient s3, @Bucket String bucket,
 *                  @ApplicationId String appId) { ... }
 * }
 * }</pre>
 */
@Documented
@Inherited
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
@ExtendWith(PinpointEmulatorExtension.class)
public @interface PinpointEmulatorTest {
    /**
     * @return {@code true} to share one S3 server and emulator with every other class of the run that asks for it
     *     (closed when the run ends), {@code false} (the default) for one per test class
     */
    boolean shared() default false;

    /** @return the bucket name; default {@link PinpointEmulatorExtension#DEFAULT_BUCKET} */
    String bucket() default PinpointEmulatorExtension.DEFAULT_BUCKET;

    /** @return whether to forget apps, jobs, endpoints, faults and S3 objects before each test; default true */
    boolean resetBetweenTests() default true;
}
