package io.pinpointimport.cli.internal;

import io.pinpointimport.cli.CliContext;
import java.net.URI;
import software.amazon.awssdk.awscore.client.builder.AwsClientBuilder;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.pinpoint.PinpointAsyncClient;
import software.amazon.awssdk.services.s3.S3AsyncClient;

/**
 * Builds the AWS clients from the command line: credentials and region from the SDK's default chains unless
 * {@code --profile} / {@code --region} say otherwise, endpoints overridden for local servers.
 */
public final class Clients {
    private Clients() {
    }

    /**
     * @param context the run's context (may carry credentials for tests)
     * @param aws the options
     * @return a new client; the caller closes it
     */
    public static PinpointAsyncClient pinpoint(CliContext context, AwsOptions aws) {
        var b = PinpointAsyncClient.builder();
        configure(b, context, aws, aws.endpointUrl);
        return b.build();
    }

    /**
     * @param context the run's context (may carry credentials for tests)
     * @param aws the options (region, profile)
     * @param s3 the S3 endpoint override
     * @return a new client; the caller closes it
     */
    public static S3AsyncClient s3(CliContext context, AwsOptions aws, S3Options s3) {
        var b = S3AsyncClient.builder();
        configure(b, context, aws, s3.s3EndpointUrl);
        if (s3.s3EndpointUrl != null) {
            // Local S3 servers do not resolve virtual-host bucket names.
            b.forcePathStyle(true);
        }
        // Shards can be large: let the SDK upload them in parallel parts.
        b.multipartEnabled(true);
        return b.build();
    }

    private static void configure(AwsClientBuilder<?, ?> b, CliContext context, AwsOptions aws, URI endpoint) {
        if (aws.region != null) {
            b.region(Region.of(aws.region));
        }
        if (aws.profile != null) {
            // The client's own default chains then read this profile for both credentials and region.
            b.overrideConfiguration(c -> c.defaultProfileName(aws.profile));
        }
        context.credentialsProvider().ifPresent(b::credentialsProvider);
        if (endpoint != null) {
            b.endpointOverride(endpoint);
        }
    }
}
