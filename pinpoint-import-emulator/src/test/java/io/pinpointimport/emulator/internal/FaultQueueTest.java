package io.pinpointimport.emulator.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

/** The fault queue both emulators' fault controls share; their end-to-end behaviour is in the emulator tests. */
class FaultQueueTest {

    enum Op {
        READ,
        WRITE
    }

    private final FaultQueue<Op, String> faults = new FaultQueue<>(Op.class);

    @Test
    void errorsAreTakenInOrderPerOperation() {
        faults.failNext(Op.READ, 2, "Throttled", "first");
        faults.failNext(Op.READ, 1, "Broken", "second");

        assertThat(faults.takeError(Op.WRITE)).isNull();
        assertThat(faults.takeError(Op.READ)).isEqualTo(new FaultQueue.Injected<>("Throttled", "first"));
        assertThat(faults.takeError(Op.READ)).isEqualTo(new FaultQueue.Injected<>("Throttled", "first"));
        assertThat(faults.takeError(Op.READ)).isEqualTo(new FaultQueue.Injected<>("Broken", "second"));
        assertThat(faults.takeError(Op.READ)).isNull();
    }

    @Test
    void aNextDelayComesBeforeTheStandingOneWhichLastsUntilRemoved() {
        faults.delay(Op.READ, Duration.ofSeconds(5));
        faults.delayNext(Op.READ, 1, Duration.ofSeconds(1));

        assertThat(faults.takeDelay(Op.READ)).isEqualTo(Duration.ofSeconds(1));
        assertThat(faults.takeDelay(Op.READ)).isEqualTo(Duration.ofSeconds(5));
        assertThat(faults.takeDelay(Op.READ)).isEqualTo(Duration.ofSeconds(5));
        assertThat(faults.takeDelay(Op.WRITE)).isEqualTo(Duration.ZERO);

        faults.delay(Op.READ, Duration.ZERO);
        assertThat(faults.takeDelay(Op.READ)).isEqualTo(Duration.ZERO);
    }

    @Test
    void clearDropsEverythingAndCancelsHoldsThatCaughtNothing() {
        faults.failNext(Op.WRITE, 3, "Broken", "x");
        faults.delay(Op.WRITE, Duration.ofSeconds(1));
        CompletableFuture<String> held = faults.holdNextCreateAfterRecording();

        faults.clear();

        assertThat(faults.takeError(Op.WRITE)).isNull();
        assertThat(faults.takeDelay(Op.WRITE)).isEqualTo(Duration.ZERO);
        assertThat(held).isCancelled();
        assertThat(faults.releaseHeldCreates()).isZero();
    }

    @Test
    void countsAndDelaysAreChecked() {
        assertThatThrownBy(() -> faults.failNext(Op.READ, 0, "Broken", "x"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("times must be at least 1, was 0");
        assertThatThrownBy(() -> faults.delayNext(Op.READ, 1, Duration.ofMillis(-1)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("delay must not be negative, was PT-0.001S");
    }
}
