package io.pinpointimport.cli.internal;

import io.pinpointimport.cli.CliContext;
import io.pinpointimport.emulator.Pace;
import io.pinpointimport.emulator.pinpoint.PinpointEmulator;
import io.pinpointimport.emulator.profiles.CustomerProfilesEmulator;
import java.util.function.ToIntFunction;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.customerprofiles.CustomerProfilesAsyncClient;

/**
 * Starts the testkit's emulator and S3 in process for {@code demo}, with an application and a bucket, and stops
 * them afterwards.
 */
final class LocalServices {
    private LocalServices() {}

    static int runProfiles(
            CliContext context,
            Pace pace,
            java.util.function.ToIntBiFunction<CustomerProfilesAsyncClient, String> body) {
        try (CustomerProfilesEmulator emulator = CustomerProfilesEmulator.builder()
                .pace(pace)
                .domain(DemoCommand.PROFILES_DOMAIN)
                .start()) {
            AwsOptions aws = new AwsOptions();
            aws.region = Region.US_EAST_1.id();
            aws.endpointUrl = emulator.endpoint();
            try (AwsClients clients = new AwsClients(context, aws)) {
                return body.applyAsInt(
                        clients.customerProfiles(), emulator.endpoint().toString());
            }
        }
    }

    static int run(CliContext context, Pace pace, ToIntFunction<DemoCommand.Services> body) {
        try (PinpointEmulator emulator = PinpointEmulator.builder().pace(pace).start()) {
            String appId = emulator.createApp(DemoCommand.APP_NAME);
            emulator.s3().createBucket(DemoCommand.BUCKET);
            AwsOptions aws = new AwsOptions();
            aws.region = Region.US_EAST_1.id();
            aws.endpointUrl = emulator.endpoint();
            S3Options s3 = new S3Options();
            s3.s3EndpointUrl = emulator.s3().endpoint();
            // The emulator's S3 checks signatures with its test credentials.
            CliContext local = context.toBuilder()
                    .credentialsProvider(emulator.s3().credentialsProvider())
                    .build();
            try (AwsClients clients = new AwsClients(local, aws)) {
                return body.applyAsInt(new DemoCommand.Services(
                        clients.pinpoint(),
                        clients.s3(s3),
                        appId,
                        DemoCommand.BUCKET,
                        emulator.endpoint().toString(),
                        emulator.s3().endpoint().toString()));
            }
        }
    }
}
