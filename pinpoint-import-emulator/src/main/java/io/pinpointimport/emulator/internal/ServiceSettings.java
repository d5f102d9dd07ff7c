package io.pinpointimport.emulator.internal;

import io.pinpointimport.emulator.Pace;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * What every service emulator's builder takes, checked once: the loopback port, the job pace, the clock and the
 * access key id calls must be signed with. Each builder documents these for its own service and keeps one of these.
 * Not thread-safe.
 */
public final class ServiceSettings {
    private int port;
    private Pace pace = Pace.instant();
    private Clock clock = Clock.systemUTC();
    private @Nullable String requiredAccessKeyId;

    /** @param port the port on 127.0.0.1, 0..65535; {@code 0} picks a free one */
    public void port(int port) {
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("port must be 0..65535, was " + port);
        }
        this.port = port;
    }

    /** @return the port on 127.0.0.1; {@code 0} for a free one */
    public int port() {
        return port;
    }

    /** @param pace how jobs move through their states */
    public void pace(Pace pace) {
        this.pace = Objects.requireNonNull(pace, "pace");
    }

    /** @return how jobs move through their states; default {@link Pace#instant()} */
    public Pace pace() {
        return pace;
    }

    /** @param clock the clock of the service's dates */
    public void clock(Clock clock) {
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /** @return the clock of the service's dates; default the system UTC clock */
    public Clock clock() {
        return clock;
    }

    /** @param accessKeyId the access key id calls must be signed with */
    public void requireAccessKeyId(String accessKeyId) {
        this.requiredAccessKeyId = Objects.requireNonNull(accessKeyId, "accessKeyId");
    }

    /** @return the access key id calls must be signed with, or {@code null} for any */
    public @Nullable String requiredAccessKeyId() {
        return requiredAccessKeyId;
    }

    /** @return an independent copy */
    public ServiceSettings copy() {
        ServiceSettings copy = new ServiceSettings();
        copy.port = port;
        copy.pace = pace;
        copy.clock = clock;
        copy.requiredAccessKeyId = requiredAccessKeyId;
        return copy;
    }

    /**
     * @param service the service's name, e.g. {@code Pinpoint}
     * @param cause why the emulator could not start
     * @return the exception its builder's {@code start()} throws
     */
    public UncheckedIOException cannotStart(String service, IOException cause) {
        return new UncheckedIOException("Could not start the " + service + " emulator on 127.0.0.1:" + port, cause);
    }
}
