package io.pinpointimport.emulator;

/**
 * What an emulator does with a request to start a job that would exceed its active-job limit, for Pinpoint a
 * {@code CreateImportJob} past
 * {@link io.pinpointimport.emulator.pinpoint.PinpointEmulator.Builder#activeJobLimit(int)}.
 *
 * <p>The real service documents the quota (for Pinpoint, 10 active import jobs per account) but not what happens
 * past it, so both plausible behaviours are offered and a client can be tested against each.
 */
public enum QuotaMode {
    /**
     * Accept the job and park it in {@code PENDING_JOB} until an active job finishes; then it starts, oldest
     * first. This is the default.
     */
    QUEUE,
    /**
     * Refuse the request with the service's throttling error (for Pinpoint by default
     * {@link io.pinpointimport.emulator.pinpoint.ModelledError#TOO_MANY_REQUESTS}, HTTP 429, see
     * {@link io.pinpointimport.emulator.pinpoint.PinpointEmulator.Builder#quotaRefusal}); nothing is recorded.
     */
    REFUSE
}
