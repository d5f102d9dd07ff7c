package io.pinpointimport.emulator.pinpoint.internal;

import io.pinpointimport.emulator.pinpoint.PinpointEmulator;
import java.util.ArrayList;
import java.util.List;

/** What processing a job found: pieces, rows processed and failed, the failure lines, and whether it failed whole. */
final class JobOutcome {
    int pieces;
    int failedPieces;
    int processed;
    int failed;
    final List<String> failureLines = new ArrayList<>();
    boolean fatal;

    void failure(String line) {
        failed++;
        addLine(line);
    }

    void addLine(String line) {
        if (failureLines.size() < PinpointEmulator.MAX_FAILURE_LINES) {
            failureLines.add(line);
        }
    }

    /** @return this outcome as a job that failed whole, with one failure line */
    JobOutcome fatal(String line) {
        fatal = true;
        pieces = 1;
        failedPieces = 1;
        addLine(line);
        return this;
    }
}
