package io.pinpointimport.cli.internal;

import io.pinpointimport.cli.CliContext;
import io.pinpointimport.cli.ExitCodes;
import java.util.function.ToIntFunction;

/**
 * Starts the testkit's emulator and S3 in process for {@code demo}, with an application and a bucket, and stops
 * them afterwards.
 */
final class LocalServices {
    private LocalServices() {
    }

    static int run(CliContext context, ToIntFunction<DemoCommand.Services> body) {
        // Filled in when the testkit's PinpointEmulator is available on this branch.
        throw new CliException(ExitCodes.INTERNAL_ERROR, "the embedded emulator is not part of this build yet");
    }
}
