package io.pinpointimport.validation;

import static io.pinpointimport.validation.ValidationLevel.SERVICE;
import static io.pinpointimport.validation.ValidationLevel.STRICT;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import io.pinpointimport.FullyPopulated;
import io.pinpointimport.model.ChannelType;
import io.pinpointimport.model.EndpointDefinition;
import io.pinpointimport.testkit.fixtures.SeedExamples;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

class EndpointValidatorTest {
    private static final EndpointValidator SERVICE_LEVEL = EndpointValidator.ofDefaults();
    private static final EndpointValidator STRICT_LEVEL =
            EndpointValidator.builder().level(STRICT).build();

    @Test
    void aNameIsJudgedByEachValidatorsLevelHoweverOftenItComesBack() {
        // validators remember names they found plain: the memory must be per validator, and never let a bad name by
        String hash = "a#b"; // plain at SERVICE, refused at STRICT
        String dotted = "a.b"; // refused at both levels
        for (int round = 0; round < 3; round++) {
            for (String name : List.of(hash, new String(hash), dotted, new String(dotted))) {
                EndpointDefinition d = EndpointDefinition.builder()
                        .channelType(ChannelType.SMS)
                        .address("+12065550100")
                        .attribute(name, "x")
                        .metric(name, 1.0)
                        .build();
                List<Rule> service = SERVICE_LEVEL.validate(0, d).stream()
                        .map(Rejection::rule)
                        .toList();
                List<Rule> strict = STRICT_LEVEL.validate(0, d).stream()
                        .map(Rejection::rule)
                        .toList();
                assertThat(strict).as("%s at STRICT", name).containsExactly(Rule.NAME_INVALID, Rule.NAME_INVALID);
                assertThat(service)
                        .as("%s at SERVICE", name)
                        .isEqualTo(name.equals(hash) ? List.of() : List.of(Rule.NAME_INVALID, Rule.NAME_INVALID));
            }
        }
    }

    @Test
    void everyEmptyTextMemberIsReportedOnceInTheOrderOfItsField() {
        // every text member empty at once; the expected list follows Field's order, member by member
        EndpointDefinition allEmpty = EndpointDefinition.builder()
                .id("endpoint-1")
                .channelType(ChannelType.SMS)
                .address("")
                .optOut("")
                .requestId("")
                .location(l -> l.country("").region("").city("").postalCode(""))
                .demographic(g -> g.platform("")
                        .platformVersion("")
                        .make("")
                        .model("")
                        .modelVersion("")
                        .appVersion("")
                        .locale("")
                        .timezone(""))
                .user(u -> u.userId(""))
                .build();
        for (EndpointValidator validator : List.of(SERVICE_LEVEL, STRICT_LEVEL)) {
            List<Rejection> rejections = validator.validate(0, allEmpty);
            List<String> expected = new ArrayList<>();
            for (io.pinpointimport.internal.json.Field f : io.pinpointimport.internal.json.Field.values()) {
                boolean ownRules = f == io.pinpointimport.internal.json.Field.ID
                        || f == io.pinpointimport.internal.json.Field.CHANNEL_TYPE
                        || f == io.pinpointimport.internal.json.Field.ENDPOINT_STATUS
                        || f == io.pinpointimport.internal.json.Field.EFFECTIVE_DATE
                        || f.isNumeric();
                boolean reportedOtherwise = rejections.stream()
                        .anyMatch(r -> r.rule() != Rule.VALUE_EMPTY
                                && r.field().orElse("").equals(f.path()));
                // every member that is not Id, ChannelType, EndpointStatus, EffectiveDate or a number is "" above
                if (!ownRules && !reportedOtherwise) {
                    expected.add(f.path());
                }
            }
            assertThat(rejections.stream()
                            .filter(r -> r.rule() == Rule.VALUE_EMPTY)
                            .map(r -> r.field().orElseThrow()))
                    .containsExactlyElementsOf(expected)
                    .contains("RequestId", "Location.Country", "Demographic.Timezone", "User.UserId")
                    .hasSize(14);
        }
    }

    /** A valid new SMS endpoint at both levels; each case changes one thing. */
    static EndpointDefinition.Builder sms() {
        return EndpointDefinition.builder().channelType(ChannelType.SMS).address("+12065550100");
    }

    static String repeat(String s, int times) {
        return s.repeat(times);
    }

