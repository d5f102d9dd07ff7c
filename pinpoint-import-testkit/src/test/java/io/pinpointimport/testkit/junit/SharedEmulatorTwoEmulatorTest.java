package io.pinpointimport.testkit.junit;

import static org.assertj.core.api.Assertions.assertThat;

import io.pinpointimport.emulator.pinpoint.PinpointEmulator;
import org.junit.jupiter.api.Test;

@PinpointEmulatorTest(shared = true, bucket = "shared")
class SharedEmulatorTwoEmulatorTest {
    @Test
    void sharedClassesGetTheSameEmulator(PinpointEmulator emulator, @ApplicationId String appId) {
        SharedEmulatorRegistry.FIRST.compareAndSet(null, emulator);
        assertThat(emulator).isSameAs(SharedEmulatorRegistry.FIRST.get());
        assertThat(appId).isNotBlank();
    }
}
