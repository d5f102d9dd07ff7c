package io.pinpointimport.emulator.pinpoint;

import io.pinpointimport.emulator.internal.FaultQueue;
import io.pinpointimport.emulator.pinpoint.internal.JobFaults;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;

/**
 * Fault injection for a {@link PinpointEmulator}: scripted errors, failed jobs, denied roles, slow responses and
 * lost responses. Faults are consumed in the order they were added; {@link #clear()} (and
 * {@link PinpointEmulator#reset()}) drops them all. Thread-safe; methods return {@code this} for chaining.
 *
 * <pre>{@code
 * emulator.faults()
 *         .throttleNext(Operation.GET_IMPORT_JOB, 2)            // two 429s, then normal answers
 *         .failNextJob("s3://b/p/part-1.csv line 3: Missing Address")
 *         .denyRole("arn:aws:iam::123456789012:role/NoS3");
 * }</pre>
 *
 * <p>Some faults aim at one job among many, chosen by a part of its {@code S3Url} (such as a shard's
 * {@code "/00002/"}): {@link #failJobAt}, {@link #deleteBeforeRead} and {@link #denyRole(String, String)}. They
 * fit runs that create several jobs at once, where "the next job" is whichever create arrives first.
 *
 * <p>Remember that SDK clients retry 429 and 5xx answers (3 attempts by default): a test that expects the
 * error itself should configure the client with retries off, or inject as many failures as attempts.
 */
public final class Faults {

    private final FaultQueue<Operation, ModelledError> calls;
    private final JobFaults jobs;

