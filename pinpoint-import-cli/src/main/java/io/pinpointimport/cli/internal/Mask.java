package io.pinpointimport.cli.internal;

/** Shortens personal values for display: enough to recognise a record, not enough to contact anyone. */
public final class Mask {
    /** What stands for the hidden part: {@value}. */
    public static final String HIDDEN = "***";

    private Mask() {}

    /**
     * @param value an address or id, or {@code null}
     * @return {@code jo***@example.com} for an email address, the first and last two characters otherwise
     *     ({@code +1***00}); {@code ***} for values of 6 characters or fewer
     */
    public static String of(String value) {
        if (value == null) {
            return null;
        }
        int at = value.indexOf('@');
        if (at > 0) {
            return value.substring(0, Math.min(2, at)) + HIDDEN + value.substring(at);
        }
        if (value.length() <= 6) {
            return HIDDEN;
        }
        return value.substring(0, 2) + HIDDEN + value.substring(value.length() - 2);
    }
}
