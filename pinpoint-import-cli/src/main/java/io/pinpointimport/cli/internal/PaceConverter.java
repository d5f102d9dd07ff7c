package io.pinpointimport.cli.internal;

import io.pinpointimport.emulator.Pace;
import java.time.Duration;
import java.util.Locale;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/** Reads {@code --pace}: {@code instant}, {@code steps}, {@code realtime}, {@code speed:N} or {@code timed:MILLIS}. */
public final class PaceConverter implements ITypeConverter<Pace> {
    /** Public for picocli. */
    public PaceConverter() {}

    @Override
    public Pace convert(String value) {
        String v = value.trim().toLowerCase(Locale.ROOT);
        try {
            if (v.equals("instant")) {
                return Pace.instant();
            }
            if (v.equals("steps")) {
                return Pace.steps();
            }
            if (v.equals("realtime")) {
                return Pace.realTime();
            }
            if (v.startsWith("speed:")) {
                return Pace.speed(Double.parseDouble(v.substring("speed:".length())));
            }
            if (v.startsWith("timed:")) {
                return Pace.timed(Duration.ofMillis(Long.parseLong(v.substring("timed:".length()))));
            }
        } catch (IllegalArgumentException e) {
            // falls through to the message below (NumberFormatException is an IllegalArgumentException)
        }
        throw new TypeConversionException("'" + value + "' is not a pace: use instant, steps, realtime, speed:N"
                + " (N times faster than realtime) or timed:MILLIS");
    }
}