    Faults(FaultQueue<Operation, ModelledError> calls, JobFaults jobs) {
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
    public Faults failNext(Operation operation, int times, ModelledError error) {
        return failNext(operation, times, error, error.defaultMessage());
    }

    /**
     * The next {@code times} calls of {@code operation} answer {@code error} with {@code message}.
     *
     * @param operation the operation to fail
     * @param times how many calls; at least 1
     * @param error the error to answer
     * @param message the {@code Message} of the error body
     * @return this
     */
    public Faults failNext(Operation operation, int times, ModelledError error, String message) {
        calls.failNext(operation, times, error, message);
        return this;
    }

    /**
     * The next {@code times} calls of {@code operation} answer 429 {@code TooManyRequestsException}.
     *
     * @param operation the operation to throttle
     * @param times how many calls; at least 1
     * @return this
     */
    public Faults throttleNext(Operation operation, int times) {
        return failNext(operation, times, ModelledError.TOO_MANY_REQUESTS, "TooManyRequests");
    }

    /**
     * The next {@code times} calls of {@code operation} answer 500 {@code InternalServerErrorException}.
     *
     * @param operation the operation to fail
     * @param times how many calls; at least 1
     * @return this
     */
    public Faults serverErrorNext(Operation operation, int times) {
        return failNext(operation, times, ModelledError.INTERNAL_SERVER_ERROR, "Internal server error");
    }

    /**
     * Every call of {@code operation} is answered {@code delay} late (scheduled, no thread waits) until
     * {@link #clear()}.
     *
     * @param operation the operation to slow down
     * @param delay the extra time before the answer; zero removes the delay
     * @return this
     */
    public Faults delay(Operation operation, Duration delay) {
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
    public Faults delayNext(Operation operation, int times, Duration delay) {
        calls.delayNext(operation, times, delay);
        return this;
    }

    /**
     * The next import job created ends {@code FAILED} with these lines in {@code Failures} ({@code FailedPieces} 1,
     * {@code TotalFailures} the number of lines); none of its rows is imported.
     *
     * @param failureLines the lines to report; at least one
     * @return this
     */
    public Faults failNextJob(String... failureLines) {
        return failNextJob(List.of(failureLines));
    }

    /**
     * Like {@link #failNextJob(String...)}.
     *
     * @param failureLines the lines to report; at least one
     * @return this
     */
    public Faults failNextJob(List<String> failureLines) {
        jobs.failNextJob(failureLines);
        return this;
    }

    /**
     * The next import job whose {@code S3Url} contains {@code s3UrlPart} ends {@code FAILED} with these lines, as
     * {@link #failNextJob(String...)} does for the next job of all; other jobs are not affected. Checked before
     * {@link #failNextJob(String...)}.
     *
     * @param s3UrlPart a part of the job's {@code S3Url}, e.g. {@code "/00002/"} for one shard of a run
     * @param failureLines the lines to report; at least one
     * @return this
     */
    public Faults failJobAt(String s3UrlPart, String... failureLines) {
        jobs.failJobAt(s3UrlPart, List.of(failureLines));
        return this;
    }

    /**
     * The next import job whose {@code S3Url} contains {@code s3UrlPart} finds its files listed, but they are
     * deleted from S3 before it reads them: each is a failed piece with the line
     * {@code "s3://bucket/key: could not be read (NoSuchKeyException)"}, and the job ends {@code FAILED}. The
     * objects stay deleted.
     *
     * @param s3UrlPart a part of the job's {@code S3Url}, e.g. {@code "/00002/"} for one shard of a run
     * @return this
     */
    public Faults deleteBeforeRead(String s3UrlPart) {
        jobs.deleteBeforeRead(s3UrlPart);
        return this;
    }

    /**
     * Like {@link #denyRole(String)}, but only for jobs whose {@code S3Url} contains {@code s3UrlPart}: the role may
     * not read that prefix (as with an IAM policy that leaves it out), and its other jobs go on. Lasts until
     * {@link #clear()}.
     *
     * @param roleArn the role ARN to deny
     * @param s3UrlPart a part of the job's {@code S3Url}, e.g. {@code "/00002/"} for one shard of a run
     * @return this
     */
    public Faults denyRole(String roleArn, String s3UrlPart) {
        jobs.denyRole(roleArn, s3UrlPart);
        return this;
    }

    /**
     * Jobs that name this role ARN cannot read their files, as when Pinpoint cannot assume the role: they are
     * accepted (201) and then end {@code FAILED} with a failure line naming the role.
     *
     * @param roleArn the role ARN to deny
     * @return this
     */
    public Faults denyRole(String roleArn) {
        jobs.denyRole(roleArn);
        return this;
    }

    /**
     * The next {@code CreateImportJob} records and starts its job as usual, but the caller gets {@code error}
     * instead of the 201: the "lost response" case, where a retrying client would create a second job.
     *
     * @param error the error to answer
     * @return this
     */
    public Faults failNextCreateAfterRecording(ModelledError error) {
        calls.failNextCreateAfterRecording(Objects.requireNonNull(error, "error"), error.defaultMessage());
        return this;
    }

    /**
     * The next {@code CreateImportJob} records and starts its job, then the connection is closed without any
     * answer (the SDK sees an I/O error).
     *
     * @return this
     */
    public Faults dropNextCreateAfterRecording() {
        calls.dropNextCreateAfterRecording();
        return this;
    }

    /**
     * The next {@code CreateImportJob} records and starts its job as usual, but its 201 is held back: the caller
     * waits with an open connection until {@link #releaseHeldCreates()} sends the answer, or {@link #clear()} (or
     * {@link PinpointEmulator#reset()}, or closing the emulator) closes the connection without one. This is the
     * moment "the service has the job, the client does not know it yet": kill the client process now and its
     * state never learns the job id.
     *
     * <pre>{@code
     * CompletableFuture<String> recorded = emulator.faults().holdNextCreateAfterRecording();
     * // ... start the client ...
     * String jobId = recorded.get(30, TimeUnit.SECONDS);   // the job exists in the emulator
     * client.destroyForcibly();                           // the client never saw the answer
     * }</pre>
     *
     * <p>The held answer does not occupy one of the emulator's request threads; a client that gives up (attempt
     * timeout, closed connection) simply never reads it.
     *
     * @return completes with the job's id as soon as the job is recorded (before any answer is sent); cancelled
     *         when {@link #clear()} runs before any {@code CreateImportJob} came
     */
    public CompletableFuture<String> holdNextCreateAfterRecording() {
        return calls.holdNextCreateAfterRecording();
    }

    /**
     * Sends the answers of every {@code CreateImportJob} held by {@link #holdNextCreateAfterRecording()} so far
     * (a client that is gone does not get them, and that is not an error).
     *
     * @return how many answers were released
     */
    public int releaseHeldCreates() {
        return calls.releaseHeldCreates();
    }

    /**
     * Drops every planned fault, standing delays and denied roles; connections whose {@code CreateImportJob} answer
     * is held are closed without an answer, and holds that caught no request yet are cancelled.
     */
    public void clear() {
        jobs.clear();
        calls.clear();
    }
}
