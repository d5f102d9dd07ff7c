package io.pinpointimport.validation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import io.pinpointimport.model.ChannelType;
import io.pinpointimport.model.EndpointDefinition;
import io.pinpointimport.testkit.fixtures.SeedExamples;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

class RunValidatorTest {
    private static EndpointDefinition.Builder sms() {
        return EndpointDefinition.builder().channelType(ChannelType.SMS).address("+12065550100");
    }

    private static EndpointDefinition withAttribute(String name) {
        return sms().attribute(name, "v").build();
    }

    private static EndpointDefinition forUser(String userId, String endpointId) {
        return sms().id(endpointId).user(u -> u.userId(userId)).build();
    }

    @Test
    void seedEndpointsPassAsARun() {
        RunValidator run = EndpointValidator.ofDefaults().newRun();
        List<EndpointDefinition> seed = SeedExamples.endpoints();

        for (int i = 0; i < seed.size(); i++) {
            assertThat(run.validate(i, seed.get(i))).isEmpty();
        }
    }

    @Test
    void perRecordRulesAreAppliedToo() {
        RunValidator run = EndpointValidator.builder()
                .level(ValidationLevel.STRICT)
                .build()
                .newRun();

        assertThat(run.validate(0, SeedExamples.endpoints().get(0)))
                .extracting(Rejection::rule)
                .containsExactly(Rule.ADDRESS_PHONE_FORMAT);
        assertThat(run.validator().level()).isEqualTo(ValidationLevel.STRICT);
    }

    @Test
    void twoHundredFiftyDistinctNamesPassAndTheNextIsRejected() {
        RunValidator run = EndpointValidator.ofDefaults().newRun();
        for (int i = 0; i < 250; i++) {
            assertThat(run.validate(i, withAttribute("name" + i)))
                    .as("record %d", i)
                    .isEmpty();
        }
        assertThat(run.customAttributeNameCount()).isEqualTo(250);

        List<Rejection> rejections = run.validate(250, withAttribute("name250"));

        assertThat(rejections)
                .extracting(Rejection::rule, r -> r.field().orElseThrow(), Rejection::recordIndex)
                .containsExactly(tuple(Rule.TOO_MANY_CUSTOM_ATTRIBUTES, "Attributes.name250", 250L));
        assertThat(rejections.get(0).message()).contains("251", "250");
        assertThat(run.customAttributeNameCount()).isEqualTo(250);
        // names already counted stay usable
        assertThat(run.validate(
                        251,
                        sms().attribute("name0", "w").attribute("name249", "w").build()))
                .isEmpty();
    }

    @Test
    void attributesMetricsAndUserAttributesCountTogether() {
        RunValidator run = EndpointValidator.ofDefaults().newRun();
        for (int i = 0; i < 100; i++) {
            assertThat(run.validate(
                            i, sms().attribute("a" + i, "v").metric("m" + i, i).build()))
                    .isEmpty();
        }
        for (int i = 0; i < 50; i++) {
            String name = "u" + i;
            assertThat(run.validate(
                            100 + i, sms().user(u -> u.attribute(name, "v")).build()))
                    .isEmpty();
        }
        assertThat(run.customAttributeNameCount()).isEqualTo(250);

        assertThat(run.validate(150, sms().metric("m-new", 1).build()))
                .extracting(Rejection::rule, r -> r.field().orElseThrow())
                .containsExactly(tuple(Rule.TOO_MANY_CUSTOM_ATTRIBUTES, "Metrics.m-new"));
        assertThat(run.validate(151, sms().user(u -> u.attribute("u-new", "v")).build()))
                .extracting(Rejection::rule, r -> r.field().orElseThrow())
                .containsExactly(tuple(Rule.TOO_MANY_CUSTOM_ATTRIBUTES, "User.UserAttributes.u-new"));
    }

    @Test
    void sameNameUnderTwoKindsCountsTwice() {
        RunValidator run = EndpointValidator.ofDefaults().newRun();

        run.validate(
                0,
                sms().attribute("tier", "a")
                        .metric("tier", 1)
                        .user(u -> u.attribute("tier", "b"))
                        .build());

        assertThat(run.customAttributeNameCount()).isEqualTo(3);
    }

