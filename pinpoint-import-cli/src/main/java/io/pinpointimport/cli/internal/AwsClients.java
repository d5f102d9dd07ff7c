package io.pinpointimport.cli.internal;

import io.netty.channel.EventLoopGroup;
import io.netty.util.concurrent.DefaultThreadFactory;
import io.pinpointimport.cli.CliContext;
import java.net.URI;
import java.util.concurrent.TimeUnit;
import software.amazon.awssdk.awscore.client.builder.AwsClientBuilder;
import software.amazon.awssdk.http.async.SdkAsyncHttpClient;
import software.amazon.awssdk.http.nio.netty.NettyNioAsyncHttpClient;
import software.amazon.awssdk.http.nio.netty.SdkEventLoopGroup;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.customerprofiles.CustomerProfilesAsyncClient;
import software.amazon.awssdk.services.pinpoint.PinpointAsyncClient;
import software.amazon.awssdk.services.s3.S3AsyncClient;

/**
 * The AWS clients of one command run, built from the command line: credentials and region from the SDK's default
 * chains unless {@code --profile} / {@code --region} say otherwise, endpoints overridden for local servers. Closing
 * closes the clients and stops their threads before returning.
 */
public final class AwsClients implements AutoCloseable {
    /**
     * {@value} ms without new work before the event loop stops: long enough for the connection pool's close
     * callbacks, far shorter than the SDK's own 2 s.
     */
    public static final long QUIET_PERIOD_MILLIS = 200;

    /** Shards above {@value} bytes (16 MiB) are uploaded in parts of that size. */
    public static final long MULTIPART_THRESHOLD_BYTES = 16L << 20;

    private final CliContext context;
    private final AwsOptions aws;
    private final EventLoopGroup eventLoop;
    private final SdkAsyncHttpClient http;
    private PinpointAsyncClient pinpoint;
    private S3AsyncClient s3;
    private CustomerProfilesAsyncClient customerProfiles;

    /**
     * @param context the run's context (may carry credentials for tests)
     * @param aws region, profile, Pinpoint endpoint
     */
    public AwsClients(CliContext context, AwsOptions aws) {
        Checks.region(aws.region);
        Checks.endpointUrl("--endpoint-url", aws.endpointUrl);
        this.context = context;
        this.aws = aws;
        SdkEventLoopGroup group = SdkEventLoopGroup.builder()
                .threadFactory(new DefaultThreadFactory("pinpoint-import-io", true))
                .build();
        this.eventLoop = group.eventLoopGroup();
        // Caller-managed event loop: the SDK leaves it alone, and we stop it without the SDK's 2 s quiet period.
        this.http = NettyNioAsyncHttpClient.builder().eventLoopGroup(group).build();
    }

    /** @return the Pinpoint client, built on first use */
    public synchronized PinpointAsyncClient pinpoint() {
        if (pinpoint == null) {
            var b = PinpointAsyncClient.builder();
            configure(b, aws.endpointUrl);
            pinpoint = b.httpClient(http).build();
        }
        return pinpoint;
    }

    /** @return the Customer Profiles client (endpoint from {@code --endpoint-url}), built on first use */
    public synchronized CustomerProfilesAsyncClient customerProfiles() {
        if (customerProfiles == null) {
            var b = CustomerProfilesAsyncClient.builder();
            configure(b, aws.endpointUrl);
            customerProfiles = b.httpClient(http).build();
        }
        return customerProfiles;
    }

    /**
     * @param s3Options the S3 endpoint override
     * @return the S3 client, built on first use
     */
    public synchronized S3AsyncClient s3(S3Options s3Options) {
        if (s3 == null) {
            Checks.endpointUrl("--s3-endpoint-url", s3Options.s3EndpointUrl);
            var b = S3AsyncClient.builder();
            configure(b, s3Options.s3EndpointUrl);
            if (s3Options.s3EndpointUrl != null) {
                // Local S3 servers do not resolve virtual-host bucket names.
                b.forcePathStyle(true);
            }
            // Large shards go up in parallel parts; small ones stay a single PutObject.
            b.multipartEnabled(true)
                    .multipartConfiguration(m -> m.thresholdInBytes(MULTIPART_THRESHOLD_BYTES)
                            .minimumPartSizeInBytes(MULTIPART_THRESHOLD_BYTES));
            s3 = b.httpClient(http).build();
        }
        return s3;
    }

    private void configure(AwsClientBuilder<?, ?> b, URI endpoint) {
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

    @Override
    public synchronized void close() {
        if (pinpoint != null) {
            pinpoint.close();
        }
        if (s3 != null) {
            s3.close();
        }
        if (customerProfiles != null) {
            customerProfiles.close();
        }
        http.close();
        eventLoop
                .shutdownGracefully(QUIET_PERIOD_MILLIS, 5000, TimeUnit.MILLISECONDS)
                .syncUninterruptibly();
    }
}
