package io.pinpointimport.validation;

import static org.assertj.core.api.Assertions.assertThat;

import io.pinpointimport.model.ChannelType;
import io.pinpointimport.model.EndpointDefinition;
import java.util.Collections;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Rejections must never carry the value that broke the rule: not in the message, the field path or describe(). */
class RejectionPersonalDataTest {
    private static final String SECRET = "Zq7SECRETx";

    private static EndpointDefinition.Builder sms() {
        return EndpointDefinition.builder().channelType(ChannelType.SMS).address("+12065550100");
    }

    static Stream<Arguments> offendingRecords() {
        String longSecret = (SECRET + "-").repeat(12);
        return Stream.of(
                Arguments.of(
                        Rule.ADDRESS_PHONE_FORMAT,
                        sms().address("+1206" + SECRET).build()),
                Arguments.of(Rule.ADDRESS_PHONE_FORMAT, sms().address(SECRET).build()),
                Arguments.of(
                        Rule.ADDRESS_EMAIL_FORMAT,
                        EndpointDefinition.builder()
                                .channelType(ChannelType.EMAIL)
                                .address(SECRET + " @example.com")
                                .build()),
                Arguments.of(
                        Rule.ADDRESS_TOKEN_FORMAT,
                        EndpointDefinition.builder()
                                .channelType(ChannelType.APNS)
                                .address(SECRET + " token")
                                .build()),
                // a shifted CSV column can put an address into any text member
                Arguments.of(
                        Rule.CHANNEL_TYPE_UNKNOWN,
                        sms().channelType(SECRET + "@example.com").build()),
                Arguments.of(Rule.OPT_OUT_UNKNOWN, sms().optOut(SECRET).build()),
                Arguments.of(
                        Rule.MEMBER_UNSUPPORTED, sms().endpointStatus(SECRET).build()),
                Arguments.of(
                        Rule.MEMBER_UNSUPPORTED, sms().effectiveDate(SECRET).build()),
                Arguments.of(Rule.ID_INVALID, sms().id(SECRET + "$").build()),
                Arguments.of(
                        Rule.VALUE_TOO_LONG,
                        sms().attribute("Interests", longSecret).build()),
                Arguments.of(
                        Rule.VALUE_TOO_LONG,
                        sms().user(u -> u.userId(SECRET).attribute("tier", longSecret))
                                .build()),
                Arguments.of(
                        Rule.TOO_MANY_VALUES,
                        sms().attribute("Interests", Collections.nCopies(51, SECRET))
                                .build()),
                Arguments.of(
                        Rule.LATITUDE_RANGE,
                        sms().location(l -> l.latitude(123.4567)).build()),
                Arguments.of(
                        Rule.LONGITUDE_RANGE,
                        sms().location(l -> l.longitude(-987.654)).build()),
                Arguments.of(
                        Rule.ENDPOINT_TOO_LARGE,
                        sms().user(u -> u.userId(SECRET))
                                .attribute("a", Collections.nCopies(50, longSecret.substring(0, 100)))
                                .attribute("b", Collections.nCopies(50, longSecret.substring(0, 100)))
                                .attribute("c", Collections.nCopies(50, longSecret.substring(0, 100)))
                                .build()));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("offendingRecords")
    void rejectionNeverContainsTheValue(Rule expected, EndpointDefinition definition) {
        List<Rejection> rejections = EndpointValidator.builder()
                .level(ValidationLevel.STRICT)
                .build()
                .validate(0, definition);

        assertThat(rejections).extracting(Rejection::rule).contains(expected);
        assertThat(rejections).allSatisfy(r -> {
            assertThat(r.message()).doesNotContainIgnoringCase(SECRET);
            assertThat(r.field().orElse("")).doesNotContainIgnoringCase(SECRET);
            assertThat(r.describe()).doesNotContainIgnoringCase(SECRET);
            assertThat(r.toString()).doesNotContainIgnoringCase(SECRET);
        });
        if (expected == Rule.LATITUDE_RANGE) {
            assertThat(rejections.get(0).message()).doesNotContain("123.4567");
        }
        if (expected == Rule.LONGITUDE_RANGE) {
            assertThat(rejections.get(0).message()).doesNotContain("987.654");
        }
    }

    @Test
    void metricRejectionsDoNotEchoTheValue() {
        List<Rejection> rejections = EndpointValidator.ofDefaults()
                .validate(
                        0,
                        sms().metric("a.b", 98765.4321)
                                .metric("score", Double.NEGATIVE_INFINITY)
                                .build());

        assertThat(rejections).extracting(Rejection::rule).containsExactly(Rule.NAME_INVALID, Rule.METRIC_NOT_FINITE);
        assertThat(rejections).allSatisfy(r -> assertThat(r.describe()).doesNotContain("98765", "-Infinity"));
    }

    @Test
    void runRejectionsNeverContainTheUserId() {
        RunValidator run =
                EndpointValidator.builder().maxEndpointsPerUser(1).build().newRun();
        run.validate(0, sms().id("e-1").user(u -> u.userId(SECRET)).build());

        List<Rejection> rejections =
                run.validate(1, sms().id("e-2").user(u -> u.userId(SECRET)).build());

        assertThat(rejections).singleElement().satisfies(r -> {
            assertThat(r.rule()).isEqualTo(Rule.TOO_MANY_ENDPOINTS_PER_USER);
            assertThat(r.describe()).doesNotContainIgnoringCase(SECRET);
        });
    }
}
