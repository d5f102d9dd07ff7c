package io.pinpointimport.cli.internal;

import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/** Reads sizes such as {@code 950000000}, {@code 64KB}, {@code 100MB}, {@code 1GB} (powers of 1000) or {@code 64KiB}. */
public final class ByteSize implements ITypeConverter<Long> {
    private static final Pattern SIZE = Pattern.compile("(\\d+)\\s*([kmg]i?b?|b)?");

    /** Public for picocli. */
    public ByteSize() {}

    @Override
    public Long convert(String value) {
        return parse(value);
    }

    /**
     * @param value the text
     * @return the number of bytes
     * @throws TypeConversionException when it is not a positive size
     */
    public static long parse(String value) {
        Matcher m = SIZE.matcher(value.trim().toLowerCase(Locale.ROOT));
        if (!m.matches()) {
            throw new TypeConversionException(
                    "'" + value + "' is not a size: use bytes or a unit, such as 64KB," + " 100MB, 1GB or 64KiB");
        }
        String unit = m.group(2) == null ? "b" : m.group(2);
        long factor = switch (unit.charAt(0)) {
            case 'k' -> unit.contains("i") ? 1L << 10 : 1_000L;
            case 'm' -> unit.contains("i") ? 1L << 20 : 1_000_000L;
            case 'g' -> unit.contains("i") ? 1L << 30 : 1_000_000_000L;
            default -> 1L;
        };
        try {
            long bytes = Math.multiplyExact(Long.parseLong(m.group(1)), factor);
            if (bytes <= 0) {
                throw new TypeConversionException("the size must be more than 0 bytes");
            }
            return bytes;
        } catch (ArithmeticException | NumberFormatException e) {
            throw new TypeConversionException("'" + value + "' is too large");
        }
    }
}
