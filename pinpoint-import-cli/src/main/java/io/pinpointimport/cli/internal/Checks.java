package io.pinpointimport.cli.internal;

import io.pinpointimport.cli.ExitCodes;
import java.net.URI;
import java.util.regex.Pattern;

/**
 * Range and shape checks of option values, so that a bad value is a usage error naming its option (exit code
 * {@value ExitCodes#USAGE}) rather than a failure deep in the run. Values are quoted escaped and shortened.
 */
final class Checks {
    /** The per-job limit of the service, 1 GB: no shard may be larger. */
    static final long MAX_SHARD_BYTES = 1_000_000_000L;

    private static final Pattern REGION = Pattern.compile("[a-z0-9]+(-[a-z0-9]+)*");
    private static final Pattern BUCKET = Pattern.compile("[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]");

    private Checks() {}

    static void atLeast(String option, long value, long min) {
        if (value < min) {
            throw new CliException(ExitCodes.USAGE, option + " must be " + min + " or more, was " + value + ".");
        }
    }

    static void between(String option, long value, long min, long max, String why) {
        if (value < min || value > max) {
            throw new CliException(
                    ExitCodes.USAGE, option + " must be from " + min + " to " + max + why + ", was " + value + ".");
        }
    }

    static void maxShardSize(String option, long bytes) {
        between(option, bytes, 1, MAX_SHARD_BYTES, " bytes (the service takes at most 1 GB per import job)");
    }

    static void region(String region) {
        if (region != null && (region.isBlank() || !REGION.matcher(region).matches())) {
            throw new CliException(
                    ExitCodes.USAGE,
                    "--region must be an AWS region name such as us-east-1, was " + quoted(region) + ".");
        }
    }

    static void endpointUrl(String option, URI url) {
        if (url == null) {
            return;
        }
        String scheme = url.getScheme();
        if (!url.isAbsolute()
                || scheme == null
                || !(scheme.equalsIgnoreCase("http") || scheme.equalsIgnoreCase("https"))
                || url.getHost() == null
                || url.getHost().isEmpty()) {
            throw new CliException(
                    ExitCodes.USAGE,
                    option + " must be an http:// or https:// URL with a host, such" + " as http://127.0.0.1:4566, was "
                            + quoted(url.toString()) + ".");
        }
    }

    static void bucket(String bucket) {
        if (!BUCKET.matcher(bucket).matches()
                || bucket.contains("..")
                || bucket.contains(".-")
                || bucket.contains("-.")) {
            throw new CliException(
                    ExitCodes.USAGE,
                    "--bucket must be an S3 bucket name (3 to 63 lower-case letters,"
                            + " digits, dots and hyphens, starting and ending with a letter or digit, no '..'; not an s3://"
                            + " URL: put the key prefix in --prefix), was " + quoted(bucket) + ".");
        }
    }

    /** @return the value in quotes, control characters escaped, at most 60 characters */
    static String quoted(String value) {
        StringBuilder sb = new StringBuilder("'");
        int n = 0;
        for (int i = 0; i < value.length() && n < 60; i++, n++) {
            char c = value.charAt(i);
            if (Character.isISOControl(c) || Character.getType(c) == Character.FORMAT) {
                sb.append(String.format("\\u%04x", (int) c));
            } else {
                sb.append(c);
            }
        }
        if (value.length() > 60) {
            sb.append('…');
        }
        return sb.append('\'').toString();
    }
}
