package io.pinpointimport.format;

import static org.assertj.core.api.Assertions.assertThat;

import io.pinpointimport.FullyPopulated;
import io.pinpointimport.testkit.fixtures.SeedExamples;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SeedFormatsTest {
    @TempDir
    Path dir;

    @Test
    void ndjsonOfTheSeedEndpointsIsTheSeedJsonLineForLine() {
        String written = Formats.write(ImportFormat.JSON, SeedExamples.endpoints(), dir);

        assertThat(written.lines())
                .containsExactlyElementsOf(SeedExamples.NDJSON.lines().toList());
        assertThat(written).isEqualTo(SeedExamples.NDJSON);
    }

    @Test
    void csvOfTheSeedEndpointsIsTheSeedCsvHeaderIncluded() {
        String written = Formats.write(ImportFormat.CSV, SeedExamples.endpoints(), dir);

        assertThat(written.lines().findFirst())
                .contains("ChannelType,Address,Location.Country,Demographic.Platform,Demographic.Make,User.UserId");
        assertThat(written).isEqualTo(SeedExamples.CSV);
    }

    @Test
    void csvCarriesTheSameDataAsTheSeedCsv() {
        String written = Formats.write(ImportFormat.CSV, SeedExamples.endpoints(), dir);

        assertThat(Formats.readAll(ImportFormat.CSV, written))
                .isEqualTo(Formats.readAll(ImportFormat.CSV, SeedExamples.CSV))
                .isEqualTo(SeedExamples.endpoints());
    }

    @Test
    void readingTheSeedTextGivesTheSeedEndpoints() {
        assertThat(Formats.readAll(ImportFormat.JSON, SeedExamples.NDJSON)).isEqualTo(SeedExamples.endpoints());
        assertThat(Formats.readAll(ImportFormat.CSV, SeedExamples.CSV)).isEqualTo(SeedExamples.endpoints());
    }

    @Test
    void fullyPopulatedDefinitionRoundTripsInBothFormats() {
        var full = List.of(FullyPopulated.definition());
        for (ImportFormat f : ImportFormat.values()) {
            assertThat(Formats.readAll(f, Formats.write(f, full, dir)))
                    .as("%s", f)
                    .isEqualTo(full);
        }
    }

    @Test
    void fullyPopulatedNdjsonUsesTheCanonicalMemberOrder() {
        String line = Formats.write(ImportFormat.JSON, List.of(FullyPopulated.definition()), dir);

        assertThat(line)
                .isEqualTo(
                        "{\"Id\":\"endpoint-0001\",\"ChannelType\":\"SMS\",\"Address\":\"+12065550100\","
                                + "\"OptOut\":\"NONE\","
                                + "\"RequestId\":\"req-42\",\"Location\":{\"Country\":\"US\",\"Region\":\"WA\",\"City\":\"Seattle\","
                                + "\"PostalCode\":\"98101\",\"Latitude\":47.6,\"Longitude\":-122.3},\"Demographic\":{\"Platform\":"
                                + "\"android\",\"PlatformVersion\":\"14\",\"Make\":\"samsung\",\"Model\":\"SM-G900F\",\"ModelVersion\":"
                                + "\"2\",\"AppVersion\":\"3.1.4\",\"Locale\":\"en_US\",\"Timezone\":\"America/Los_Angeles\"},"
                                + "\"User\":{\"UserId\":\"secret-user-id-77\",\"UserAttributes\":{\"FirstName\":[\"Zelda-secret-name\"],"
                                + "\"tier\":[\"gold-secret-tier\",\"platinum-secret-tier\"]}},\"Attributes\":{\"Interests\":"
                                + "[\"secret-interest-science\",\"secret-interest-music\"]},\"Metrics\":{\"purchases\":12345.678}}\n");
    }

    @Test
    void fullyPopulatedCsvUsesTheCanonicalColumnOrder() {
        String csv = Formats.write(ImportFormat.CSV, List.of(FullyPopulated.definition()), dir);

        assertThat(csv.lines().findFirst())
                .contains("Id,ChannelType,Address,OptOut,"
                        + "RequestId,Location.Country,Location.Region,Location.City,Location.PostalCode,Location.Latitude,"
                        + "Location.Longitude,Demographic.Platform,Demographic.PlatformVersion,Demographic.Make,"
                        + "Demographic.Model,Demographic.ModelVersion,Demographic.AppVersion,Demographic.Locale,"
                        + "Demographic.Timezone,User.UserId,Attributes.Interests,Attributes.Interests,Metrics.purchases,"
                        + "User.UserAttributes.FirstName,User.UserAttributes.tier,User.UserAttributes.tier");
        assertThat(csv.lines().skip(1).findFirst())
                .contains("endpoint-0001,SMS,+12065550100,NONE,"
                        + "req-42,US,WA,Seattle,98101,47.6,-122.3,android,14,samsung,SM-G900F,2,"
                        + "3.1.4,en_US,America/Los_Angeles,secret-user-id-77,secret-interest-science,secret-interest-music,"
                        + "12345.678,Zelda-secret-name,gold-secret-tier,platinum-secret-tier");
    }
}
