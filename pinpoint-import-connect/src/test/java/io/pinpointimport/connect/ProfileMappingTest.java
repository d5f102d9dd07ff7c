package io.pinpointimport.connect;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.pinpointimport.ImportException;
import io.pinpointimport.model.ChannelType;
import io.pinpointimport.model.EndpointDefinition;
import io.pinpointimport.testkit.fixtures.SeedExamples;
import io.pinpointimport.validation.EndpointValidator;
import io.pinpointimport.validation.Rejection;
import io.pinpointimport.validation.Rule;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

class ProfileMappingTest {
    private final ProfileMapping mapping = ProfileMapping.ofDefaults();

    // The merge rule the mapping relies on (docs/customer-profiles.md): rows with one key make one profile; a later
    // row sets the fields it has and leaves the others.
    private static Map<String, Map<String, String>> merge(List<ProfileRow> rows) {
        Map<String, Map<String, String>> profiles = new LinkedHashMap<>();
        for (ProfileRow r : rows) {
            profiles.computeIfAbsent(r.key().orElseThrow(), k -> new TreeMap<>())
                    .putAll(r.fields());
        }
        return profiles;
    }

    @Test
    void theSeedsThreeEndpointsGiveTwoProfiles() {
        List<ProfileRow> rows =
                SeedExamples.endpoints().stream().map(mapping::map).toList();
        Map<String, Map<String, String>> profiles = merge(rows);

        assertThat(profiles).containsOnlyKeys("example-user-id-1", "example-user-id-2");
        assertThat(profiles.get("example-user-id-1"))
                .containsExactlyInAnyOrderEntriesOf(Map.of(
                        "PhoneNumber", "2065550182",
                        "Address.Country", "CAN",
                        "Attributes.SMS_Demographic_Platform", "Android",
                        "Attributes.SMS_Demographic_Make", "LG"));
        assertThat(profiles.get("example-user-id-2"))
                .containsExactlyInAnyOrderEntriesOf(Map.of(
                        "EmailAddress", "john.stiles@example.com",
                        "Attributes.APNS_Address", "1a2b3c4d5e6f7g8h9i0j1a2b3c4d5e6f",
                        "Address.Country", "USA",
                        "Attributes.APNS_Demographic_Platform", "iOS",
                        "Attributes.APNS_Demographic_Make", "Apple",
                        "Attributes.EMAIL_Demographic_Platform", "iOS",
                        "Attributes.EMAIL_Demographic_Make", "Apple"));
    }

    @Test
    void everyMemberHasItsPlace() {
        EndpointDefinition d = EndpointDefinition.builder()
                .id("ep-1")
                .channelType(ChannelType.VOICE)
                .address("+12065550100")
                .optOut("ALL")
                .endpointStatus("ACTIVE")
                .effectiveDate("2026-11-01T00:00:00Z")
                .requestId("req-1")
                .location(l -> l.city("Seattle")
                        .country("USA")
                        .postalCode("98101")
                        .region("WA")
                        .latitude(47.6062)
                        .longitude(-122.3321))
                .demographic(g -> g.appVersion("1.2")
                        .locale("en_US")
                        .model("m")
                        .modelVersion("9")
                        .platformVersion("17")
                        .timezone("America/Los_Angeles"))
                .user(u -> u.userId("user-9").attribute("tier", "gold").attribute("langs", "en", "", "fr"))
                .attribute("interests", "cooking", "hiking, \"long\" walks")
                .attribute("empty", "")
                .metric("purchases", 3.0)
                .metric("score", 0.25)
                .build();
        ProfileRow row = mapping.map(d);

        assertThat(row.key()).contains("user-9");
        assertThat(row.fields())
                .containsExactlyInAnyOrderEntriesOf(Map.ofEntries(
                        Map.entry("HomePhoneNumber", "+12065550100"),
                        Map.entry("Attributes.VOICE_EndpointId", "ep-1"),
                        Map.entry("Attributes.VOICE_OptOut", "ALL"),
                        Map.entry("Attributes.VOICE_EndpointStatus", "ACTIVE"),
                        Map.entry("Attributes.VOICE_EffectiveDate", "2026-11-01T00:00:00Z"),
                        Map.entry("Address.City", "Seattle"),
                        Map.entry("Address.Country", "USA"),
                        Map.entry("Address.PostalCode", "98101"),
                        Map.entry("Address.State", "WA"),
                        Map.entry("Attributes.Location_Latitude", "47.6062"),
                        Map.entry("Attributes.Location_Longitude", "-122.3321"),
                        Map.entry("Attributes.VOICE_Demographic_AppVersion", "1.2"),
                        Map.entry("Attributes.VOICE_Demographic_Locale", "en_US"),
                        Map.entry("Attributes.VOICE_Demographic_Model", "m"),
                        Map.entry("Attributes.VOICE_Demographic_ModelVersion", "9"),
                        Map.entry("Attributes.VOICE_Demographic_PlatformVersion", "17"),
                        Map.entry("Attributes.VOICE_Demographic_Timezone", "America/Los_Angeles"),
                        Map.entry("Attributes.User_tier", "gold"),
                        Map.entry("Attributes.User_langs", "[\"en\",\"fr\"]"),
                        Map.entry("Attributes.interests", "[\"cooking\",\"hiking, \\\"long\\\" walks\"]"),
                        Map.entry("Attributes.VOICE_Metric_purchases", "3"),
                        Map.entry("Attributes.VOICE_Metric_score", "0.25")));
    }

