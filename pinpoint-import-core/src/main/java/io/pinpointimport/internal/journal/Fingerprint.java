package io.pinpointimport.internal.journal;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import java.util.TreeMap;

/** The fingerprint of the settings a resumed run must share with the run it continues. No promises: internal. */
public final class Fingerprint {
    private Fingerprint() {}

    /**
     * @param settings settings by name
     * @return SHA-256 (hex) of their canonical text: sorted {@code name=value} lines
     */
    public static String of(Map<String, String> settings) {
        StringBuilder sb = new StringBuilder();
        new TreeMap<>(settings)
                .forEach((k, v) -> sb.append(k).append('=').append(v).append('\n'));
        return sha256(sb.toString());
    }

    /**
     * @param text any text
     * @return SHA-256 of its UTF-8 bytes, in lower-case hex
     */
    public static String sha256(String text) {
        try {
            return HexFormat.of()
                    .formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }
}
