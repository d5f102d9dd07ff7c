package io.pinpointimport.cli.internal;

import io.netty.channel.nio.NioEventLoopGroup;
import io.netty.util.concurrent.DefaultThreadFactory;
import io.pinpointimport.cli.CliContext;
import java.net.URI;
import java.util.concurrent.TimeUnit;
import software.amazon.awssdk.awscore.client.builder.AwsClientBuilder;
import software.amazon.awssdk.http.async.SdkAsyncHttpClient;
import software.amazon.awssdk.http.nio.netty.NettyNioAsyncHttpClient;
import software.amazon.awssdk.http.nio.netty.SdkEventLoopGroup;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.pinpoint.PinpointAsyncClient;
import software.amazon.awssdk.services.s3.S3AsyncClient;

/**
 * The AWS clients of one command run, built from the command line: credentials and region from the SDK's default
 * chains unless {@code --profile} / {@code --region} say otherwise, endpoints overridden for local servers. Closing
 * closes the clients and stops their threads before returning.
 */
public final class AwsClients implements AutoCloseable {
    /** Threads of the shared event loop: {@value}; a command line run makes few concurrent calls. */
    public static final int EVENT_LOOP_THREADS = 2;

    private final CliContext context;
    private final AwsOptions aws;
    private final NioEventLoopGroup eventLoop;
    private final SdkAsyncHttpClient http;
    private PinpointAsyncClient pinpoint;
    private S3AsyncClient s3;

    /**
     * @param context the run's context (may carry credentials for tests)
     * @param aws region, profile, Pinpoint endpoint
     */
    public AwsClients(CliContext context, AwsOptions aws) {
        this.context = context;
        this.aws = aws;
        this.eventLoop = new NioEventLoopGroup(EVENT_LOOP_THREADS, new DefaultThreadFactory("pinpoint-import-io", true));
        // Caller-managed event loop: the SDK leaves it alone, and we stop it without the SDK's 2 s quiet period.
        this.http = NettyNioAsyncHttpClient.builder().eventLoopGroup(SdkEventLoopGroup.create(eventLoop)).build();
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

    /**
     * @param s3Options the S3 endpoint override
     * @return the S3 client, built on first use
     */
    public synchronized S3AsyncClient s3(S3Options s3Options) {
        if (s3 == null) {
            var b = S3AsyncClient.builder();
            configure(b, s3Options.s3EndpointUrl);
            if (s3Options.s3EndpointUrl != null) {
                // Local S3 servers do not resolve virtual-host bucket names.
                b.forcePathStyle(true);
            }
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
        http.close();
        eventLoop.shutdownGracefully(0, 5, TimeUnit.SECONDS).syncUninterruptibly();
    }
}
