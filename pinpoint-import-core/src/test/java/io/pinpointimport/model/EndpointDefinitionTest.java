package io.pinpointimport.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.pinpointimport.FullyPopulated;
import io.pinpointimport.testkit.fixtures.SeedExamples;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class EndpointDefinitionTest {

    @Test
    void seedExamplesHaveExactlyTheSeedsFields() {
        List<EndpointDefinition> seed = SeedExamples.endpoints();
        String[][] expected = {
            {"SMS", "2065550182", "CAN", "Android", "LG", "example-user-id-1"},
            {"APNS", "1a2b3c4d5e6f7g8h9i0j1a2b3c4d5e6f", "USA", "iOS", "Apple", "example-user-id-2"},
            {"EMAIL", "john.stiles@example.com", "USA", "iOS", "Apple", "example-user-id-2"},
        };
        assertThat(seed).hasSize(3);
        for (int i = 0; i < 3; i++) {
            EndpointDefinition d = seed.get(i);
            String[] e = expected[i];
            assertThat(d.channelTypeAsString()).isEqualTo(e[0]);
            assertThat(d.address()).isEqualTo(e[1]);
            assertThat(d.location()).isEqualTo(Location.builder().country(e[2]).build());
            assertThat(d.demographic())
                    .isEqualTo(Demographic.builder().platform(e[3]).make(e[4]).build());
            assertThat(d.user()).isEqualTo(EndpointUser.builder().userId(e[5]).build());
            // nothing else is set
            assertThat(d.toBuilder()
                            .channelType((String) null)
                            .address(null)
                            .location((Location) null)
                            .demographic((Demographic) null)
                            .user((EndpointUser) null)
                            .build())
                    .isEqualTo(EndpointDefinition.builder().build());
        }
    }

    @Test
    void toStringNeverShowsPersonalData() {
        EndpointDefinition full = FullyPopulated.definition();
        String text = full.toString();
        assertThat(text)
                .doesNotContain("+12065550100")
                .doesNotContain("secret")
                .doesNotContain("12345")
                .doesNotContain("Seattle")
                .doesNotContain("98101")
                .doesNotContain("47.6")
                .contains("address=***")
                .contains("Interests=[2 values]")
                .contains("purchases=***")
                .contains("channelType=SMS");
    }

    @Test
    void equalsHashCodeAndToBuilder() {
        EndpointDefinition a = FullyPopulated.definition();
        EndpointDefinition b = a.toBuilder().build();
        assertThat(b).isEqualTo(a).hasSameHashCodeAs(a);
        assertThat(a.toBuilder().address("+12065550101").build()).isNotEqualTo(a);
        assertThat(a.toBuilder().metric("purchases", 1).build()).isNotEqualTo(a);
        assertThat(a.toBuilder().attribute("Interests", "x").build()).isNotEqualTo(a);
        assertThat(a.toBuilder().location(l -> l.country("US")).build().location())
                .isEqualTo(Location.builder().country("US").build());
    }

    @Test
    void collectionsAreCopiedAndUnmodifiable() {
        List<String> values = new ArrayList<>(List.of("a", "b"));
        EndpointDefinition d =
                EndpointDefinition.builder().attribute("x", values).build();
        values.add("c");
        assertThat(d.attributes().get("x")).containsExactly("a", "b");
        assertThatThrownBy(() -> d.attributes().put("y", List.of())).isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(() -> d.attributes().get("x").add("z")).isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(() -> d.metrics().put("m", 1.0)).isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    void unknownEnumTextIsCarriedNotThrown() {
        EndpointDefinition d = EndpointDefinition.builder()
                .channelType("CARRIER_PIGEON")
                .optOut("SOME")
                .endpointStatus("MAYBE")
                .build();
        assertThat(d.channelType()).isEqualTo(ChannelType.UNKNOWN_TO_LIBRARY);
        assertThat(d.channelTypeAsString()).isEqualTo("CARRIER_PIGEON");
        assertThat(d.optOut()).isEqualTo(OptOut.UNKNOWN_TO_LIBRARY);
        assertThat(d.endpointStatus()).isEqualTo(EndpointStatus.UNKNOWN_TO_LIBRARY);
        assertThat(ChannelType.values()).hasSize(14);
        assertThat(ChannelType.fromValue("IN_APP")).isEqualTo(ChannelType.IN_APP);
    }

    @Test
    void emptyNestedValuesAreAbsentAndNullNamesRefused() {
        EndpointDefinition d =
                EndpointDefinition.builder().location(l -> {}).user(u -> {}).build();
        assertThat(d.location()).isNull();
        assertThat(d.user()).isNull();
        assertThatThrownBy(() -> EndpointDefinition.builder().attribute(null, "v"))
                .isInstanceOf(NullPointerException.class)
                .hasMessageContaining("Attributes");
        assertThatThrownBy(() -> EndpointDefinition.builder().attribute("n", "a", null))
                .isInstanceOf(NullPointerException.class)
                .hasMessageContaining("Attributes.n[1]");
        assertThatThrownBy(() -> EndpointDefinition.builder()
                        .metrics(Map.of("m", Double.NaN))
                        .attributes(Map.of("k", List.of()))
                        .metric(null, 1))
                .isInstanceOf(NullPointerException.class);
    }

    @Test
    void instantEffectiveDateIsIsoWithMillis() {
        EndpointDefinition d = EndpointDefinition.builder()
                .effectiveDate(Instant.parse("2018-05-24T21:26:33Z"))
                .build();
        assertThat(d.effectiveDate()).isEqualTo("2018-05-24T21:26:33.000Z");
    }

    @Test
    void aReadersFrozenMapsAreKeptImmutableAndLaterBuilderChangesNeverReachABuiltDefinition() {
        Map<String, List<String>> read = new java.util.LinkedHashMap<>();
        read.put("interests", new ArrayList<>(List.of("cooking", "hiking")));
        Map<String, Double> metrics = new java.util.LinkedHashMap<>(Map.of("purchases", 3.0));
        Map<String, List<String>> userRead = new java.util.LinkedHashMap<>();
        userRead.put("tier", new ArrayList<>(List.of("gold")));
        EndpointDefinition.Builder b = EndpointDefinition.builder()
                .attributes(io.pinpointimport.internal.ReaderMaps.frozen(read))
                .metrics(io.pinpointimport.internal.ReaderMaps.frozen(metrics))
                .user(EndpointUser.builder()
                        .userAttributes(io.pinpointimport.internal.ReaderMaps.frozen(userRead))
                        .build());
        EndpointDefinition first = b.build();

        EndpointDefinition second =
                b.attribute("sports", "tennis").metric("visits", 1.0).build();
        EndpointDefinition third = first.toBuilder()
                .user(first.user().toBuilder().attribute("since", "2020").build())
                .build();

        assertThat(first.attributes()).containsOnlyKeys("interests");
        assertThat(first.metrics()).containsOnlyKeys("purchases");
        assertThat(second.attributes()).containsOnlyKeys("interests", "sports");
        assertThat(second.metrics()).containsOnlyKeys("purchases", "visits");
        assertThat(third.user().userAttributes()).containsOnlyKeys("tier", "since");
        assertThat(first.user().userAttributes()).containsOnlyKeys("tier");
        assertThat(first)
                .isEqualTo(EndpointDefinition.builder()
                        .attribute("interests", "cooking", "hiking")
                        .metric("purchases", 3.0)
                        .user(u -> u.attribute("tier", "gold"))
                        .build());
        assertThatThrownBy(() -> first.attributes().get("interests").add("x"))
                .isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(() -> first.attributes().remove("interests"))
                .isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(() -> first.metrics().put("x", 1.0)).isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(() -> first.user().userAttributes().clear())
                .isInstanceOf(UnsupportedOperationException.class);
        assertThat(first.hashCode())
                .isEqualTo(EndpointDefinition.builder()
                        .attribute("interests", "cooking", "hiking")
                        .metric("purchases", 3.0)
                        .user(u -> u.attribute("tier", "gold"))
                        .build()
                        .hashCode());
    }
}