    @Test
    void recordThatPassesTheLimitReportsEveryNameBeyondIt() {
        RunValidator run =
                EndpointValidator.builder().maxCustomAttributeNames(3).build().newRun();
        assertThat(run.validate(0, sms().attribute("a", "v").attribute("b", "v").build()))
                .isEmpty();

        List<Rejection> rejections = run.validate(
                1,
                sms().attribute("a", "v")
                        .attribute("c", "v")
                        .attribute("d", "v")
                        .metric("e", 1)
                        .build());

        // c fits (3rd name); d and e would be the 4th and 5th; nothing of the record is counted
        assertThat(rejections).extracting(r -> r.field().orElseThrow()).containsExactly("Attributes.d", "Metrics.e");
        assertThat(run.customAttributeNameCount()).isEqualTo(2);
        assertThat(run.validate(2, withAttribute("c"))).isEmpty();
        assertThat(run.customAttributeNameCount()).isEqualTo(3);
    }

    @Test
    void recordRejectedByAPerRecordRuleConsumesNoNameBudget() {
        RunValidator run =
                EndpointValidator.builder().maxCustomAttributeNames(2).build().newRun();
        assertThat(run.validate(0, withAttribute("a"))).isEmpty();

        assertThat(run.validate(
                        1,
                        sms().attribute("b", "v")
                                .location(l -> l.latitude(100.0))
                                .build()))
                .extracting(Rejection::rule)
                .containsExactly(Rule.LATITUDE_RANGE);
        assertThat(run.customAttributeNameCount()).isEqualTo(1);

        assertThat(run.validate(2, withAttribute("c"))).isEmpty();
        assertThat(run.customAttributeNameCount()).isEqualTo(2);
    }

    @Test
    void rejectedRecordGetsPerRecordAndRunRejectionsTogether() {
        RunValidator run =
                EndpointValidator.builder().maxCustomAttributeNames(1).build().newRun();
        assertThat(run.validate(0, withAttribute("a"))).isEmpty();

        assertThat(run.validate(1, sms().attribute("b", "x".repeat(101)).build()))
                .extracting(Rejection::rule, r -> r.field().orElseThrow())
                .containsExactly(
                        tuple(Rule.VALUE_TOO_LONG, "Attributes.b[0]"),
                        tuple(Rule.TOO_MANY_CUSTOM_ATTRIBUTES, "Attributes.b"));
    }

    @Test
    void fifteenEndpointsPerUserPassAndTheSixteenthIsRejected() {
        RunValidator run = EndpointValidator.ofDefaults().newRun();
        for (int i = 0; i < 15; i++) {
            assertThat(run.validate(i, forUser("user-1", "e-" + i)))
                    .as("endpoint %d", i)
                    .isEmpty();
        }

        List<Rejection> rejections = run.validate(15, forUser("user-1", "e-15"));

        assertThat(rejections)
                .extracting(Rejection::rule, r -> r.field().orElseThrow(), Rejection::recordIndex)
                .containsExactly(tuple(Rule.TOO_MANY_ENDPOINTS_PER_USER, "User.UserId", 15L));
        assertThat(rejections.get(0).message()).contains("15").doesNotContain("user-1");
        // another user is unaffected, and earlier endpoints of user-1 may still be updated
        assertThat(run.validate(16, forUser("user-2", "e-15"))).isEmpty();
        assertThat(run.validate(17, forUser("user-1", "e-3"))).isEmpty();
    }

    @Test
    void sameEndpointIdCountsOnceIgnoringCase() {
        RunValidator run =
                EndpointValidator.builder().maxEndpointsPerUser(2).build().newRun();

        assertThat(run.validate(0, forUser("u", "Endpoint-A"))).isEmpty();
        assertThat(run.validate(1, forUser("u", "endpoint-a"))).isEmpty();
        assertThat(run.validate(2, forUser("u", "ENDPOINT-A"))).isEmpty();
        assertThat(run.validate(3, forUser("u", "endpoint-b"))).isEmpty();
        assertThat(run.validate(4, forUser("u", "endpoint-c")))
                .extracting(Rejection::rule)
                .containsExactly(Rule.TOO_MANY_ENDPOINTS_PER_USER);
    }

