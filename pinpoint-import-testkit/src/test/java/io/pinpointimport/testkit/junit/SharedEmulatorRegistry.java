package io.pinpointimport.testkit.junit;

import io.pinpointimport.emulator.pinpoint.PinpointEmulator;
import java.util.concurrent.atomic.AtomicReference;

/** Remembers the first shared emulator a test saw, so the other shared class can compare. Test-only. */
final class SharedEmulatorRegistry {
    static final AtomicReference<PinpointEmulator> FIRST = new AtomicReference<>();

    private SharedEmulatorRegistry() {}
}
