package io.pinpointimport.emulator.profiles;

import io.pinpointimport.emulator.internal.FaultQueue;
import io.pinpointimport.emulator.profiles.internal.UploadJobFaults;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;

/**
 * Fault injection for a {@link CustomerProfilesEmulator}: scripted errors (throttling bursts, 5xx), failed jobs,
 * slow answers, lost {@code CreateUploadJob} answers and expired upload URLs. Faults are consumed in the order they
 * were added; {@link #clear()} (and {@link CustomerProfilesEmulator#reset()}) drops them all. Thread-safe; methods
 * return {@code this} for chaining.
 *
 * <pre>{@code
 * emulator.faults()
 *         .throttleNext(ProfilesOperation.GET_UPLOAD_JOB, 2)   // two 429s, then normal answers
 *         .failJobNamed("shard-00002")                          // that job ends FAILED
 *         .expireNextUploadUrl();                               // the next URL is already expired
 * }</pre>
 *
 * <p>SDK clients retry 429 and 5xx answers (3 attempts by default): a test that expects the error itself should
 * turn retries off, or inject as many failures as attempts.
 */
public final class ProfilesFaults {

    private final FaultQueue<ProfilesOperation, ProfilesError> calls;
    private final UploadJobFaults jobs;

    ProfilesFaults(FaultQueue<ProfilesOperation, ProfilesError> calls, UploadJobFaults jobs) {
        this.calls = calls;
        this.jobs = jobs;
    }

    /**
     * The next {@code times} calls of {@code operation} answer {@code error} with a default message.
     *
     * @param operation the operation to fail
     * @param times how many calls; at least 1
     * @param error the error to answer
     * @return this
     */
    public ProfilesFaults failNext(ProfilesOperation operation, int times, ProfilesError error) {
        return failNext(operation, times, error, error.defaultMessage());
    }

    /**
     * The next {@code times} calls of {@code operation} answer {@code error} with {@code message}. For
     * {@link ProfilesOperation#UPLOAD_FILE} the answer is S3's XML error with the same status.
     *
     * @param operation the operation to fail
     * @param times how many calls; at least 1
     * @param error the error to answer
     * @param message the {@code Message} of the error body
     * @return this
     */
    public ProfilesFaults failNext(ProfilesOperation operation, int times, ProfilesError error, String message) {
        calls.failNext(operation, times, error, message);
        return this;
    }

    /**
     * The next {@code times} calls of {@code operation} answer 429 {@code ThrottlingException}.
     *
     * @param operation the operation to throttle
     * @param times how many calls; at least 1
     * @return this
     */
    public ProfilesFaults throttleNext(ProfilesOperation operation, int times) {
        return failNext(operation, times, ProfilesError.THROTTLING, "Rate exceeded");
    }

    /**
     * The next {@code times} calls of {@code operation} answer 500 {@code InternalServerException}.
     *
     * @param operation the operation to fail
     * @param times how many calls; at least 1
     * @return this
     */
    public ProfilesFaults serverErrorNext(ProfilesOperation operation, int times) {
        return failNext(operation, times, ProfilesError.INTERNAL_SERVER, "Internal server error");
    }

    /**
     * Every call of {@code operation} is answered {@code delay} late (scheduled, no thread waits) until
     * {@link #clear()}.
     *
     * @param operation the operation to slow down
     * @param delay the extra time before the answer; zero removes the delay
     * @return this
     */
    public ProfilesFaults delay(ProfilesOperation operation, Duration delay) {
        calls.delay(operation, delay);
        return this;
    }

    /**
     * The next {@code times} calls of {@code operation} are answered {@code delay} late.
     *
     * @param operation the operation to slow down
     * @param times how many calls; at least 1
     * @param delay the extra time before the answer
     * @return this
     */
    public ProfilesFaults delayNext(ProfilesOperation operation, int times, Duration delay) {
        calls.delayNext(operation, times, delay);
        return this;
    }

    /**
     * The next upload job to finish ends {@code FAILED} with {@code StatusReason} {@code VALIDATION_FAILURE}: none of
     * its rows is applied, and {@code ResultsSummary} counts every data row of its file as failed.
     *
     * @return this
     */
    public ProfilesFaults failNextJob() {
        return failJobNamed("", "VALIDATION_FAILURE");
    }

