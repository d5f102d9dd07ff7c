package io.pinpointimport.emulator.internal;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;

/**
 * The faults every service emulator plans per call, behind its public fault controls: errors answered instead of
 * the real answer, slow answers, and lost answers of a recorded create (an error, a dropped connection, or an answer
 * held until the test releases it). Consumed in the order they were added. Thread-safe.
 *
 * @param <O> the service's operations
 * @param <E> the service's modelled errors
 */
public final class FaultQueue<O extends Enum<O>, E> {

    /** What happens to the answer of a create whose resource was recorded. */
    public enum LostKind {
        /** An error is answered instead. */
        ERROR,
        /** The connection is closed without an answer. */
        DROP,
        /** The answer is held until released or dropped. */
        HOLD
    }

    /**
     * An error to answer instead of the real answer.
     *
     * @param error the modelled error
     * @param message the {@code Message} of the error body
     * @param afterApplying whether the call is carried out first (its answer is lost) rather than refused
     * @param <E> the service's modelled errors
     */
    public record Injected<E>(E error, String message, boolean afterApplying) {
        /**
         * An error answered instead of carrying out the call.
         *
         * @param error the modelled error
         * @param message the {@code Message} of the error body
         */
        public Injected(E error, String message) {
            this(error, message, false);
        }
    }

    /**
     * A fault planned for the answer of a recorded create.
     *
     * @param kind what happens to the answer
     * @param error the error to answer, for {@link LostKind#ERROR} only
     * @param recorded completed with the new resource's id, for {@link LostKind#HOLD} only
     * @param <E> the service's modelled errors
     */
    public record LostCreate<E>(
            LostKind kind,
            @Nullable Injected<E> error,
            @Nullable CompletableFuture<String> recorded) {}

    /** Sends a modelled error on an exchange, the service's way. */
    @FunctionalInterface
    public interface ErrorSender<E> {
        /**
         * @param error the modelled error
         * @param message its message
         * @param delay how long to wait before answering
         */
        void send(E error, String message, Duration delay);
    }

    private record HeldCreate(Runnable answer, Runnable drop) {}

    private final Map<O, Deque<Injected<E>>> errors;
    private final Map<O, Deque<Duration>> nextDelays;
    private final Map<O, Duration> standingDelays;
    private final Deque<LostCreate<E>> lostCreates = new ArrayDeque<>();
    private final List<HeldCreate> heldCreates = new ArrayList<>();

    /** @param operations the service's operation enum */
    public FaultQueue(Class<O> operations) {
        this.errors = new EnumMap<>(operations);
        this.nextDelays = new EnumMap<>(operations);
        this.standingDelays = new EnumMap<>(operations);
    }

    /**
     * The next {@code times} calls of {@code operation} answer {@code error} with {@code message}.
     *
     * @param operation the operation to fail
     * @param times how many calls; at least 1
     * @param error the error to answer
     * @param message the {@code Message} of the error body
     */
    public synchronized void failNext(O operation, int times, E error, String message) {
        Objects.requireNonNull(operation, "operation");
        Objects.requireNonNull(error, "error");
        Objects.requireNonNull(message, "message");
        requirePositive(times);
        Deque<Injected<E>> queue = errors.computeIfAbsent(operation, o -> new ArrayDeque<>());
        for (int i = 0; i < times; i++) {
            queue.add(new Injected<>(error, message));
        }
    }

    /**
     * The next call of {@code operation} is carried out as usual, then answers {@code error} with {@code message}
     * instead of its answer (a lost answer). Queued with the errors of {@link #failNext}, in the order added.
     *
     * @param operation the operation whose answer is lost
     * @param error the error to answer
     * @param message the {@code Message} of the error body
     */
    public synchronized void failNextAfterApplying(O operation, E error, String message) {
        Objects.requireNonNull(operation, "operation");
        Objects.requireNonNull(error, "error");
        Objects.requireNonNull(message, "message");
        errors.computeIfAbsent(operation, o -> new ArrayDeque<>()).add(new Injected<>(error, message, true));
    }

    /**
     * Every call of {@code operation} is answered {@code delay} late until {@link #clear()}.
     *
     * @param operation the operation to slow down
     * @param delay the extra time before the answer; zero removes the delay
     */
    public synchronized void delay(O operation, Duration delay) {
        Objects.requireNonNull(operation, "operation");
        requireNotNegative(delay);
        if (delay.isZero()) {
            standingDelays.remove(operation);
        } else {
            standingDelays.put(operation, delay);
        }
    }

    /**
     * The next {@code times} calls of {@code operation} are answered {@code delay} late.
     *
     * @param operation the operation to slow down
     * @param times how many calls; at least 1
     * @param delay the extra time before the answer
     */
    public synchronized void delayNext(O operation, int times, Duration delay) {
        Objects.requireNonNull(operation, "operation");
        requirePositive(times);
        requireNotNegative(delay);
        Deque<Duration> queue = nextDelays.computeIfAbsent(operation, o -> new ArrayDeque<>());
        for (int i = 0; i < times; i++) {
            queue.add(delay);
        }
    }

    /**
     * The next recorded create answers {@code error} instead of its answer.
     *
     * @param error the error to answer
     * @param message the {@code Message} of the error body
     */
    public synchronized void failNextCreateAfterRecording(E error, String message) {
        Objects.requireNonNull(error, "error");
        lostCreates.add(new LostCreate<>(LostKind.ERROR, new Injected<>(error, message), null));
    }

