package io.pinpointimport.emulator.profiles.internal;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.ScheduledFuture;
import org.jspecify.annotations.Nullable;

/** One upload job: what {@code CreateUploadJob} asked for, its file, its status and its counts. */
final class UploadJob {
    static final String CREATED = "CREATED";
    static final String IN_PROGRESS = "IN_PROGRESS";
    static final String STOPPED = "STOPPED";

    final String id;
    final Domain domain;
    final String displayName;
    final ObjectNode fields;
    final List<FieldMapping> mappings;
    final String uniqueKey;
    final int dataExpiry;
    final Instant createdAt;

    String status = CREATED;

    @Nullable
    String statusReason;

    @Nullable
    Instant completedAt;

    long created;
    long updated;
    long failed;
    /** The uploaded file, the job's until it is read or the job stops. */
    @Nullable
    Path file;

    long fileBytes;
    /** {@code GetUploadJob} calls since the start, for the steps pace. */
    int getsSinceStart;
    /** The timed pace's finishing task. */
    @Nullable
    ScheduledFuture<?> ticker;

    UploadJob(
            String id,
            Domain domain,
            String displayName,
            ObjectNode fields,
            List<FieldMapping> mappings,
            String uniqueKey,
            int dataExpiry,
            Instant createdAt) {
        this.id = id;
        this.domain = domain;
        this.displayName = displayName;
        this.fields = fields;
        this.mappings = mappings;
        this.uniqueKey = uniqueKey;
        this.dataExpiry = dataExpiry;
        this.createdAt = createdAt;
    }

    boolean terminal() {
        return !status.equals(CREATED) && !status.equals(IN_PROGRESS);
    }

    /** Ends the job {@code FAILED} with a reason and counts. */
    void fail(String reason, long created, long updated, long failed) {
        this.status = "FAILED";
        this.statusReason = reason;
        this.created = created;
        this.updated = updated;
        this.failed = failed;
    }

    /** Deletes the job's file, if it still has one. */
    void dropFile() {
        if (file != null) {
            UploadFiles.deleteQuietly(file);
            file = null;
        }
    }
}
