package io.pinpointimport.cli.internal;

import java.net.URI;
import picocli.CommandLine.Option;

/** The S3 endpoint override, separate from Pinpoint's. */
public final class S3Options {
    /** S3 endpoint override, or {@code null}. */
    @Option(
            names = "--s3-endpoint-url",
            paramLabel = "URL",
            description = "S3 endpoint to upload to instead of AWS's, such as the local emulator's S3 URL"
                    + " (path-style addressing is used then).")
    public URI s3EndpointUrl;

    /** Public for picocli. */
    public S3Options() {}
}
