package io.pinpointimport.emulator.profiles.internal;

import io.pinpointimport.emulator.internal.FaultQueue;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * The faults of Customer Profiles upload jobs, behind the public {@code ProfilesFaults}: jobs that end
 * {@code FAILED} and upload URLs that are already expired. Thread-safe.
 */
public final class UploadJobFaults {

    private record JobFailure(String displayNamePart, String statusReason) {}

    private final List<JobFailure> jobFailures = new ArrayList<>();
    private int expiredUrls;

    /**
     * @param displayNamePart a part of the job's {@code DisplayName}; empty matches the next job of all
     * @param statusReason {@code VALIDATION_FAILURE} or {@code INTERNAL_FAILURE}
     */
    public synchronized void failJobNamed(String displayNamePart, String statusReason) {
        Objects.requireNonNull(displayNamePart, "displayNamePart");
        if (!"VALIDATION_FAILURE".equals(statusReason) && !"INTERNAL_FAILURE".equals(statusReason)) {
            throw new IllegalArgumentException(
                    "statusReason must be VALIDATION_FAILURE or INTERNAL_FAILURE, was " + statusReason);
        }
        jobFailures.add(new JobFailure(displayNamePart, statusReason));
    }

    /** @param times how many of the next upload URLs are already expired; at least 1 */
    public synchronized void expireNextUploadUrls(int times) {
        FaultQueue.requirePositive(times);
        expiredUrls += times;
    }

    /** Drops every planned job failure and expired URL. */
    public synchronized void clear() {
        jobFailures.clear();
        expiredUrls = 0;
    }

    /** @return the status reason the job must fail with, or {@code null} */
    synchronized @Nullable String takeJobFailure(String displayName) {
        for (int i = 0; i < jobFailures.size(); i++) {
            if (displayName.contains(jobFailures.get(i).displayNamePart())) {
                return jobFailures.remove(i).statusReason();
            }
        }
        return null;
    }

    synchronized boolean takeExpiredUrl() {
        if (expiredUrls > 0) {
            expiredUrls--;
            return true;
        }
        return false;
    }
}
