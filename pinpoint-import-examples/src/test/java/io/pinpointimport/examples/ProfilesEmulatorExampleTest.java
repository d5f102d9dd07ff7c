package io.pinpointimport.examples;

import static org.assertj.core.api.Assertions.assertThat;

import io.pinpointimport.emulator.Pace;
import io.pinpointimport.emulator.profiles.CustomerProfilesEmulator;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.customerprofiles.CustomerProfilesAsyncClient;

/** docs/emulator-customer-profiles.md: starting the Customer Profiles emulator and calling it with the SDK. */
class ProfilesEmulatorExampleTest {

    @Test
    void startsWithADomain() {
        String name;
        // tag::profiles-emulator-start[]
        try (CustomerProfilesEmulator emulator = CustomerProfilesEmulator.builder()
                .domain("audience")                 // created at start (and again after reset())
                .pace(Pace.instant())               // or steps(), timed(...), realTime(), speed(...)
                .start();
             CustomerProfilesAsyncClient client = CustomerProfilesAsyncClient.builder()
                     .endpointOverride(emulator.endpoint())
                     .region(Region.US_EAST_1)
                     .credentialsProvider(StaticCredentialsProvider.create(
                             AwsBasicCredentials.create("any", "any")))   // any credentials are accepted
                     .build()) {
            name = client.getDomain(b -> b.domainName("audience")).join().domainName();
            // then CreateUploadJob, GetUploadJobPath, the upload, StartUploadJob, GetUploadJob, as against AWS
        }
        // end::profiles-emulator-start[]
        assertThat(name).isEqualTo("audience");
    }
}
