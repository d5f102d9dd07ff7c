package io.pinpointimport.compat;

import static org.assertj.core.api.Assertions.assertThat;

import io.pinpointimport.emulator.LocalS3;
import io.pinpointimport.emulator.pinpoint.PinpointEmulator;
import io.pinpointimport.testkit.junit.PinpointEmulatorExtension;
import io.pinpointimport.testkit.junit.PinpointEmulatorTest;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * What a user writes: test classes that use the extension. Not run by Surefire itself (no Test suffix):
 * {@link ExtensionClosesWhatItStartedTest} runs them through the JUnit Platform launcher and then looks at the
 * ports they used. Each test records the ports of the servers it was given.
 */
final class EmulatorSample {
    /** Ports handed to tests, for the checking test to probe once the sample classes have ended. */
    static final List<Integer> PORTS = new CopyOnWriteArrayList<>();

    private EmulatorSample() {}

    private static void record(PinpointEmulator emulator, LocalS3 s3) {
        assertThat(emulator.port()).isPositive();
        PORTS.add(emulator.port());
        PORTS.add(s3.port());
    }

    /** One emulator for the class, from the annotation. */
    @PinpointEmulatorTest
    static class PerClass {
        @Test
        void first(PinpointEmulator emulator, LocalS3 s3) {
            record(emulator, s3);
        }

        @Test
        void second(PinpointEmulator emulator, LocalS3 s3) {
            record(emulator, s3);
        }
    }

    /** One emulator for the class, from a field. */
    static class Registered {
        @RegisterExtension
        static final PinpointEmulatorExtension PINPOINT = PinpointEmulatorExtension.create();

        @Test
        void uses() {
            record(PINPOINT.emulator(), PINPOINT.localS3());
        }
    }

    /** One emulator for the whole run, closed when the run ends. */
    static class Shared {
        @RegisterExtension
        static final PinpointEmulatorExtension PINPOINT = PinpointEmulatorExtension.builder()
                .shared(true)
                .bucket("shared")
                .build();

        @Test
        void uses() {
            record(PINPOINT.emulator(), PINPOINT.localS3());
        }
    }
}
