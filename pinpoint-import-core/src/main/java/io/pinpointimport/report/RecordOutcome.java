package io.pinpointimport.report;

/**
 * What became of one input record: exactly one of these per record. The first five are the five figures of
 * {@link io.pinpointimport.ImportSummary}; {@link #ROW_NOT_IDENTIFIED} splits off the records of a job that failed
 * some rows without naming them.
 */
public enum RecordOutcome {
    /** Broke a rule locally (or could not be read); never sent. {@link RecordFate#ruleIds()} says which rules. */
    REJECTED,
    /** In a job that ended {@code COMPLETED}, and not among the rows the service failed. */
    IMPORTED,
    /**
     * A row a {@code COMPLETED} job failed, named by one of the service's failure lines
     * ({@link RecordFate#serviceLine()}).
     */
    FAILED_IN_SERVICE,
    /**
     * In a job that ended {@code FAILED}, or whose end the run did not see (its watch was abandoned, it timed out,
     * the run was cancelled or killed): not known to be in the application.
     */
    FAILED_WITH_JOB,
    /** Valid, but never given to a job: the create was refused, the shard was not stored, or the run stopped first. */
    NOT_SUBMITTED,
    /**
     * In a {@code COMPLETED} job that failed some rows without naming them all (a target may report counts
     * only; Pinpoint names the first 100): this record was imported or failed, which the service does not say. The
     * summary counts these records' job as {@code records − failed} imported and {@code failed} failed in the
     * service.
     */
    ROW_NOT_IDENTIFIED
}
