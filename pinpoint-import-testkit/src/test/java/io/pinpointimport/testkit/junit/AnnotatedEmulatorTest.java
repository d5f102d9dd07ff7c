package io.pinpointimport.testkit.junit;

import static org.assertj.core.api.Assertions.assertThat;

import io.pinpointimport.emulator.pinpoint.PinpointEmulator;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.pinpoint.PinpointAsyncClient;
import software.amazon.awssdk.services.s3.S3AsyncClient;

@PinpointEmulatorTest(bucket = "annotated")
class AnnotatedEmulatorTest {
    private static final AtomicReference<PinpointEmulator> OUTER = new AtomicReference<>();

    @Test
    void theAnnotationAloneStartsEverything(
            PinpointAsyncClient pinpoint,
            S3AsyncClient s3,
            PinpointEmulator emulator,
            @Bucket String bucket,
            @ApplicationId String appId) {
        OUTER.compareAndSet(null, emulator);
        assertThat(bucket).isEqualTo("annotated");
        assertThat(pinpoint.getApp(b -> b.applicationId(appId))
                        .join()
                        .applicationResponse()
                        .id())
                .isEqualTo(appId);
        assertThat(s3.headBucket(b -> b.bucket(bucket)).join().sdkHttpResponse().isSuccessful())
                .isTrue();
    }

    @Nested
    class NestedTests {
        @Test
        void nestedClassesUseTheOuterClassesEmulator(PinpointEmulator emulator, @ApplicationId String appId) {
            OUTER.compareAndSet(null, emulator);
            assertThat(emulator).isSameAs(OUTER.get());
            assertThat(emulator.endpoint().getHost()).isEqualTo("127.0.0.1");
            assertThat(appId).matches("[0-9a-f]{32}");
        }
    }
}
