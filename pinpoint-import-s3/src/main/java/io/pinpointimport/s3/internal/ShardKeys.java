package io.pinpointimport.s3.internal;

import io.pinpointimport.format.ImportFormat;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * The object key layout: {@code <prefix><run-id>/<shard-number>/part.<ext>}, and the checks that keep a caller's
 * prefix and run id from escaping it. No promises: internal.
 *
 * <p>Each shard gets a "folder" of its own because an import job given a prefix imports every file under it
 * (subfolders included); the shard number is zero-padded so that keys list in shard order.
 */
public final class ShardKeys {
    /** Digits the shard number is padded to; larger numbers simply get longer. */
    public static final int SHARD_NUMBER_DIGITS = 5;
    /** The object's file name without extension. */
    public static final String OBJECT_BASE_NAME = "part";
    /** The longest run id accepted. */
    public static final int MAX_RUN_ID_LENGTH = 128;
    /** S3's limit on a key's UTF-8 length. */
    public static final int MAX_KEY_BYTES = 1024;

    private static final Pattern RUN_ID = Pattern.compile("[A-Za-z0-9._-]+");

    private final String prefix;

    private ShardKeys(String prefix) {
        this.prefix = prefix;
    }

    /**
     * @param prefix a caller's key prefix, normalised by {@link #normalizePrefix(String)}
     * @return the layout under that prefix
     * @throws IllegalArgumentException if the prefix is unsafe
     */
    public static ShardKeys under(String prefix) {
        return new ShardKeys(normalizePrefix(prefix));
    }

    /** @return the normalised prefix: empty, or segments joined by {@code /} with exactly one trailing {@code /} */
    public String prefix() {
        return prefix;
    }

    /**
     * @param runId the run id, checked by {@link #checkRunId(String)}
     * @return the prefix holding all of a run's shards, ending in {@code /}
     */
    public String runPrefix(String runId) {
        return prefix + checkRunId(runId) + "/";
    }

    /**
     * @param runId the run id
     * @param shardNumber the shard's 0-based number
     * @return the prefix holding only this shard's object, ending in {@code /}; what an import job points at
     */
    public String shardPrefix(String runId, int shardNumber) {
        if (shardNumber < 0) {
            throw new IllegalArgumentException("shard number must be >= 0, was " + shardNumber);
        }
        return runPrefix(runId) + padded(shardNumber) + "/";
    }

    /**
     * @param runId the run id
     * @param shardNumber the shard's 0-based number
     * @param format the shard's format, which gives the extension the import job's format filter looks at
     * @return the object key
     */
    public String objectKey(String runId, int shardNumber, ImportFormat format) {
        Objects.requireNonNull(format, "format");
        String key = shardPrefix(runId, shardNumber) + OBJECT_BASE_NAME + "." + format.extension();
        int bytes = key.getBytes(StandardCharsets.UTF_8).length;
        if (bytes > MAX_KEY_BYTES) {
            throw new IllegalArgumentException("object key would be " + bytes + " bytes in UTF-8; S3 allows "
                    + MAX_KEY_BYTES + ": use a shorter prefix or run id");
        }
        return key;
    }

    /**
     * @param bucket the bucket
     * @param key a key or key prefix
     * @return {@code s3://bucket/key}
     */
    public static String s3Url(String bucket, String key) {
        return "s3://" + bucket + "/" + key;
    }

    /**
     * Normalises a caller's key prefix: empty segments (leading, doubled or trailing slashes) are dropped and the
     * result ends in exactly one {@code /}, or is empty.
     *
     * @param prefix the prefix; {@code null} counts as empty
     * @return the normalised prefix
     * @throws IllegalArgumentException if a segment is {@code .} or {@code ..}, or the prefix holds a control
     *     character, a backslash or an unpaired surrogate; the message names the rule, not the whole prefix
     */
    public static String normalizePrefix(String prefix) {
        if (prefix == null || prefix.isEmpty()) {
            return "";
        }
        for (int i = 0; i < prefix.length(); i++) {
            char c = prefix.charAt(i);
            if (Character.isISOControl(c)) {
                throw new IllegalArgumentException("prefix must not contain control characters (found U+"
                        + String.format("%04X", (int) c) + " at index " + i + ")");
            }
            // A backslash is a plain character to S3 but a separator to many tools that sync or mirror buckets.
            if (c == '\\') {
                throw new IllegalArgumentException("prefix must not contain a backslash (index " + i + ")");
            }
            if (Character.isSurrogate(c)) {
                boolean paired = Character.isHighSurrogate(c)
                        && i + 1 < prefix.length()
                        && Character.isLowSurrogate(prefix.charAt(i + 1));
                if (!paired) {
                    throw new IllegalArgumentException(
                            "prefix must be valid UTF-16 (unpaired surrogate at index " + i + ")");
                }
                i++;
            }
        }
        List<String> segments = new ArrayList<>();
        for (String segment : prefix.split("/", -1)) {
            if (segment.isEmpty()) {
                continue;
            }
            if (segment.equals(".") || segment.equals("..")) {
                throw new IllegalArgumentException("prefix must not contain '" + segment + "' segments");
            }
            segments.add(segment);
        }
        return segments.isEmpty() ? "" : String.join("/", segments) + "/";
    }

    /**
     * @param runId a run id
     * @return the run id, if it is 1 to {@value #MAX_RUN_ID_LENGTH} of {@code A-Z a-z 0-9 . _ -} and not {@code .}
     *     or {@code ..}
     * @throws IllegalArgumentException otherwise
     */
    public static String checkRunId(String runId) {
        Objects.requireNonNull(runId, "runId");
        if (runId.isEmpty()
                || runId.length() > MAX_RUN_ID_LENGTH
                || !RUN_ID.matcher(runId).matches()
                || runId.equals(".")
                || runId.equals("..")) {
            throw new IllegalArgumentException("run id must be 1 to " + MAX_RUN_ID_LENGTH
                    + " characters of A-Z a-z 0-9 . _ - and not '.' or '..'");
        }
        return runId;
    }

    private static String padded(int shardNumber) {
        String digits = Integer.toString(shardNumber);
        if (digits.length() >= SHARD_NUMBER_DIGITS) {
            return digits;
        }
        return "0".repeat(SHARD_NUMBER_DIGITS - digits.length()) + digits;
    }
}
