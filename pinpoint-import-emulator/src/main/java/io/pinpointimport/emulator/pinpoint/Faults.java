package io.pinpointimport.emulator.pinpoint;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
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

    /** What happens to the answer of a {@code CreateImportJob} whose job was recorded. */
    enum LostResponse {
        ERROR,
        DROP,
        HOLD
    }

    /** An error to answer instead of the real response. */
    record Injected(ModelledError error, String message) {}

    /**
     * A fault planned for the response of a recorded {@code CreateImportJob}; {@code recorded} is set for
     * {@link LostResponse#HOLD} only.
     */
    record LostCreate(LostResponse kind, Injected error, CompletableFuture<String> recorded) {}

    /** A held {@code CreateImportJob} answer: send it, or close the connection without it. */
    record HeldCreate(Runnable answer, Runnable drop) {}

    /** A fault for the first job whose {@code S3Url} contains {@code urlPart}. */
    record Targeted<T>(String urlPart, T fault) {}

    private final Map<Operation, Deque<Injected>> errors = new EnumMap<>(Operation.class);
    private final Map<Operation, Deque<Duration>> nextDelays = new EnumMap<>(Operation.class);
    private final Map<Operation, Duration> standingDelays = new EnumMap<>(Operation.class);
    private final Deque<List<String>> jobFailures = new ArrayDeque<>();
    private final Set<String> deniedRoles = new HashSet<>();
    private final Deque<LostCreate> lostCreates = new ArrayDeque<>();
    private final List<HeldCreate> heldCreates = new ArrayList<>();
    private final List<Targeted<List<String>>> targetedJobFailures = new ArrayList<>();
    private final List<String> deletesBeforeRead = new ArrayList<>();
    private final List<Targeted<String>> roleDenialsAt = new ArrayList<>();

    Faults() {}

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
    public synchronized Faults failNext(Operation operation, int times, ModelledError error, String message) {
        Objects.requireNonNull(operation, "operation");
        Objects.requireNonNull(error, "error");
        Objects.requireNonNull(message, "message");
        requirePositive(times);
        Deque<Injected> queue = errors.computeIfAbsent(operation, o -> new ArrayDeque<>());
        for (int i = 0; i < times; i++) {
            queue.add(new Injected(error, message));
        }
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
    public synchronized Faults delay(Operation operation, Duration delay) {
        Objects.requireNonNull(operation, "operation");
        requireNotNegative(delay);
        if (delay.isZero()) {
            standingDelays.remove(operation);
        } else {
            standingDelays.put(operation, delay);
        }
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
    public synchronized Faults delayNext(Operation operation, int times, Duration delay) {
        Objects.requireNonNull(operation, "operation");
        requirePositive(times);
        requireNotNegative(delay);
        Deque<Duration> queue = nextDelays.computeIfAbsent(operation, o -> new ArrayDeque<>());
        for (int i = 0; i < times; i++) {
            queue.add(delay);
        }
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
    public synchronized Faults failNextJob(List<String> failureLines) {
        if (failureLines.isEmpty()) {
            throw new IllegalArgumentException("give at least one failure line");
        }
        jobFailures.add(List.copyOf(failureLines));
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
    public synchronized Faults failJobAt(String s3UrlPart, String... failureLines) {
        requireUrlPart(s3UrlPart);
        if (failureLines.length == 0) {
            throw new IllegalArgumentException("give at least one failure line");
        }
        targetedJobFailures.add(new Targeted<>(s3UrlPart, List.of(failureLines)));
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
    public synchronized Faults deleteBeforeRead(String s3UrlPart) {
        deletesBeforeRead.add(requireUrlPart(s3UrlPart));
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
    public synchronized Faults denyRole(String roleArn, String s3UrlPart) {
        Objects.requireNonNull(roleArn, "roleArn");
        roleDenialsAt.add(new Targeted<>(requireUrlPart(s3UrlPart), roleArn));
        return this;
    }

    /**
     * Jobs that name this role ARN cannot read their files, as when Pinpoint cannot assume the role: they are
     * accepted (201) and then end {@code FAILED} with a failure line naming the role.
     *
     * @param roleArn the role ARN to deny
     * @return this
     */
    public synchronized Faults denyRole(String roleArn) {
        deniedRoles.add(Objects.requireNonNull(roleArn, "roleArn"));
        return this;
    }

    /**
     * The next {@code CreateImportJob} records and starts its job as usual, but the caller gets {@code error}
     * instead of the 201: the "lost response" case, where a retrying client would create a second job.
     *
     * @param error the error to answer
     * @return this
     */
    public synchronized Faults failNextCreateAfterRecording(ModelledError error) {
        Objects.requireNonNull(error, "error");
        lostCreates.add(new LostCreate(LostResponse.ERROR, new Injected(error, error.defaultMessage()), null));
        return this;
    }

    /**
     * The next {@code CreateImportJob} records and starts its job, then the connection is closed without any
     * answer (the SDK sees an I/O error).
     *
     * @return this
     */
    public synchronized Faults dropNextCreateAfterRecording() {
        lostCreates.add(new LostCreate(LostResponse.DROP, null, null));
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
    public synchronized CompletableFuture<String> holdNextCreateAfterRecording() {
        CompletableFuture<String> recorded = new CompletableFuture<>();
        lostCreates.add(new LostCreate(LostResponse.HOLD, null, recorded));
        return recorded;
    }

    /**
     * Sends the answers of every {@code CreateImportJob} held by {@link #holdNextCreateAfterRecording()} so far
     * (a client that is gone does not get them, and that is not an error).
     *
     * @return how many answers were released
     */
    public int releaseHeldCreates() {
        List<HeldCreate> release;
        synchronized (this) {
            release = List.copyOf(heldCreates);
            heldCreates.clear();
        }
        release.forEach(h -> h.answer().run());
        return release.size();
    }

    /**
     * Drops every planned fault, standing delays and denied roles; connections whose {@code CreateImportJob} answer
     * is held are closed without an answer, and holds that caught no request yet are cancelled.
     */
    public void clear() {
        List<HeldCreate> drop;
        List<CompletableFuture<String>> unused = new ArrayList<>();
        synchronized (this) {
            errors.clear();
            nextDelays.clear();
            standingDelays.clear();
            jobFailures.clear();
            deniedRoles.clear();
            for (LostCreate lost : lostCreates) {
                if (lost.recorded() != null) {
                    unused.add(lost.recorded());
                }
            }
            lostCreates.clear();
            targetedJobFailures.clear();
            deletesBeforeRead.clear();
            roleDenialsAt.clear();
            drop = List.copyOf(heldCreates);
            heldCreates.clear();
        }
        // outside the lock: completing runs the caller's dependants, closing may block briefly
        unused.forEach(f -> f.cancel(false));
        drop.forEach(h -> h.drop().run());
    }

    synchronized Injected takeError(Operation operation) {
        Deque<Injected> queue = errors.get(operation);
        return queue == null ? null : queue.poll();
    }

    synchronized Duration takeDelay(Operation operation) {
        Deque<Duration> queue = nextDelays.get(operation);
        Duration next = queue == null ? null : queue.poll();
        if (next != null) {
            return next;
        }
        return standingDelays.getOrDefault(operation, Duration.ZERO);
    }

    synchronized List<String> takeJobFailure(String s3Url) {
        for (int i = 0; i < targetedJobFailures.size(); i++) {
            if (s3Url.contains(targetedJobFailures.get(i).urlPart())) {
                return targetedJobFailures.remove(i).fault();
            }
        }
        return jobFailures.poll();
    }

    synchronized boolean takeDeleteBeforeRead(String s3Url) {
        for (int i = 0; i < deletesBeforeRead.size(); i++) {
            if (s3Url.contains(deletesBeforeRead.get(i))) {
                deletesBeforeRead.remove(i);
                return true;
            }
        }
        return false;
    }

    synchronized boolean isDenied(String roleArn, String s3Url) {
        if (deniedRoles.contains(roleArn)) {
            return true;
        }
        for (Targeted<String> denial : roleDenialsAt) {
            if (denial.fault().equals(roleArn) && s3Url.contains(denial.urlPart())) {
                return true;
            }
        }
        return false;
    }

    synchronized LostCreate takeLostCreate() {
        return lostCreates.poll();
    }

    synchronized void hold(HeldCreate held) {
        heldCreates.add(held);
    }

    private static String requireUrlPart(String s3UrlPart) {
        Objects.requireNonNull(s3UrlPart, "s3UrlPart");
        if (s3UrlPart.isEmpty()) {
            throw new IllegalArgumentException("s3UrlPart must not be empty");
        }
        return s3UrlPart;
    }

    private static void requirePositive(int times) {
        if (times < 1) {
            throw new IllegalArgumentException("times must be at least 1, was " + times);
        }
    }

    private static void requireNotNegative(Duration delay) {
        Objects.requireNonNull(delay, "delay");
        if (delay.isNegative()) {
            throw new IllegalArgumentException("delay must not be negative, was " + delay);
        }
    }
}
