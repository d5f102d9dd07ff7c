package io.pinpointimport.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Registered for every test class (see {@code junit-platform.properties}): every thread a test class started must
 * be gone after it (servers stopped, clients closed, event loops shut down). Threads get a deadline to finish
 * stopping. JVM-wide helpers that libraries keep for the life of the process are listed in {@link #JVM_WIDE}.
 */
public final class NoLeftoverThreads implements BeforeAllCallback, AfterAllCallback {
    /** Process-wide threads that outlive any one user by design: not leaks. */
    static final Pattern JVM_WIDE =
            Pattern.compile("ForkJoinPool\\.commonPool.*|Attach Listener|process reaper.*|Common-Cleaner|surefire.*"
                    + "|globalEventExecutor.*|ObjectCleanerThread|idle-connection-reaper.*|Java2D.*|Keep-Alive-.*"
                    + "|Timer-.*|sdk-ScheduledExecutor.*|HttpClient-.*"
                    // the SDK's static scheduler for response-stream time-outs (sync clients)
                    + "|response-input-stream-timeout-scheduler");

    private static final Duration DEADLINE = Duration.ofSeconds(20);
    private static final ExtensionContext.Namespace NS = ExtensionContext.Namespace.create(NoLeftoverThreads.class);

    /** Public for JUnit's service loader. */
    public NoLeftoverThreads() {}

    @Override
    public void beforeAll(ExtensionContext context) {
        context.getStore(NS)
                .put(
                        "before",
                        Thread.getAllStackTraces().keySet().stream()
                                .map(Thread::getId)
                                .collect(Collectors.toSet()));
    }

    @Override
    public void afterAll(ExtensionContext context) {
        @SuppressWarnings("unchecked")
        Set<Long> before = context.getStore(NS).get("before", Set.class);
        long end = System.nanoTime() + DEADLINE.toNanos();
        List<String> left = leftovers(before);
        while (!left.isEmpty() && System.nanoTime() < end) {
            // Polling a condition with a deadline; nothing here waits a fixed time.
            Thread.onSpinWait();
            Thread.yield();
            left = leftovers(before);
        }
        assertThat(left)
                .as("threads started by %s and still running", context.getDisplayName())
                .isEmpty();
    }

    /**
     * The JDK's default pool for asynchronous file channels (the SDK reads shards with one) is process-wide; its
     * idle workers are unnamed daemon threads waiting in a cached pool's queue. Our own pools all name their threads.
     */
    static boolean jdkAsyncChannelWorker(Thread t, StackTraceElement[] stack) {
        return t.isDaemon()
                && t.getName().matches("Thread-\\d+")
                && Arrays.stream(stack)
                        .anyMatch(f -> f.getClassName().startsWith("java.util.concurrent.SynchronousQueue"));
    }

    static List<String> leftovers(Set<Long> before) {
        return Thread.getAllStackTraces().entrySet().stream()
                .filter(e -> e.getKey().isAlive())
                .filter(e -> !before.contains(e.getKey().getId()))
                .filter(e -> !JVM_WIDE.matcher(e.getKey().getName()).matches())
                .filter(e -> !jdkAsyncChannelWorker(e.getKey(), e.getValue()))
                .map(e -> e.getKey().getName() + " "
                        + Arrays.stream(e.getValue())
                                .limit(12)
                                .map(String::valueOf)
                                .collect(Collectors.joining(" < ")))
                .sorted()
                .toList();
    }
}