    @Test
    void anEndpointWithoutAUserIsKeyedByItsId() {
        ProfileRow row = mapping.map(EndpointDefinition.builder()
                .id("device-7")
                .channelType(ChannelType.GCM)
                .address("token-abc")
                .build());
        assertThat(row.key()).contains("device-7");
        assertThat(row.fields())
                .containsEntry("Attributes.GCM_Address", "token-abc")
                .containsEntry("Attributes.GCM_EndpointId", "device-7");
    }

    @Test
    void aRecordWithoutKeyIsRejectedWithItsRule() {
        EndpointDefinition d = EndpointDefinition.builder()
                .channelType(ChannelType.EMAIL)
                .address("a@example.com")
                .build();
        List<Rejection> rs = mapping.check(4, d);
        assertThat(rs).singleElement().satisfies(r -> {
            assertThat(r.rule()).isEqualTo(Rule.TARGET_UNMAPPABLE);
            assertThat(r.recordIndex()).isEqualTo(4);
            assertThat(r.field()).contains("User.UserId");
        });
        assertThatThrownBy(() -> mapping.map(d))
                .isInstanceOf(ImportException.class)
                .hasMessageContaining("target.unmappable");
    }

    @Test
    void aValueOver255CharactersIsRejectedWithoutQuotingIt() {
        String secret = "s".repeat(250) + "-secret-tail";
        EndpointDefinition d = EndpointDefinition.builder()
                .channelType(ChannelType.EMAIL)
                .address("a@example.com")
                .user(u -> u.userId("u1").attribute("note", secret))
                .build();
        List<Rejection> rs = mapping.check(0, d);
        assertThat(rs).singleElement().satisfies(r -> {
            assertThat(r.rule()).isEqualTo(Rule.TARGET_VALUE_TOO_LONG);
            assertThat(r.rule().id()).isEqualTo("target.value-too-long");
            assertThat(r.field()).contains("User.UserAttributes.note");
            assertThat(r.message()).contains("262").contains("255").doesNotContain("secret-tail");
        });
        // exactly 255 is fine, in UTF-16 code units
        EndpointDefinition ok = d.toBuilder()
                .user(u -> u.userId("u1").attribute("note", "é".repeat(255)))
                .build();
        assertThat(mapping.check(0, ok)).isEmpty();
    }

    @Test
    void aKeyOver255CharactersIsRejected() {
        EndpointDefinition d = EndpointDefinition.builder()
                .channelType(ChannelType.SMS)
                .address("+12065550100")
                .user(u -> u.userId("u".repeat(256)))
                .build();
        assertThat(mapping.check(0, d)).extracting(Rejection::rule).containsExactly(Rule.TARGET_VALUE_TOO_LONG);
    }

    @Test
    void twoSourcesForOneFieldAreRejected() {
        EndpointDefinition d = EndpointDefinition.builder()
                .channelType(ChannelType.SMS)
                .address("+12065550100")
                .user(u -> u.userId("u1"))
                .attribute("SMS_OptOut", "x")
                .optOut("NONE")
                .build();
        assertThat(mapping.check(0, d)).singleElement().satisfies(r -> {
            assertThat(r.rule()).isEqualTo(Rule.TARGET_UNMAPPABLE);
            assertThat(r.message()).contains("Attributes.SMS_OptOut");
        });
    }

