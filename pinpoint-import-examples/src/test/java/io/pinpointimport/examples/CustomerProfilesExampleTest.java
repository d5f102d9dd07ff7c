package io.pinpointimport.examples;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.put;
import static com.github.tomakehurst.wiremock.client.WireMock.putRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import io.pinpointimport.EndpointImporter;
import io.pinpointimport.ImportSummary;
import io.pinpointimport.connect.CustomerProfilesImportTarget;
import io.pinpointimport.connect.ProfileMapping;
import io.pinpointimport.connect.ProfileRow;
import io.pinpointimport.model.ChannelType;
import io.pinpointimport.model.EndpointDefinition;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.customerprofiles.CustomerProfilesAsyncClient;

/**
 * docs/customer-profiles.md: the Customer Profiles target and a changed mapping. There is no Customer Profiles
 * emulator yet, so the import runs against a minimal WireMock stand-in of the upload-job API (one job, always
 * {@code SUCCEEDED}); the target's own tests check the wire format in depth.
 */
class CustomerProfilesExampleTest {
    private static final String JOB_ID = "job-1";

    @RegisterExtension
    static WireMockExtension profiles = WireMockExtension.newInstance()
            .options(wireMockConfig().dynamicPort().bindAddress("127.0.0.1")).build();

    private static CustomerProfilesAsyncClient client() {
        return CustomerProfilesAsyncClient.builder()
                .endpointOverride(URI.create(profiles.baseUrl()))
                .region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("id", "secret")))
                .build();
    }

    private static void oneSucceedingUploadJob(int records) {
        String jobs = "/domains/my-domain/upload-jobs";
        profiles.stubFor(post(urlPathEqualTo(jobs)).willReturn(okJson("{\"JobId\":\"" + JOB_ID + "\"}")));
        String token = Base64.getEncoder().encodeToString(new byte[32]);
        profiles.stubFor(get(urlPathEqualTo(jobs + "/" + JOB_ID + "/path")).willReturn(okJson(
                "{\"Url\":\"" + profiles.baseUrl() + "/upload/" + JOB_ID + "\",\"ClientToken\":\"" + token
                        + "\",\"ValidUntil\":" + Instant.now().plusSeconds(3600).getEpochSecond() + "}")));
        profiles.stubFor(put(urlPathEqualTo("/upload/" + JOB_ID)).willReturn(aResponse().withStatus(200)));
        profiles.stubFor(put(urlPathEqualTo(jobs + "/" + JOB_ID)).willReturn(okJson("{}")));
        profiles.stubFor(get(urlPathEqualTo(jobs + "/" + JOB_ID)).willReturn(okJson(
                "{\"JobId\":\"" + JOB_ID + "\",\"Status\":\"SUCCEEDED\",\"CreatedAt\":"
                        + Instant.now().getEpochSecond() + ",\"ResultsSummary\":{\"CreatedRecords\":" + records
                        + ",\"UpdatedRecords\":0,\"FailedRecords\":0}}")));
    }

    @Test
    void importsIntoAProfilesDomain(@TempDir Path journals) {
        List<EndpointDefinition> endpoints = List.of(
                EndpointDefinition.builder().channelType(ChannelType.EMAIL).address("john.stiles@example.com")
                        .user(u -> u.userId("example-user-id-2")).build(),
                EndpointDefinition.builder().channelType(ChannelType.SMS).address("2065550182")
                        .user(u -> u.userId("example-user-id-1")).build());
        oneSucceedingUploadJob(endpoints.size());
        ImportSummary result;

        try (CustomerProfilesAsyncClient customerProfiles = client()) {
            // tag::customer-profiles-target[]
            CustomerProfilesImportTarget target = CustomerProfilesImportTarget.builder()
                    .client(customerProfiles)                 // yours: region, credentials, endpoint; never closed here
                    .domainName("my-domain")
                    .dataExpiry(Duration.ofDays(365))         // required: the service drops profiles after 14 days without it
                    .build();

            try (EndpointImporter importer = EndpointImporter.builder()
                    .importTarget(target)                     // no bucket, no role: the target uploads the shards itself
                    .journalDirectory(journals)
                    .build()) {
                ImportSummary summary = importer.importEndpoints(endpoints).summary().join();
                // end::customer-profiles-target[]
                result = summary;
                // tag::customer-profiles-target[]
            }
            // end::customer-profiles-target[]
        }
        assertThat(result.recordsRead()).isEqualTo(2);
        assertThat(result.recordsImported()).isEqualTo(2);
        assertThat(result.isClean()).isTrue();
        profiles.verify(1, putRequestedFor(urlPathEqualTo("/upload/" + JOB_ID)));
    }

    @Test
    void changesTheMapping() {
        ProfileRow mapped;
        try (CustomerProfilesAsyncClient customerProfiles = client()) {
            // tag::customer-profiles-mapping[]
            ProfileMapping mapping = ProfileMapping.builder()
                    .customize((endpoint, row) -> {
                        row.attribute("Source", "pinpoint-migration");                 // add
                        if (endpoint.channelType() == ChannelType.SMS) {                // move
                            row.remove("PhoneNumber").put("MobilePhoneNumber", endpoint.address());
                        }
                    })
                    .build();
            CustomerProfilesImportTarget target = CustomerProfilesImportTarget.builder()
                    .client(customerProfiles).domainName("my-domain").dataExpiry(Duration.ofDays(365))
                    .mapping(mapping)
                    .build();
            // end::customer-profiles-mapping[]
            assertThat(target).isNotNull();
            mapped = mapping.map(EndpointDefinition.builder().channelType(ChannelType.SMS).address("+12065550182")
                    .user(u -> u.userId("user-1")).build());
        }
        assertThat(mapped.fields()).containsEntry("MobilePhoneNumber", "+12065550182")
                .containsEntry("Attributes.Source", "pinpoint-migration")
                .doesNotContainKey("PhoneNumber");
    }
}
