package io.pinpointimport.testkit;

/**
 * What the emulator does with a {@code CreateImportJob} that would exceed the active-job limit
 * ({@link PinpointEmulator.Builder#activeJobLimit(int)}).
 *
 * <p>The real service documents the quota (10 active import jobs per account) but not what happens past it, so
 * both plausible behaviours are offered and a client can be tested against each.
 */
public enum QuotaMode {
    /**
     * Accept the job and park it in {@code PENDING_JOB} until an active job finishes; then it starts, oldest
     * first. This is the default.
     */
    QUEUE,
    /**
     * Refuse the request with an error (by default {@link ModelledError#TOO_MANY_REQUESTS}, HTTP 429, see
     * {@link PinpointEmulator.Builder#quotaRefusal(ModelledError)}); nothing is recorded.
     */
    REFUSE
}