    static List<String> values(int count) {
        List<String> values = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            values.add("v" + i);
        }
        return values;
    }

    static Arguments fires(String what, ValidationLevel level, EndpointDefinition definition, Rule rule, String field) {
        return Arguments.of(what, level, definition, rule, field);
    }

    static Stream<Arguments> firingCases() {
        return Stream.of(
                // identity and required members
                fires(
                        "new endpoint without ChannelType",
                        SERVICE,
                        EndpointDefinition.builder().address("+12065550100").build(),
                        Rule.CHANNEL_TYPE_REQUIRED,
                        "ChannelType"),
                fires(
                        "new endpoint with blank ChannelType",
                        SERVICE,
                        sms().channelType(" ").build(),
                        Rule.CHANNEL_TYPE_REQUIRED,
                        "ChannelType"),
                fires(
                        "new endpoint without Address",
                        SERVICE,
                        sms().address(null).build(),
                        Rule.ADDRESS_REQUIRED,
                        "Address"),
                fires(
                        "new endpoint with blank Address",
                        SERVICE,
                        sms().address("  ").build(),
                        Rule.ADDRESS_REQUIRED,
                        "Address"),
                fires(
                        "unknown ChannelType",
                        SERVICE,
                        sms().channelType("FAX").build(),
                        Rule.CHANNEL_TYPE_UNKNOWN,
                        "ChannelType"),
                fires(
                        "lower-case ChannelType",
                        SERVICE,
                        sms().channelType("sms").build(),
                        Rule.CHANNEL_TYPE_UNKNOWN,
                        "ChannelType"),
                fires(
                        "blank ChannelType on an update",
                        SERVICE,
                        EndpointDefinition.builder().id("e-1").channelType("").build(),
                        Rule.CHANNEL_TYPE_UNKNOWN,
                        "ChannelType"),
                fires("unknown OptOut", SERVICE, sms().optOut("SOME").build(), Rule.OPT_OUT_UNKNOWN, "OptOut"),
                // issue 14: members the import does not take, whatever they hold
                fires(
                        "unknown EndpointStatus",
                        SERVICE,
                        sms().endpointStatus("DELETED").build(),
                        Rule.MEMBER_UNSUPPORTED,
                        "EndpointStatus"),
                fires(
                        "EndpointStatus ACTIVE",
                        SERVICE,
                        sms().endpointStatus("ACTIVE").build(),
                        Rule.MEMBER_UNSUPPORTED,
                        "EndpointStatus"),
                fires(
                        "EffectiveDate, well formed",
                        SERVICE,
                        sms().effectiveDate("2026-11-29T10:15:30.123Z").build(),
                        Rule.MEMBER_UNSUPPORTED,
                        "EffectiveDate"),
                fires(
                        "EffectiveDate in words",
                        SERVICE,
                        sms().effectiveDate("yesterday").build(),
                        Rule.MEMBER_UNSUPPORTED,
                        "EffectiveDate"),
                // issue 14: empty text means absent in CSV, so it is refused in both formats
                fires(
                        "empty attribute value",
                        SERVICE,
                        sms().attribute("Interests", "x", "").build(),
                        Rule.VALUE_EMPTY,
                        "Attributes.Interests[1]"),
                fires(
                        "empty user attribute value",
                        SERVICE,
                        sms().user(u -> u.attribute("tier", "")).build(),
                        Rule.VALUE_EMPTY,
                        "User.UserAttributes.tier[0]"),
                fires(
                        "attribute without values",
                        SERVICE,
                        sms().attribute("Interests", List.of()).build(),
                        Rule.VALUE_EMPTY,
                        "Attributes.Interests"),
                fires(
                        "empty Demographic.Make",
                        SERVICE,
                        sms().demographic(d -> d.make("")).build(),
                        Rule.VALUE_EMPTY,
                        "Demographic.Make"),
                fires(
                        "empty User.UserId",
                        SERVICE,
                        sms().user(u -> u.userId("")).build(),
                        Rule.VALUE_EMPTY,
                        "User.UserId"),
                fires("empty RequestId", SERVICE, sms().requestId("").build(), Rule.VALUE_EMPTY, "RequestId"),
                fires(
                        "empty Location.City",
                        SERVICE,
                        sms().location(l -> l.city("")).build(),
                        Rule.VALUE_EMPTY,
                        "Location.City"),
                fires("Id with $", SERVICE, sms().id("user$1").build(), Rule.ID_INVALID, "Id"),
                fires("Id with {", SERVICE, sms().id("user{1").build(), Rule.ID_INVALID, "Id"),
                fires("Id with }", SERVICE, sms().id("user}1").build(), Rule.ID_INVALID, "Id"),
                fires("blank Id", SERVICE, sms().id("   ").build(), Rule.ID_INVALID, "Id"),
                fires("empty Id", SERVICE, sms().id("").build(), Rule.ID_INVALID, "Id"),
                // phone numbers
                fires(
                        "SMS number without + at STRICT",
                        STRICT,
                        sms().address("2065550182").build(),
                        Rule.ADDRESS_PHONE_FORMAT,
                        "Address"),
                fires(
                        "SMS number with dashes",
                        SERVICE,
                        sms().address("206-555-0100").build(),
                        Rule.ADDRESS_PHONE_FORMAT,
                        "Address"),
                fires(
                        "SMS number with spaces",
                        SERVICE,
                        sms().address("+1 206 555 0100").build(),
                        Rule.ADDRESS_PHONE_FORMAT,
                        "Address"),
                fires(
                        "SMS number starting with 0",
                        SERVICE,
                        sms().address("02065550100").build(),
                        Rule.ADDRESS_PHONE_FORMAT,
                        "Address"),
                fires(
                        "SMS number of 16 digits",
                        SERVICE,
                        sms().address("+1234567890123456").build(),
                        Rule.ADDRESS_PHONE_FORMAT,
                        "Address"),
                fires(
                        "SMS number of 16 digits at STRICT",
                        STRICT,
                        sms().address("+1234567890123456").build(),
                        Rule.ADDRESS_PHONE_FORMAT,
                        "Address"),
                fires(
                        "SMS number of one digit",
                        SERVICE,
                        sms().address("+1").build(),
                        Rule.ADDRESS_PHONE_FORMAT,
                        "Address"),
                fires(
                        "SMS email address",
                        SERVICE,
                        sms().address("john@example.com").build(),
                        Rule.ADDRESS_PHONE_FORMAT,
                        "Address"),
                fires(
                        "VOICE number with letters",
                        SERVICE,
                        sms().channelType(ChannelType.VOICE)
                                .address("+1206CALLME")
                                .build(),
                        Rule.ADDRESS_PHONE_FORMAT,
                        "Address"),
                fires(
                        "VOICE number without + at STRICT",
                        STRICT,
                        sms().channelType(ChannelType.VOICE)
                                .address("12065550100")
                                .build(),
                        Rule.ADDRESS_PHONE_FORMAT,
                        "Address"),
                fires(
                        "empty SMS address on an update",
                        SERVICE,
                        sms().id("e-1").address("").build(),
                        Rule.ADDRESS_PHONE_FORMAT,
                        "Address"),
                // email addresses
                fires("email without @", SERVICE, email("john.stiles"), Rule.ADDRESS_EMAIL_FORMAT, "Address"),
                fires(
                        "email without dot in domain",
                        SERVICE,
                        email("john@example"),
                        Rule.ADDRESS_EMAIL_FORMAT,
                        "Address"),
                fires("email with two @", SERVICE, email("john@@example.com"), Rule.ADDRESS_EMAIL_FORMAT, "Address"),
                fires(
                        "email with space",
                        SERVICE,
                        email("john stiles@example.com"),
                        Rule.ADDRESS_EMAIL_FORMAT,
                        "Address"),
                fires("email ending in dot", SERVICE, email("john@example.com."), Rule.ADDRESS_EMAIL_FORMAT, "Address"),
                fires(
                        "email non-ASCII local part at STRICT",
                        STRICT,
                        email("jöhn@example.com"),
                        Rule.ADDRESS_EMAIL_FORMAT,
                        "Address"),
                fires(
                        "email underscore in domain at STRICT",
                        STRICT,
                        email("john@exa_mple.com"),
                        Rule.ADDRESS_EMAIL_FORMAT,
                        "Address"),
                fires(
                        "email numeric top-level domain at STRICT",
                        STRICT,
                        email("john@10.0.0.1"),
                        Rule.ADDRESS_EMAIL_FORMAT,
                        "Address"),
                fires(
                        "email local part of 65 at STRICT",
                        STRICT,
                        email(repeat("a", 65) + "@example.com"),
                        Rule.ADDRESS_EMAIL_FORMAT,
                        "Address"),
                fires(
                        "email of 255 characters at STRICT",
                        STRICT,
                        email("john@" + repeat("a", 61) + "." + repeat("b", 61) + "." + repeat("c", 61) + "."
                                + repeat("d", 60) + ".com"),
                        Rule.ADDRESS_EMAIL_FORMAT,
                        "Address"),
                fires(
                        "email double dot at STRICT",
                        STRICT,
                        email("john..stiles@example.com"),
                        Rule.ADDRESS_EMAIL_FORMAT,
                        "Address"),
                // push and custom tokens
                fires(
                        "APNS token with space",
                        SERVICE,
                        token(ChannelType.APNS, "1a2b 3c4d"),
                        Rule.ADDRESS_TOKEN_FORMAT,
                        "Address"),
                fires(
                        "GCM token with tab",
                        SERVICE,
                        token(ChannelType.GCM, "abc\tdef"),
                        Rule.ADDRESS_TOKEN_FORMAT,
                        "Address"),
                fires(
                        "BAIDU token with line break",
                        SERVICE,
                        token(ChannelType.BAIDU, "abc\ndef"),
                        Rule.ADDRESS_TOKEN_FORMAT,
                        "Address"),
                fires(
                        "ADM token with no-break space",
                        SERVICE,
                        token(ChannelType.ADM, "abc\u00a0def"),
                        Rule.ADDRESS_TOKEN_FORMAT,
                        "Address"),
                fires(
                        "blank APNS_SANDBOX token on an update",
                        SERVICE,
                        EndpointDefinition.builder()
                                .id("e-1")
                                .channelType(ChannelType.APNS_SANDBOX)
                                .address(" ")
                                .build(),
                        Rule.ADDRESS_TOKEN_FORMAT,
                        "Address"),
                fires(
                        "blank CUSTOM address on an update",
                        SERVICE,
                        EndpointDefinition.builder()
                                .id("e-1")
                                .channelType(ChannelType.CUSTOM)
                                .address("")
                                .build(),
                        Rule.ADDRESS_TOKEN_FORMAT,
                        "Address"),
                // names
                fires(
                        "attribute name of 51",
                        SERVICE,
                        sms().attribute(repeat("n", 51), "x").build(),
                        Rule.NAME_TOO_LONG,
                        "Attributes." + repeat("n", 51)),
                fires(
                        "metric name of 51",
                        SERVICE,
                        sms().metric(repeat("m", 51), 1).build(),
                        Rule.NAME_TOO_LONG,
                        "Metrics." + repeat("m", 51)),
                fires(
                        "user attribute name of 51",
                        SERVICE,
                        sms().user(u -> u.attribute(repeat("u", 51), "x")).build(),
                        Rule.NAME_TOO_LONG,
                        "User.UserAttributes." + repeat("u", 51)),
                fires(
                        "name of 26 emoji (52 UTF-16 units)",
                        SERVICE,
                        sms().attribute(repeat("\uD83D\uDE00", 26), "x").build(),
                        Rule.NAME_TOO_LONG,
                        "Attributes." + repeat("\uD83D\uDE00", 26)),
                fires(
                        "value of 51 emoji (102 UTF-16 units)",
                        SERVICE,
                        sms().attribute("Interests", repeat("\uD83D\uDE00", 51)).build(),
                        Rule.VALUE_TOO_LONG,
                        "Attributes.Interests[0]"),
                fires(
                        "empty attribute name",
                        SERVICE,
                        sms().attribute("", "x").build(),
                        Rule.NAME_INVALID,
                        "Attributes."),
                fires(
                        "attribute name with dot",
                        SERVICE,
                        sms().attribute("a.b", "x").build(),
                        Rule.NAME_INVALID,
                        "Attributes.a.b"),
                fires(
                        "attribute name with comma",
                        SERVICE,
                        sms().attribute("a,b", "x").build(),
                        Rule.NAME_INVALID,
                        "Attributes.a,b"),
                fires(
                        "attribute name with quote",
                        SERVICE,
                        sms().attribute("a\"b", "x").build(),
                        Rule.NAME_INVALID,
                        "Attributes.a\"b"),
                fires(
                        "attribute name with line feed",
                        SERVICE,
                        sms().attribute("a\nb", "x").build(),
                        Rule.NAME_INVALID,
                        "Attributes.a\\u000Ab"),
                fires(
                        "attribute name with tab",
                        SERVICE,
                        sms().attribute("a\tb", "x").build(),
                        Rule.NAME_INVALID,
                        "Attributes.a\\u0009b"),
                fires(
                        "attribute name with line separator",
                        SERVICE,
                        sms().attribute("a\u2028b", "x").build(),
                        Rule.NAME_INVALID,
                        "Attributes.a\\u2028b"),
                fires(
                        "attribute name with leading space",
                        SERVICE,
                        sms().attribute(" tier", "x").build(),
                        Rule.NAME_INVALID,
                        "Attributes. tier"),
                fires(
                        "metric name with trailing space",
                        SERVICE,
                        sms().metric("visits ", 1).build(),
                        Rule.NAME_INVALID,
                        "Metrics.visits "),
                fires(
                        "user attribute name with dot",
                        SERVICE,
                        sms().user(u -> u.attribute("first.name", "x")).build(),
                        Rule.NAME_INVALID,
                        "User.UserAttributes.first.name"),
                fires(
                        "name with # at STRICT",
                        STRICT,
                        sms().attribute("a#b", "x").build(),
                        Rule.NAME_INVALID,
                        "Attributes.a#b"),
                fires(
                        "name with : at STRICT",
                        STRICT,
                        sms().metric("a:b", 1).build(),
                        Rule.NAME_INVALID,
                        "Metrics.a:b"),
                fires(
                        "name with ? at STRICT",
                        STRICT,
                        sms().user(u -> u.attribute("a?b", "x")).build(),
                        Rule.NAME_INVALID,
                        "User.UserAttributes.a?b"),
                fires(
                        "name with backslash at STRICT",
                        STRICT,
                        sms().attribute("a\\b", "x").build(),
                        Rule.NAME_INVALID,
                        "Attributes.a\\b"),
                fires(
                        "name with slash at STRICT",
                        STRICT,
                        sms().attribute("a/b", "x").build(),
                        Rule.NAME_INVALID,
                        "Attributes.a/b"),
                // values
                fires(
                        "attribute value of 101",
                        SERVICE,
                        sms().attribute("Interests", "ok", repeat("x", 101)).build(),
                        Rule.VALUE_TOO_LONG,
                        "Attributes.Interests[1]"),
                fires(
                        "user attribute value of 101",
                        SERVICE,
                        sms().user(u -> u.attribute("tier", "a", "b", "c", repeat("x", 101)))
                                .build(),
                        Rule.VALUE_TOO_LONG,
                        "User.UserAttributes.tier[3]"),
                fires(
                        "51 attribute values",
                        SERVICE,
                        sms().attribute("Interests", values(51)).build(),
                        Rule.TOO_MANY_VALUES,
                        "Attributes.Interests"),
                fires(
                        "51 user attribute values",
                        SERVICE,
                        sms().user(u -> u.attribute("tier", values(51))).build(),
                        Rule.TOO_MANY_VALUES,
                        "User.UserAttributes.tier"),
                // location
                fires(
                        "latitude above 90",
                        SERVICE,
                        sms().location(l -> l.latitude(90.000001)).build(),
                        Rule.LATITUDE_RANGE,
                        "Location.Latitude"),
                fires(
                        "latitude below -90",
                        SERVICE,
                        sms().location(l -> l.latitude(-90.5)).build(),
                        Rule.LATITUDE_RANGE,
                        "Location.Latitude"),
                fires(
                        "latitude NaN",
                        SERVICE,
                        sms().location(l -> l.latitude(Double.NaN)).build(),
                        Rule.LATITUDE_RANGE,
                        "Location.Latitude"),
                fires(
                        "latitude infinite",
                        SERVICE,
                        sms().location(l -> l.latitude(Double.POSITIVE_INFINITY))
                                .build(),
                        Rule.LATITUDE_RANGE,
                        "Location.Latitude"),
                fires(
                        "longitude above 180",
                        SERVICE,
                        sms().location(l -> l.longitude(180.01)).build(),
                        Rule.LONGITUDE_RANGE,
                        "Location.Longitude"),
                fires(
                        "longitude below -180",
                        SERVICE,
                        sms().location(l -> l.longitude(-181.0)).build(),
                        Rule.LONGITUDE_RANGE,
                        "Location.Longitude"),
                fires(
                        "longitude NaN",
                        SERVICE,
                        sms().location(l -> l.longitude(Double.NaN)).build(),
                        Rule.LONGITUDE_RANGE,
                        "Location.Longitude"),
                fires(
                        "longitude infinite",
                        SERVICE,
                        sms().location(l -> l.longitude(Double.NEGATIVE_INFINITY))
                                .build(),
                        Rule.LONGITUDE_RANGE,
                        "Location.Longitude"),
                // metrics
                fires(
                        "metric NaN",
                        SERVICE,
                        sms().metric("purchases", Double.NaN).build(),
                        Rule.METRIC_NOT_FINITE,
                        "Metrics.purchases"),
                fires(
                        "metric +infinity",
                        SERVICE,
                        sms().metric("purchases", Double.POSITIVE_INFINITY).build(),
                        Rule.METRIC_NOT_FINITE,
                        "Metrics.purchases"),
                fires(
                        "metric -infinity",
                        SERVICE,
                        sms().metric("purchases", Double.NEGATIVE_INFINITY).build(),
                        Rule.METRIC_NOT_FINITE,
                        "Metrics.purchases"));
    }

    static EndpointDefinition email(String address) {
        return EndpointDefinition.builder()
                .channelType(ChannelType.EMAIL)
                .address(address)
                .build();
    }

    static EndpointDefinition token(ChannelType channel, String address) {
        return EndpointDefinition.builder()
                .channelType(channel)
                .address(address)
                .build();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("firingCases")
    void ruleFiresWithIdAndFieldPath(
            String what, ValidationLevel level, EndpointDefinition definition, Rule rule, String field) {
        List<Rejection> rejections = validator(level).validate(7, definition);

        assertThat(rejections)
                .extracting(Rejection::rule, r -> r.field().orElse(null), Rejection::recordIndex)
                .containsExactly(tuple(rule, field, 7L));
        assertThat(rejections.get(0).message()).isNotBlank();
    }

    static Stream<Arguments> boundaryCases() {
        return Stream.of(
                Arguments.of(
                        "update with Id only",
                        SERVICE,
                        EndpointDefinition.builder().id("e-1").build()),
                Arguments.of(
                        "update with Id and user only",
                        STRICT,
                        EndpointDefinition.builder()
                                .id("e-1")
                                .user(u -> u.userId("someone"))
                                .build()),
                Arguments.of(
                        "Id with dots, at sign and unicode",
                        STRICT,
                        sms().id("user.1@example-ü_x").build()),
                Arguments.of("OptOut ALL", STRICT, sms().optOut("ALL").build()),
                Arguments.of("OptOut NONE", STRICT, sms().optOut("NONE").build()),
                // phones
                Arguments.of(
                        "E.164 of 15 digits",
                        STRICT,
                        sms().address("+123456789012345").build()),
                Arguments.of("E.164 of 2 digits", STRICT, sms().address("+12").build()),
                Arguments.of(
                        "digits without + at SERVICE",
                        SERVICE,
                        sms().address("2065550182").build()),
                Arguments.of(
                        "15 digits without + at SERVICE",
                        SERVICE,
                        sms().address("123456789012345").build()),
                Arguments.of(
                        "VOICE E.164",
                        STRICT,
                        sms().channelType(ChannelType.VOICE)
                                .address("+442071838750")
                                .build()),
                // emails
                Arguments.of("plain email at STRICT", STRICT, email("john.stiles@example.com")),
                Arguments.of(
                        "email with plus and sub-domains at STRICT", STRICT, email("j.s+tag@mail.eu.example.co.uk")),
                Arguments.of("email local part of 64 at STRICT", STRICT, email(repeat("a", 64) + "@example.com")),
                Arguments.of(
                        "email of 254 characters at STRICT",
                        STRICT,
                        email("john@" + repeat("a", 61) + "." + repeat("b", 61) + "." + repeat("c", 61) + "."
                                + repeat("d", 59) + ".com")),
                Arguments.of("punycode top-level domain at STRICT", STRICT, email("john@example.xn--p1ai")),
                Arguments.of("non-ASCII email at SERVICE", SERVICE, email("jöhn@exämple.com")),
                // tokens
                Arguments.of(
                        "seed-like APNS token", STRICT, token(ChannelType.APNS, "1a2b3c4d5e6f7g8h9i0j1a2b3c4d5e6f")),
                Arguments.of("FCM token with colon and dash", STRICT, token(ChannelType.GCM, "fcm:APA91b-x_y")),
                Arguments.of(
                        "CUSTOM address with spaces", STRICT, token(ChannelType.CUSTOM, "any thing the webhook knows")),
                Arguments.of("IN_APP address", STRICT, token(ChannelType.IN_APP, "in-app user 1")),
                // names
                Arguments.of(
                        "attribute name of 50",
                        STRICT,
                        sms().attribute(repeat("n", 50), "x").build()),
                Arguments.of(
                        "metric name of 50",
                        STRICT,
                        sms().metric(repeat("m", 50), 1).build()),
                Arguments.of(
                        "user attribute name of 50",
                        STRICT,
                        sms().user(u -> u.attribute(repeat("u", 50), "x")).build()),
                Arguments.of(
                        "name of 25 emoji (50 UTF-16 units)",
                        STRICT,
                        sms().attribute(repeat("\uD83D\uDE00", 25), "x").build()),
                Arguments.of(
                        "name with inner space, dash, underscore",
                        STRICT,
                        sms().attribute("first name-x_1", "x").build()),
                Arguments.of(
                        "name with # : ? \\ / at SERVICE",
                        SERVICE,
                        sms().attribute("a#b:c?d\\e/f", "x").metric("m#1", 1).build()),
                // values
                Arguments.of(
                        "value of 100",
                        STRICT,
                        sms().attribute("Interests", repeat("x", 100)).build()),
                Arguments.of(
                        "value of 50 emoji (100 UTF-16 units)",
                        STRICT,
                        sms().attribute("Interests", repeat("\uD83D\uDE00", 50)).build()),
                Arguments.of(
                        "value of one space",
                        STRICT,
                        sms().attribute("Interests", " ").build()),
                Arguments.of(
                        "50 values",
                        STRICT,
                        sms().attribute("Interests", values(50)).build()),
                Arguments.of(
                        "50 user attribute values of 100",
                        STRICT,
                        sms().user(u -> u.attribute("tier", Collections.nCopies(50, repeat("y", 100))))
                                .build()),
                Arguments.of(
                        "values with comma, quote, dot and # (values are unrestricted)",
                        STRICT,
                        sms().attribute("Interests", "a,b", "say \"hi\"", "a.b#c")
                                .build()),
                // location
                Arguments.of(
                        "latitude 90, longitude 180",
                        STRICT,
                        sms().location(l -> l.latitude(90.0).longitude(180.0)).build()),
                Arguments.of(
                        "latitude -90, longitude -180",
                        STRICT,
                        sms().location(l -> l.latitude(-90.0).longitude(-180.0)).build()),
                Arguments.of(
                        "latitude 0, longitude -0",
                        STRICT,
                        sms().location(l -> l.latitude(0.0).longitude(-0.0)).build()),
                Arguments.of(
                        "alpha-3 country",
                        STRICT,
                        sms().location(l -> l.country("CAN")).build()),
                // metrics
                Arguments.of(
                        "largest finite metric",
                        STRICT,
                        sms().metric("big", Double.MAX_VALUE)
                                .metric("neg", -Double.MAX_VALUE)
                                .build()),
                Arguments.of(
                        "smallest positive metric",
                        STRICT,
                        sms().metric("tiny", Double.MIN_VALUE).build()),
                Arguments.of("fully populated definition", STRICT, FullyPopulated.definition()));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("boundaryCases")
    void validValueAtBoundaryPasses(String what, ValidationLevel level, EndpointDefinition definition) {
        assertThat(validator(level).validate(0, definition)).isEmpty();
        if (level == STRICT) {
            assertThat(SERVICE_LEVEL.validate(0, definition))
                    .as("STRICT passes imply SERVICE passes")
                    .isEmpty();
        }
    }

    @ParameterizedTest
    @EnumSource(value = ChannelType.class, names = "UNKNOWN_TO_LIBRARY", mode = EnumSource.Mode.EXCLUDE)
    void everyChannelTypeAcceptsItsAddressShape(ChannelType channel) {
        String address = switch (channel) {
            case SMS, VOICE -> "+12065550100";
            case EMAIL -> "john.stiles@example.com";
            default -> "0123456789abcdef";
        };
        EndpointDefinition d = EndpointDefinition.builder()
                .channelType(channel)
                .address(address)
                .build();

        assertThat(STRICT_LEVEL.validate(0, d)).isEmpty();
    }

    @Test
    void seedEndpointsPassAtServiceLevel() {
        List<EndpointDefinition> seed = SeedExamples.endpoints();
        for (int i = 0; i < seed.size(); i++) {
            assertThat(SERVICE_LEVEL.validate(i, seed.get(i)))
                    .as("seed endpoint %d", i)
                    .isEmpty();
        }
    }

    @Test
    void seedSmsEndpointFailsStrictWithThePhoneRuleOnly() {
        List<EndpointDefinition> seed = SeedExamples.endpoints();

        assertThat(STRICT_LEVEL.validate(0, seed.get(0)))
                .extracting(Rejection::rule, r -> r.field().orElseThrow())
                .containsExactly(tuple(Rule.ADDRESS_PHONE_FORMAT, "Address"));
        assertThat(STRICT_LEVEL.validate(1, seed.get(1))).isEmpty();
        assertThat(STRICT_LEVEL.validate(2, seed.get(2))).isEmpty();
    }

    @Test
    void everyViolationOfOneRecordIsReturnedInFieldOrder() {
        EndpointDefinition d = EndpointDefinition.builder()
                .channelType("FAX")
                .optOut("maybe")
                .endpointStatus("gone")
                .effectiveDate("soon")
                .location(l -> l.latitude(91.0).longitude(-200.0))
                .attribute("a.b", repeat("x", 101))
                .attribute("Interests", values(51))
                .metric("purchases", Double.NaN)
                .user(u -> u.attribute("tier", "a", "b", "c", repeat("z", 101)))
                .build();

        List<Rejection> rejections = SERVICE_LEVEL.validate(3, d);

        assertThat(rejections)
                .extracting(Rejection::rule, r -> r.field().orElse(null))
                .containsExactly(
                        tuple(Rule.CHANNEL_TYPE_UNKNOWN, "ChannelType"),
                        tuple(Rule.ADDRESS_REQUIRED, "Address"),
                        tuple(Rule.OPT_OUT_UNKNOWN, "OptOut"),
                        tuple(Rule.MEMBER_UNSUPPORTED, "EndpointStatus"),
                        tuple(Rule.MEMBER_UNSUPPORTED, "EffectiveDate"),
                        tuple(Rule.LATITUDE_RANGE, "Location.Latitude"),
                        tuple(Rule.LONGITUDE_RANGE, "Location.Longitude"),
                        tuple(Rule.NAME_INVALID, "Attributes.a.b"),
                        tuple(Rule.VALUE_TOO_LONG, "Attributes.a.b[0]"),
                        tuple(Rule.TOO_MANY_VALUES, "Attributes.Interests"),
                        tuple(Rule.METRIC_NOT_FINITE, "Metrics.purchases"),
                        tuple(Rule.VALUE_TOO_LONG, "User.UserAttributes.tier[3]"));
        assertThat(rejections).allSatisfy(r -> assertThat(r.recordIndex()).isEqualTo(3));
    }

    @Test
    void newEndpointWithNeitherChannelNorAddressGetsBothRejections() {
        assertThat(SERVICE_LEVEL.validate(0, EndpointDefinition.builder().build()))
                .extracting(Rejection::rule)
                .containsExactly(Rule.CHANNEL_TYPE_REQUIRED, Rule.ADDRESS_REQUIRED);
    }

    @Test
    void blankIdIsNotAnUpdate() {
        assertThat(SERVICE_LEVEL.validate(
                        0, EndpointDefinition.builder().id(" ").build()))
                .extracting(Rejection::rule, r -> r.field().orElseThrow())
                .containsExactly(
                        tuple(Rule.ID_INVALID, "Id"),
                        tuple(Rule.CHANNEL_TYPE_REQUIRED, "ChannelType"),
                        tuple(Rule.ADDRESS_REQUIRED, "Address"));
    }

    @Test
    void idWithSeveralForbiddenCharactersIsOneRejection() {
        assertThat(SERVICE_LEVEL.validate(0, sms().id("${x}").build()))
                .extracting(Rejection::rule)
                .containsExactly(Rule.ID_INVALID);
    }

    @Test
    void nameWithSeveralProblemsIsOneRejectionNamingEach() {
        String name = " " + repeat("a", 50) + ".#";
        List<Rejection> rejections =
                STRICT_LEVEL.validate(0, sms().attribute(name, "x").build());

        assertThat(rejections).extracting(Rejection::rule).containsExactly(Rule.NAME_INVALID, Rule.NAME_TOO_LONG);
        assertThat(rejections.get(0).message()).contains("white space", "'.'", "'#'", "console");
        assertThat(rejections.get(1).message()).contains("53 UTF-16 code units");
    }

    @Test
    void messagesSayWhatTheServiceAllows() {
        assertThat(SERVICE_LEVEL.validate(
                        0, sms().attribute("Interests", repeat("x", 101)).build()))
                .singleElement()
                .extracting(Rejection::message)
                .asString()
                .contains("101", "100");
        assertThat(STRICT_LEVEL.validate(0, sms().address("2065550182").build()))
                .singleElement()
                .extracting(Rejection::message)
                .asString()
                .contains("E.164", "+12065550100");
        assertThat(SERVICE_LEVEL.validate(0, sms().channelType("FAX").build()))
                .singleElement()
                .extracting(Rejection::message)
                .asString()
                .contains("SMS", "IN_APP", "EMAIL");
    }

    @Test
    void builderDefaultsAreTheServiceLimits() {
        EndpointValidator v = EndpointValidator.builder().build();

        assertThat(v.level()).isEqualTo(EndpointValidator.DEFAULT_LEVEL).isEqualTo(SERVICE);
        assertThat(v.maxEndpointBytes()).isEqualTo(15 * 1024);
        assertThat(v.maxCustomAttributeNames()).isEqualTo(250);
        assertThat(v.maxEndpointsPerUser()).isEqualTo(15);
        assertThat(EndpointValidator.ofDefaults().toString()).isEqualTo(v.toString());
    }

    @Test
    void toBuilderKeepsSettings() {
        EndpointValidator v = EndpointValidator.of(b -> b.level(STRICT)
                .maxEndpointBytes(10_000)
                .maxCustomAttributeNames(400)
                .maxEndpointsPerUser(3));
        EndpointValidator copy = v.toBuilder().build();

        assertThat(copy.level()).isEqualTo(STRICT);
        assertThat(copy.maxEndpointBytes()).isEqualTo(10_000);
        assertThat(copy.maxCustomAttributeNames()).isEqualTo(400);
        assertThat(copy.maxEndpointsPerUser()).isEqualTo(3);
        assertThat(v.toBuilder().level(SERVICE).build().level()).isEqualTo(SERVICE);
        assertThat(v.level()).isEqualTo(STRICT);
    }

    @Test
    void builderRefusesLimitsTheServiceDoesNotHave() {
        assertThatThrownBy(() -> EndpointValidator.builder().maxEndpointBytes(15 * 1024 + 1))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("maxEndpointBytes");
        assertThatThrownBy(() -> EndpointValidator.builder().maxEndpointBytes(0))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> EndpointValidator.builder().maxEndpointsPerUser(16))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("maxEndpointsPerUser");
        assertThatThrownBy(() -> EndpointValidator.builder().maxEndpointsPerUser(0))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> EndpointValidator.builder().maxCustomAttributeNames(0))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("maxCustomAttributeNames");
        assertThatThrownBy(() -> EndpointValidator.builder().level(null)).isInstanceOf(NullPointerException.class);
        assertThat(EndpointValidator.builder()
                        .maxCustomAttributeNames(1000)
                        .build()
                        .maxCustomAttributeNames())
                .isEqualTo(1000);
    }

    @Test
    void resultIsUnmodifiable() {
        List<Rejection> rejections =
                SERVICE_LEVEL.validate(0, EndpointDefinition.builder().build());

        assertThatThrownBy(rejections::clear).isInstanceOf(UnsupportedOperationException.class);
    }

    static EndpointValidator validator(ValidationLevel level) {
        return level == STRICT ? STRICT_LEVEL : SERVICE_LEVEL;
    }
}
