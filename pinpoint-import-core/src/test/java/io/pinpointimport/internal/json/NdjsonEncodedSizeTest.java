package io.pinpointimport.internal.json;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import io.pinpointimport.FullyPopulated;
import io.pinpointimport.model.ChannelType;
import io.pinpointimport.model.EndpointDefinition;
import io.pinpointimport.testkit.fixtures.SeedExamples;
import java.util.List;
import org.junit.jupiter.api.Test;

class NdjsonEncodedSizeTest {
    private static long bytes(String json) {
        return json.getBytes(UTF_8).length;
    }

    @Test
    void seedEndpointsMeasureAsTheirSeedNdjsonLines() {
        List<String> lines = SeedExamples.NDJSON.lines().toList();
        List<EndpointDefinition> seed = SeedExamples.endpoints();

        for (int i = 0; i < seed.size(); i++) {
            assertThat(NdjsonEncoder.jsonBytes(seed.get(i)))
                    .as("seed line %d", i)
                    .isEqualTo(bytes(lines.get(i)));
        }
    }

    @Test
    void emptyDefinitionIsAnEmptyObject() {
        assertThat(NdjsonEncoder.jsonBytes(EndpointDefinition.builder().build()))
                .isEqualTo(2);
    }

    @Test
    void countsUtf8BytesNotCharacters() {
        // {"Address":"é"} : é is 2 bytes; the emoji is 4 bytes (2 UTF-16 units)
        assertThat(NdjsonEncoder.jsonBytes(
                        EndpointDefinition.builder().address("é").build()))
                .isEqualTo(bytes("{\"Address\":\"é\"}"))
                .isEqualTo(16);
        assertThat(NdjsonEncoder.jsonBytes(
                        EndpointDefinition.builder().address("\uD83D\uDE00").build()))
                .isEqualTo(18);
    }

    @Test
    void countsJsonEscapes() {
        // a quote and a line feed take two bytes each, a control character six (backslash-u and four hex digits)
        assertThat(NdjsonEncoder.jsonBytes(EndpointDefinition.builder()
                        .attribute("n", "\"\n\u0001")
                        .build()))
                .isEqualTo(bytes("{\"Attributes\":{\"n\":[\"\\\"\\n\\u0001\"]}}"));
    }

    @Test
    void countsNumbersAsJsonWritesThem() {
        assertThat(NdjsonEncoder.jsonBytes(
                        EndpointDefinition.builder().metric("m", 3.0).build()))
                .isEqualTo(bytes("{\"Metrics\":{\"m\":3.0}}"));
        assertThat(NdjsonEncoder.jsonBytes(EndpointDefinition.builder()
                        .location(l -> l.latitude(47.61).longitude(-122.33))
                        .build()))
                .isEqualTo(bytes("{\"Location\":{\"Latitude\":47.61,\"Longitude\":-122.33}}"));
    }

    @Test
    void countsEveryMember() {
        EndpointDefinition full = FullyPopulated.definition();
        String json = "{\"Id\":\"endpoint-0001\",\"ChannelType\":\"SMS\",\"Address\":\"+12065550100\","
                + "\"OptOut\":\"NONE\","
                + "\"RequestId\":\"req-42\","
                + "\"Location\":{\"City\":\"Seattle\",\"Country\":\"US\",\"Latitude\":47.6,\"Longitude\":-122.3,"
                + "\"PostalCode\":\"98101\",\"Region\":\"WA\"},"
                + "\"Demographic\":{\"AppVersion\":\"3.1.4\",\"Locale\":\"en_US\",\"Make\":\"samsung\","
                + "\"Model\":\"SM-G900F\",\"ModelVersion\":\"2\",\"Platform\":\"android\",\"PlatformVersion\":\"14\","
                + "\"Timezone\":\"America/Los_Angeles\"},"
                + "\"User\":{\"UserId\":\"secret-user-id-77\",\"UserAttributes\":{\"FirstName\":[\"Zelda-secret-name\"],"
                + "\"tier\":[\"gold-secret-tier\",\"platinum-secret-tier\"]}},"
                + "\"Attributes\":{\"Interests\":[\"secret-interest-science\",\"secret-interest-music\"]},"
                + "\"Metrics\":{\"purchases\":12345.678}}";

        assertThat(NdjsonEncoder.jsonBytes(full)).isEqualTo(bytes(json));
    }

    @Test
    void growsByOneByteForEachAsciiCharacter() {
        EndpointDefinition a = EndpointDefinition.builder()
                .channelType(ChannelType.CUSTOM)
                .requestId("x")
                .build();
        EndpointDefinition b = a.toBuilder().requestId("xx").build();

        assertThat(NdjsonEncoder.jsonBytes(b) - NdjsonEncoder.jsonBytes(a)).isEqualTo(1);
    }
}
