package io.pinpointimport.examples;

import static org.assertj.core.api.Assertions.assertThat;

import io.pinpointimport.model.ChannelType;
import io.pinpointimport.model.EndpointDefinition;
import io.pinpointimport.validation.EndpointValidator;
import io.pinpointimport.validation.Rejection;
import io.pinpointimport.validation.RunValidator;
import io.pinpointimport.validation.ValidationLevel;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** docs/validation-rules.md: validating records without importing them. */
class ValidationExampleTest {

    @Test
    void validatesARecordAgainstTheRules() {
        long recordIndex = 7;
        EndpointDefinition endpoint = EndpointDefinition.builder().channelType(ChannelType.SMS).address("+12065550182")
                .location(l -> l.latitude(120.0)).build();
        List<String> log = new ArrayList<>();

        // tag::validator[]
        EndpointValidator validator = EndpointValidator.builder()
                .level(ValidationLevel.STRICT)              // default: ValidationLevel.SERVICE
                .build();
        try (RunValidator run = validator.newRun()) {   // one per run: it counts names and endpoints per user
            List<Rejection> rejections = run.validate(recordIndex, endpoint);
            rejections.forEach(r -> log.add(r.describe()));
        }
        // record 7 Location.Latitude [latitude.range]: Location.Latitude must be a finite number of degrees ...
        // end::validator[]
        assertThat(log).singleElement().asString()
                .startsWith("record 7 Location.Latitude [latitude.range]: Location.Latitude must be a finite number");
    }
}