    /** The next recorded create closes the connection without an answer. */
    public synchronized void dropNextCreateAfterRecording() {
        lostCreates.add(new LostCreate<>(LostKind.DROP, null, null));
    }

    /**
     * The next recorded create holds its answer until {@link #releaseHeldCreates()} or {@link #clear()}.
     *
     * @return completes with the new resource's id once it is recorded; cancelled by an earlier {@link #clear()}
     */
    public synchronized CompletableFuture<String> holdNextCreateAfterRecording() {
        CompletableFuture<String> recorded = new CompletableFuture<>();
        lostCreates.add(new LostCreate<>(LostKind.HOLD, null, recorded));
        return recorded;
    }

    /**
     * Sends every held answer (a client that is gone does not get it, and that is not an error).
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
     * Drops every planned fault and standing delay; connections whose answer is held are closed without one, and
     * holds that caught no request yet are cancelled.
     */
    public void clear() {
        List<HeldCreate> drop;
        List<CompletableFuture<String>> unused = new ArrayList<>();
        synchronized (this) {
            errors.clear();
            nextDelays.clear();
            standingDelays.clear();
            for (LostCreate<E> lost : lostCreates) {
                if (lost.recorded() != null) {
                    unused.add(lost.recorded());
                }
            }
            lostCreates.clear();
            drop = List.copyOf(heldCreates);
            heldCreates.clear();
        }
        // outside the lock: completing runs the caller's dependants, closing may block briefly
        unused.forEach(f -> f.cancel(false));
        drop.forEach(h -> h.drop().run());
    }

    /**
     * @param operation the operation called
     * @return the error planned for this call, or {@code null}
     */
    public synchronized @Nullable Injected<E> takeError(O operation) {
        Deque<Injected<E>> queue = errors.get(operation);
        return queue == null ? null : queue.poll();
    }

    /**
     * @param operation the operation called
     * @return how late to answer this call; {@link Duration#ZERO} for at once
     */
    public synchronized Duration takeDelay(O operation) {
        Deque<Duration> queue = nextDelays.get(operation);
        Duration next = queue == null ? null : queue.poll();
        if (next != null) {
            return next;
        }
        return standingDelays.getOrDefault(operation, Duration.ZERO);
    }

    /**
     * Answers a create whose resource was just recorded: as planned by a lost-create fault, else not at all.
     *
     * @param exchange the create's exchange
     * @param status the answer's status
     * @param body the answer's JSON bytes
     * @param id the recorded resource's id
     * @param delay how late to answer
     * @param sendError how the service answers an error
     * @return whether a fault answered (or held) the exchange; {@code false} leaves answering to the caller
     */
    public boolean answerLostCreate(
            HttpFront.Exchange exchange, int status, byte[] body, String id, Duration delay, ErrorSender<E> sendError) {
        return answerLostCreate(exchange, status, body, id, delay, sendError, kind -> {});
    }

    /**
     * As {@link #answerLostCreate(HttpFront.Exchange, int, byte[], String, Duration, ErrorSender)}, telling
     * {@code beforeAnswer} which kind of lost answer is planned before the client can see anything of it (so that a
     * log of served requests is never outrun by the client).
     *
     * @param exchange the create's exchange
     * @param status the create's status
     * @param body the create's answer
     * @param id the created job's id
     * @param delay the delay planned for this call
     * @param sendError sends a modelled error
     * @param beforeAnswer told the kind of lost answer before it happens
     * @return whether a lost answer was planned (and has been carried out)
     */
    public boolean answerLostCreate(
            HttpFront.Exchange exchange,
            int status,
            byte[] body,
            String id,
            Duration delay,
            ErrorSender<E> sendError,
            Consumer<LostKind> beforeAnswer) {
        LostCreate<E> lost;
        synchronized (this) {
            lost = lostCreates.poll();
        }
        if (lost == null) {
            return false;
        }
        beforeAnswer.accept(lost.kind());
        switch (lost.kind()) {
            case HOLD -> {
                // no thread waits: the exchange stays open until the test releases or drops it
                synchronized (this) {
                    heldCreates.add(new HeldCreate(
                            () -> exchange.sendJson(status, body, null, Duration.ZERO),
                            () -> exchange.drop(Duration.ZERO)));
                }
                Objects.requireNonNull(lost.recorded()).complete(id);
            }
            case DROP -> exchange.drop(delay);
            case ERROR -> {
                Injected<E> error = Objects.requireNonNull(lost.error());
                sendError.send(error.error(), error.message(), delay);
            }
        }
        return true;
    }

    /**
     * @param times a count of calls
     * @throws IllegalArgumentException if it is below 1
     */
    public static void requirePositive(int times) {
        if (times < 1) {
            throw new IllegalArgumentException("times must be at least 1, was " + times);
        }
    }

    /**
     * @param delay a delay
     * @throws IllegalArgumentException if it is negative
     */
    public static void requireNotNegative(Duration delay) {
        Objects.requireNonNull(delay, "delay");
        if (delay.isNegative()) {
            throw new IllegalArgumentException("delay must not be negative, was " + delay);
        }
    }
}
