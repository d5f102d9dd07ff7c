package io.pinpointimport.emulator.pinpoint.internal;

import io.pinpointimport.emulator.Pace;
import io.pinpointimport.emulator.QuotaMode;
import io.pinpointimport.emulator.pinpoint.ModelledError;
import java.time.Clock;

/**
 * What the emulator's builder set, as the engine reads it.
 *
 * @param pace how jobs move through their states
 * @param activeJobLimit jobs that may run at once across all applications
 * @param quotaMode what happens past the active-job limit
 * @param quotaRefusal the error {@link QuotaMode#REFUSE} answers
 * @param maxBytesPerJob bytes one job may read before it fails
 * @param rowsPerPiece rows per piece when counting {@code TotalPieces}
 * @param defaultPageSize page size of list calls without {@code page-size}
 * @param clock the clock of creation, completion and effective dates
 * @param keepEndpoints whether imported endpoints are kept (else the lean mode)
 */
public record EngineSettings(
        Pace pace,
        int activeJobLimit,
        QuotaMode quotaMode,
        ModelledError quotaRefusal,
        long maxBytesPerJob,
        int rowsPerPiece,
        int defaultPageSize,
        Clock clock,
        boolean keepEndpoints) {}
