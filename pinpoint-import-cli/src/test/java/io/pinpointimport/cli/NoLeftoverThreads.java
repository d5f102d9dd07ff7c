package io.pinpointimport.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Registered for every test class (see {@code junit-platform.properties}): after a class, no thread of the tool,
 * the SDK's HTTP clients or an in-process server may still run. Threads get a short deadline to finish stopping.
 */
public final class NoLeftoverThreads implements AfterAllCallback {
    /** Threads that belong to a run of the tool or to the servers tests start. */
    static final Pattern OURS = Pattern.compile(
            "pinpoint-import.*|sdk-async-response.*|aws-java-sdk-NettyEventLoop.*|.*emulator.*|S3Proxy.*|qtp.*"
                    + "|ProgressBar.*",
            Pattern.CASE_INSENSITIVE);
    private static final Duration DEADLINE = Duration.ofSeconds(15);

    /** Public for JUnit's service loader. */
    public NoLeftoverThreads() {
    }

    @Override
    public void afterAll(ExtensionContext context) throws InterruptedException {
        long end = System.nanoTime() + DEADLINE.toNanos();
        List<String> left = leftovers();
        while (!left.isEmpty() && System.nanoTime() < end) {
            // Polling a condition with a deadline, as the project's rules ask; nothing here waits for a fixed time.
            Thread.onSpinWait();
            Thread.yield();
            left = leftovers();
        }
        assertThat(left).as("threads still running after %s", context.getDisplayName()).isEmpty();
    }

    static List<String> leftovers() {
        return Thread.getAllStackTraces().keySet().stream()
                .filter(Thread::isAlive)
                .map(Thread::getName)
                .filter(n -> OURS.matcher(n).matches())
                .sorted()
                .toList();
    }
}