    @Test
    void userIdsAreComparedExactly() {
        RunValidator run =
                EndpointValidator.builder().maxEndpointsPerUser(1).build().newRun();

        assertThat(run.validate(0, forUser("User", "e-1"))).isEmpty();
        assertThat(run.validate(1, forUser("user", "e-2"))).isEmpty();
    }

    @Test
    void recordsWithoutIdEachCountAsANewEndpoint() {
        RunValidator run =
                EndpointValidator.builder().maxEndpointsPerUser(2).build().newRun();
        EndpointDefinition noId = sms().user(u -> u.userId("u")).build();

        assertThat(run.validate(0, noId)).isEmpty();
        assertThat(run.validate(1, noId)).isEmpty();
        assertThat(run.validate(2, noId)).extracting(Rejection::rule).containsExactly(Rule.TOO_MANY_ENDPOINTS_PER_USER);
    }

    @Test
    void recordsWithoutUserIdAreNotCounted() {
        RunValidator run =
                EndpointValidator.builder().maxEndpointsPerUser(1).build().newRun();

        for (int i = 0; i < 5; i++) {
            assertThat(run.validate(
                            i,
                            sms().id("e-" + i)
                                    .user(u -> u.attribute("tier", "gold"))
                                    .build()))
                    .isEmpty();
        }
    }

    @Test
    void recordRejectedByAPerRecordRuleConsumesNoUserBudget() {
        RunValidator run =
                EndpointValidator.builder().maxEndpointsPerUser(1).build().newRun();

        assertThat(run.validate(0, forUser("u", "e$1")))
                .extracting(Rejection::rule)
                .containsExactly(Rule.ID_INVALID);
        assertThat(run.validate(1, forUser("u", "e-2"))).isEmpty();
    }

    @Test
    void recordRejectedByOneRunRuleConsumesNoOtherRunBudget() {
        RunValidator run = EndpointValidator.builder()
                .maxEndpointsPerUser(1)
                .maxCustomAttributeNames(1)
                .build()
                .newRun();
        assertThat(run.validate(0, withAttribute("a"))).isEmpty();

        // breaks the name limit: its endpoint must not count for user u
        assertThat(run.validate(
                        1,
                        sms().id("e-1")
                                .user(u -> u.userId("u"))
                                .attribute("b", "v")
                                .build()))
                .extracting(Rejection::rule)
                .containsExactly(Rule.TOO_MANY_CUSTOM_ATTRIBUTES);
        assertThat(run.validate(2, forUser("u", "e-2"))).isEmpty();

        // breaks the user limit: its name must not count
        assertThat(run.validate(
                        3,
                        sms().id("e-3")
                                .user(u -> u.userId("u"))
                                .attribute("a", "v")
                                .build()))
                .extracting(Rejection::rule)
                .containsExactly(Rule.TOO_MANY_ENDPOINTS_PER_USER);
        assertThat(run.customAttributeNameCount()).isEqualTo(1);
    }

    @Test
    void eachRunStartsEmpty() {
        EndpointValidator validator =
                EndpointValidator.builder().maxEndpointsPerUser(1).build();
        RunValidator first = validator.newRun();
        assertThat(first.validate(0, forUser("u", "e-1"))).isEmpty();
        assertThat(first.validate(1, forUser("u", "e-2"))).isNotEmpty();

        assertThat(validator.newRun().validate(0, forUser("u", "e-2"))).isEmpty();
    }

    @Test
    void concurrentCallersNeverPassTheLimit() throws Exception {
        RunValidator run = EndpointValidator.ofDefaults().newRun();
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<List<Rejection>>> results = new ArrayList<>();
            for (int i = 0; i < 400; i++) {
                int index = i;
                results.add(pool.submit(() -> run.validate(
                        index,
                        sms().id("e-" + index)
                                .user(u -> u.userId("shared"))
                                .attribute("n" + index, "v")
                                .build())));
            }
            int accepted = 0;
            for (Future<List<Rejection>> f : results) {
                if (f.get().isEmpty()) {
                    accepted++;
                }
            }
            assertThat(accepted).isEqualTo(15);
            assertThat(run.customAttributeNameCount()).isEqualTo(15);
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void toStringShowsCountsNotData() {
        RunValidator run = EndpointValidator.ofDefaults().newRun();
        run.validate(0, forUser("secret-user", "secret-endpoint"));

        assertThat(run.toString()).contains("users=1").doesNotContain("secret");
    }
}
