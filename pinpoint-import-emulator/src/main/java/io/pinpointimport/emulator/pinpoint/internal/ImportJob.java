package io.pinpointimport.emulator.pinpoint.internal;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.concurrent.ScheduledFuture;
import org.jspecify.annotations.Nullable;

/** One import job: its definition, the states it will show (its plan) and where it stands in them. */
final class ImportJob {

    /** One visible state of a job and its counters. */
    record Step(
            String status,
            @Nullable Integer totalPieces,
            @Nullable Integer completedPieces,
            @Nullable Integer failedPieces,
            @Nullable Integer totalProcessed,
            @Nullable Integer totalFailures,
            boolean showFailures) {
        boolean terminal() {
            return status.equals("COMPLETED") || status.equals("FAILED");
        }
    }

    final String id;
    final Application app;
    final ObjectNode definition;
    final String creationDate;
    boolean activated;
    List<Step> plan = List.of();
    int index;
    List<String> failures = List.of();

    @Nullable
    String completionDate;

    @Nullable
    ScheduledFuture<?> ticker;

    boolean createdSegment;

    ImportJob(String id, Application app, ObjectNode definition, String creationDate) {
        this.id = id;
        this.app = app;
        this.definition = definition;
        this.creationDate = creationDate;
    }

    @Nullable
    Step step() {
        return activated ? plan.get(index) : null;
    }

    boolean running() {
        return activated && !plan.get(index).terminal();
    }

    void stopTicking() {
        if (ticker != null) {
            ticker.cancel(false);
        }
    }
}