    /**
     * The next upload job whose {@code DisplayName} contains {@code displayNamePart} ends {@code FAILED} with
     * {@code VALIDATION_FAILURE}, as {@link #failNextJob()} does; other jobs are not affected.
     *
     * @param displayNamePart a part of the job's {@code DisplayName}, e.g. a shard number
     * @return this
     */
    public ProfilesFaults failJobNamed(String displayNamePart) {
        return failJobNamed(displayNamePart, "VALIDATION_FAILURE");
    }

    /**
     * Like {@link #failJobNamed(String)} with a chosen {@code StatusReason}.
     *
     * @param displayNamePart a part of the job's {@code DisplayName}; empty matches the next job of all
     * @param statusReason {@code VALIDATION_FAILURE} or {@code INTERNAL_FAILURE}
     * @return this
     */
    public ProfilesFaults failJobNamed(String displayNamePart, String statusReason) {
        jobs.failJobNamed(displayNamePart, statusReason);
        return this;
    }

    /**
     * The next call of {@code operation} is carried out as usual, but the caller gets {@code error} instead of its
     * answer: a lost answer of any call, such as a {@code StartUploadJob} that started its job (a client that
     * retries it must cope with a job already started) or an upload whose file was stored. Queued with the errors of
     * {@link #failNext}, in the order added, so {@code failNextAfterApplying(op, e1)} then {@code failNext(op, 1, e2)}
     * answers the first call {@code e1} after applying it and refuses the second with {@code e2}.
     *
     * @param operation the operation whose answer is lost
     * @param error the error to answer (for {@link ProfilesOperation#UPLOAD_FILE}, as S3's XML error)
     * @return this
     */
    public ProfilesFaults failNextAfterApplying(ProfilesOperation operation, ProfilesError error) {
        calls.failNextAfterApplying(operation, Objects.requireNonNull(error, "error"), error.defaultMessage());
        return this;
    }

    /**
     * The next {@code CreateUploadJob} records its job as usual, but the caller gets {@code error} instead of the
     * answer: the "lost answer" case, where a client that simply retries would create a second job.
     *
     * @param error the error to answer
     * @return this
     */
    public ProfilesFaults failNextCreateAfterRecording(ProfilesError error) {
        calls.failNextCreateAfterRecording(Objects.requireNonNull(error, "error"), error.defaultMessage());
        return this;
    }

    /**
     * The next {@code CreateUploadJob} records its job, then the connection is closed without any answer (the SDK
     * sees an I/O error).
     *
     * @return this
     */
    public ProfilesFaults dropNextCreateAfterRecording() {
        calls.dropNextCreateAfterRecording();
        return this;
    }

    /**
     * The next {@code CreateUploadJob} records its job, but its answer is held back until
     * {@link #releaseHeldCreates()} sends it or {@link #clear()} closes the connection without it: the moment
     * "the service has the job, the client does not know it yet" (kill the client now).
     *
     * @return completes with the job's id as soon as the job is recorded; cancelled when {@link #clear()} runs
     *         before any {@code CreateUploadJob} came
     */
    public CompletableFuture<String> holdNextCreateAfterRecording() {
        return calls.holdNextCreateAfterRecording();
    }

    /**
     * Sends the answers held by {@link #holdNextCreateAfterRecording()} so far.
     *
     * @return how many answers were released
     */
    public int releaseHeldCreates() {
        return calls.releaseHeldCreates();
    }

    /**
     * The next {@code times} calls of {@code GetUploadJobPath} give a URL whose {@code ValidUntil} has already
     * passed: a {@code PUT} to it gets S3's 403 {@code AccessDenied} "Request has expired".
     *
     * @param times how many URLs; at least 1
     * @return this
     */
    public ProfilesFaults expireNextUploadUrls(int times) {
        jobs.expireNextUploadUrls(times);
        return this;
    }

    /**
     * Same as {@code expireNextUploadUrls(1)}.
     *
     * @return this
     */
    public ProfilesFaults expireNextUploadUrl() {
        return expireNextUploadUrls(1);
    }

    /**
     * Drops every planned fault and standing delay; connections whose {@code CreateUploadJob} answer is held are
     * closed without an answer, and holds that caught no request yet are cancelled.
     */
    public void clear() {
        jobs.clear();
        calls.clear();
    }
}