    @Test
    void aLineBreakCannotGoIntoTheUploadFile() {
        EndpointDefinition d = EndpointDefinition.builder()
                .channelType(ChannelType.SMS)
                .address("+12065550100")
                .user(u -> u.userId("u1"))
                .attribute("note", "a\nb")
                .build();
        assertThat(mapping.check(0, d)).extracting(Rejection::rule).containsExactly(Rule.CSV_UNWRITABLE_VALUE);
    }

    @Test
    void aCustomStepExtendsAndOverridesTheTable() {
        ProfileMapping custom = ProfileMapping.builder()
                .customize((endpoint, row) -> {
                    row.attribute("Source", "pinpoint-migration");
                    if (endpoint.channelType() == ChannelType.SMS) {
                        row.remove("PhoneNumber").put("MobilePhoneNumber", endpoint.address());
                    }
                })
                .build();
        ProfileRow row = custom.map(SeedExamples.endpoints().get(0));
        assertThat(row.fields())
                .containsEntry("MobilePhoneNumber", "2065550182")
                .doesNotContainKey("PhoneNumber")
                .containsEntry("Attributes.Source", "pinpoint-migration");
    }

    @Test
    void withoutTheDefaultTableTheStepsMakeTheRow() {
        ProfileMapping own = ProfileMapping.builder()
                .defaultTable(false)
                .customize((endpoint, row) -> row.key(endpoint.address()).put("EmailAddress", endpoint.address()))
                .build();
        ProfileRow row = own.map(SeedExamples.endpoints().get(2));
        assertThat(row.key()).contains("john.stiles@example.com");
        assertThat(row.fields()).containsOnlyKeys("EmailAddress");
    }

    @Test
    void aStepThatThrowsRejectsTheRecordWithoutItsMessage() {
        ProfileMapping failing = ProfileMapping.builder()
                .customize((endpoint, row) -> {
                    throw new IllegalStateException("leaks " + endpoint.address());
                })
                .build();
        List<Rejection> rs = failing.check(0, SeedExamples.endpoints().get(2));
        assertThat(rs).singleElement().satisfies(r -> {
            assertThat(r.rule()).isEqualTo(Rule.TARGET_UNMAPPABLE);
            assertThat(r.message()).contains("IllegalStateException").doesNotContain("john.stiles");
        });
    }

    @Test
    void pathsNameProfileFields() {
        ProfileRow.Builder b = ProfileRow.builder();
        assertThatThrownBy(() -> b.put("Nickname", "x")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> b.put("Attributes.a.b", "x")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> b.put(ProfileMapping.KEY_FIELD, "x")).isInstanceOf(IllegalArgumentException.class);
        assertThat(b.put("Address.City", "Paris").put("Address.City", "").paths())
                .isEmpty();
    }

    @Test
    void rowsKeepPersonalDataOutOfToString() {
        ProfileRow row = mapping.map(SeedExamples.endpoints().get(2));
        assertThat(row.toString())
                .doesNotContain("john.stiles")
                .doesNotContain("example-user-id-2")
                .contains("EmailAddress");
        assertThat(row)
                .isEqualTo(row.toBuilder().build())
                .hasSameHashCodeAs(row.toBuilder().build());
    }

    @Test
    void theValidatorAppliesTheMappingsRulesOnlyWhenAdded() {
        EndpointDefinition longValue = EndpointDefinition.builder()
                .channelType(ChannelType.EMAIL)
                .address("a@example.com")
                .user(u -> u.userId("u".repeat(300)))
                .build();
        EndpointValidator pinpoint = EndpointValidator.ofDefaults();
        EndpointValidator profiles = pinpoint.withCheck(mapping.recordCheck());
        assertThat(pinpoint.validate(0, longValue))
                .extracting(Rejection::rule)
                .doesNotContain(Rule.TARGET_VALUE_TOO_LONG);
        assertThat(profiles.validate(0, longValue)).extracting(Rejection::rule).contains(Rule.TARGET_VALUE_TOO_LONG);
        assertThat(profiles.withCheck(mapping.recordCheck())).isSameAs(profiles);
    }
}
