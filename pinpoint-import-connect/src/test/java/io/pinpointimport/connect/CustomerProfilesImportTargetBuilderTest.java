package io.pinpointimport.connect;

import static org.assertj.core.api.Assertions.assertThat;

import io.pinpointimport.testkit.fixtures.SeedExamples;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.customerprofiles.CustomerProfilesAsyncClient;

class CustomerProfilesImportTargetBuilderTest {
    private static final CustomerProfilesAsyncClient CLIENT = new CustomerProfilesAsyncClient() {
        @Override
        public String serviceName() {
            return "profile";
        }

        @Override
        public void close() {}
    };

    @TempDir
    Path tmp;

    @Test
    void theMappingConsumerStartsFromANewBuilderAndIsUsed() {
        CustomerProfilesImportTarget target = CustomerProfilesImportTarget.builder()
                .client(CLIENT)
                .domainName("domain")
                .dataExpiry(Duration.ofDays(30))
                .workDirectory(tmp)
                .mapping(m -> m.defaultTable(false)
                        .customize(
                                (endpoint, row) -> row.key(endpoint.address()).put("EmailAddress", endpoint.address())))
                .build();

        ProfileRow row = target.mapping().map(SeedExamples.endpoints().get(2));
        assertThat(row.key()).contains("john.stiles@example.com");
        assertThat(row.fields()).containsOnlyKeys("EmailAddress");
    }
}
