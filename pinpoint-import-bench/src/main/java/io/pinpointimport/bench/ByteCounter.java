package io.pinpointimport.bench;

import org.openjdk.jmh.annotations.AuxCounters;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * Bytes produced, reported by JMH next to the primary score as a rate ({@code bytes} in "ops/s" means bytes/s), so
 * MB/s comes from the same run as records/s.
 */
@State(Scope.Thread)
@AuxCounters(AuxCounters.Type.OPERATIONS)
public class ByteCounter {
    /** Bytes written in this iteration; JMH divides it by the iteration's time (bytes/s). */
    public long bytes;

    /** Starts every iteration from zero. */
    @Setup(Level.Iteration)
    public void reset() {
        bytes = 0;
    }
}
