package io.pinpointimport.emulator.profiles;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import org.jspecify.annotations.Nullable;

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

    /** What happens to the answer of a {@code CreateUploadJob} whose job was recorded. */
    enum LostKind {
        ERROR,
        DROP,
        HOLD
    }

    record Injected(ProfilesError error, String message) {}

    record LostCreate(LostKind kind, Injected error, CompletableFuture<String> recorded) {}

    record HeldCreate(Runnable answer, Runnable drop) {}

    record JobFailure(String displayNamePart, String statusReason) {}

    private final Map<ProfilesOperation, Deque<Injected>> errors = new EnumMap<>(ProfilesOperation.class);
    private final Map<ProfilesOperation, Deque<Duration>> nextDelays = new EnumMap<>(ProfilesOperation.class);
    private final Map<ProfilesOperation, Duration> standingDelays = new EnumMap<>(ProfilesOperation.class);
    private final List<JobFailure> jobFailures = new ArrayList<>();
    private final Deque<LostCreate> lostCreates = new ArrayDeque<>();
    private final List<HeldCreate> heldCreates = new ArrayList<>();
    private int expiredUrls;

    ProfilesFaults() {}

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
    public synchronized ProfilesFaults failNext(
            ProfilesOperation operation, int times, ProfilesError error, String message) {
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
    public synchronized ProfilesFaults delay(ProfilesOperation operation, Duration delay) {
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
    public synchronized ProfilesFaults delayNext(ProfilesOperation operation, int times, Duration delay) {
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
    public synchronized ProfilesFaults failJobNamed(String displayNamePart, String statusReason) {
        Objects.requireNonNull(displayNamePart, "displayNamePart");
        if (!"VALIDATION_FAILURE".equals(statusReason) && !"INTERNAL_FAILURE".equals(statusReason)) {
            throw new IllegalArgumentException(
                    "statusReason must be VALIDATION_FAILURE or INTERNAL_FAILURE, was " + statusReason);
        }
        jobFailures.add(new JobFailure(displayNamePart, statusReason));
        return this;
    }

    /**
     * The next {@code CreateUploadJob} records its job as usual, but the caller gets {@code error} instead of the
     * answer: the "lost answer" case, where a client that simply retries would create a second job.
     *
     * @param error the error to answer
     * @return this
     */
    public synchronized ProfilesFaults failNextCreateAfterRecording(ProfilesError error) {
        Objects.requireNonNull(error, "error");
        lostCreates.add(new LostCreate(LostKind.ERROR, new Injected(error, error.defaultMessage()), null));
        return this;
    }

    /**
     * The next {@code CreateUploadJob} records its job, then the connection is closed without any answer (the SDK
     * sees an I/O error).
     *
     * @return this
     */
    public synchronized ProfilesFaults dropNextCreateAfterRecording() {
        lostCreates.add(new LostCreate(LostKind.DROP, null, null));
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
    public synchronized CompletableFuture<String> holdNextCreateAfterRecording() {
        CompletableFuture<String> recorded = new CompletableFuture<>();
        lostCreates.add(new LostCreate(LostKind.HOLD, null, recorded));
        return recorded;
    }

    /**
     * Sends the answers held by {@link #holdNextCreateAfterRecording()} so far.
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
     * The next {@code times} calls of {@code GetUploadJobPath} give a URL whose {@code ValidUntil} has already
     * passed: a {@code PUT} to it gets S3's 403 {@code AccessDenied} "Request has expired".
     *
     * @param times how many URLs; at least 1
     * @return this
     */
    public synchronized ProfilesFaults expireNextUploadUrls(int times) {
        requirePositive(times);
        expiredUrls += times;
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
        List<HeldCreate> drop;
        List<CompletableFuture<String>> unused = new ArrayList<>();
        synchronized (this) {
            errors.clear();
            nextDelays.clear();
            standingDelays.clear();
            jobFailures.clear();
            for (LostCreate lost : lostCreates) {
                if (lost.recorded() != null) {
                    unused.add(lost.recorded());
                }
            }
            lostCreates.clear();
            expiredUrls = 0;
            drop = List.copyOf(heldCreates);
            heldCreates.clear();
        }
        unused.forEach(f -> f.cancel(false));
        drop.forEach(h -> h.drop().run());
    }

    synchronized Injected takeError(ProfilesOperation operation) {
        Deque<Injected> queue = errors.get(operation);
        return queue == null ? null : queue.poll();
    }

    synchronized Duration takeDelay(ProfilesOperation operation) {
        Deque<Duration> queue = nextDelays.get(operation);
        Duration next = queue == null ? null : queue.poll();
        if (next != null) {
            return next;
        }
        return standingDelays.getOrDefault(operation, Duration.ZERO);
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

    synchronized LostCreate takeLostCreate() {
        return lostCreates.poll();
    }

    synchronized void hold(HeldCreate held) {
        heldCreates.add(held);
    }

    synchronized boolean takeExpiredUrl() {
        if (expiredUrls > 0) {
            expiredUrls--;
            return true;
        }
        return false;
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
