package io.pinpointimport.cli.internal;

import java.net.URI;
import picocli.CommandLine.Option;

/** Where and as whom to call AWS: {@code --region}, {@code --profile}, {@code --endpoint-url}. */
public final class AwsOptions {
    /** The AWS region, or {@code null} for the SDK's default chain. */
    @Option(
            names = "--region",
            paramLabel = "REGION",
            description = "AWS region, such as us-east-1. Default: the SDK's chain (AWS_REGION, then the profile).")
    public String region;

    /** The named profile, or {@code null} for the default chain. */
    @Option(
            names = "--profile",
            paramLabel = "NAME",
            description = "Named profile from ~/.aws/config and ~/.aws/credentials for credentials and region."
                    + " Default: the SDK's chain (AWS_PROFILE, environment variables, profile 'default', ...).")
    public String profile;

    /** Pinpoint endpoint override, or {@code null}. */
    @Option(
            names = "--endpoint-url",
            paramLabel = "URL",
            description = "Service endpoint to call instead of AWS's (Pinpoint, or Customer Profiles with --target"
                    + " customer-profiles), such as the local emulator's http://127.0.0.1:PORT.")
    public URI endpointUrl;

    /** Public for picocli. */
    public AwsOptions() {}
}
