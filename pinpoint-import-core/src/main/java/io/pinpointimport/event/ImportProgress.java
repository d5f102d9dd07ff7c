package io.pinpointimport.event;

import io.pinpointimport.internal.ToStringBuilder;
import java.util.Objects;

/**
 * Where a run stands at one moment: counts only, no records. Records are counted as they are read; a record read is
 * either rejected locally or submitted (written to a shard). Job counts follow the service.
 *
 * @param runId the run
 * @param recordsRead records read from the input so far
 * @param recordsRejected records rejected locally so far (never sent)
 * @param recordsSubmitted records written to shards so far
 * @param shardsWritten shards finished so far
 * @param shardsStored shards stored (uploaded) so far
 * @param jobsStarted jobs the service accepted (or that were adopted) so far
 * @param jobsEnded jobs that ended (any way) so far
 * @param processed the sum of the latest {@code TotalProcessed} the service reported for each job (0 for jobs that
 *     reported none yet)
 * @param inputDone whether the whole input has been read
 */
public record ImportProgress(
        String runId,
        long recordsRead,
        long recordsRejected,
        long recordsSubmitted,
        int shardsWritten,
        int shardsStored,
        int jobsStarted,
        int jobsEnded,
        long processed,
        boolean inputDone) {

    /**
     * Checks the run id.
     *
     * @param runId the run
     * @param recordsRead records read
     * @param recordsRejected records rejected
     * @param recordsSubmitted records submitted
     * @param shardsWritten shards written
     * @param shardsStored shards stored
     * @param jobsStarted jobs started
     * @param jobsEnded jobs ended
     * @param processed records the service processed
     * @param inputDone whether the input is read
     */
    public ImportProgress {
        Objects.requireNonNull(runId, "runId");
    }

    @Override
    public String toString() {
        return ToStringBuilder.of("ImportProgress")
                .add("runId", runId)
                .add("read", recordsRead)
                .add("rejected", recordsRejected)
                .add("submitted", recordsSubmitted)
                .add("shardsWritten", shardsWritten)
                .add("shardsStored", shardsStored)
                .add("jobsStarted", jobsStarted)
                .add("jobsEnded", jobsEnded)
                .add("processed", processed)
                .add("inputDone", inputDone)
                .build();
    }
}
