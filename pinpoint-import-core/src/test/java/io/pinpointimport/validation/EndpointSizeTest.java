package io.pinpointimport.validation;

import static org.assertj.core.api.Assertions.assertThat;

import io.pinpointimport.internal.json.NdjsonEncoder;
import io.pinpointimport.model.ChannelType;
import io.pinpointimport.model.EndpointDefinition;
import java.util.Collections;
import org.junit.jupiter.api.Test;

class EndpointSizeTest {
    private static final long LIMIT = EndpointValidator.DEFAULT_MAX_ENDPOINT_BYTES;

    /** A valid endpoint padded (through RequestId, which has no length rule) to exactly {@code bytes}. */
    static EndpointDefinition ofSize(long bytes) {
        EndpointDefinition.Builder b = EndpointDefinition.builder()
                .channelType(ChannelType.SMS)
                .address("+12065550100")
                .requestId("");
        long base = NdjsonEncoder.jsonBytes(b.build());
        EndpointDefinition d = b.requestId("r".repeat((int) (bytes - base))).build();
        assertThat(NdjsonEncoder.jsonBytes(d)).isEqualTo(bytes);
        return d;
    }

    @Test
    void exactlyFifteenKibibytesPasses() {
        assertThat(LIMIT).isEqualTo(15_360);
        assertThat(EndpointValidator.ofDefaults().validate(0, ofSize(LIMIT))).isEmpty();
    }

    @Test
    void oneByteOverIsRejectedForTheWholeRecord() {
        assertThat(EndpointValidator.ofDefaults().validate(4, ofSize(LIMIT + 1)))
                .singleElement()
                .satisfies(r -> {
                    assertThat(r.rule()).isEqualTo(Rule.ENDPOINT_TOO_LARGE);
                    assertThat(r.field()).isEmpty();
                    assertThat(r.recordIndex()).isEqualTo(4);
                    assertThat(r.message()).contains("15361", "15360");
                });
    }

    @Test
    void manyValidAttributesTogetherCanPassTheLimit() {
        // Every attribute is within its own limits (50 values of 100 characters); three of them are about 15.5 KB.
        EndpointDefinition.Builder b =
                EndpointDefinition.builder().channelType(ChannelType.SMS).address("+12065550100");
        for (int i = 0; i < 3; i++) {
            b.attribute("attr" + i, Collections.nCopies(50, "x".repeat(100)));
        }
        EndpointDefinition d = b.build();

        assertThat(EndpointValidator.ofDefaults().validate(0, d))
                .extracting(Rejection::rule)
                .containsExactly(Rule.ENDPOINT_TOO_LARGE);
    }

    @Test
    void lowerConfiguredLimitApplies() {
        EndpointValidator v = EndpointValidator.builder().maxEndpointBytes(1000).build();

        assertThat(v.validate(0, ofSize(1000))).isEmpty();
        assertThat(v.validate(0, ofSize(1001))).extracting(Rejection::rule).containsExactly(Rule.ENDPOINT_TOO_LARGE);
    }

    @Test
    void multiByteCharactersCountByTheirUtf8Size() {
        // 100 characters of 3 bytes each: within the value length rule, but 300 bytes on the wire.
        EndpointDefinition.Builder b =
                EndpointDefinition.builder().channelType(ChannelType.SMS).address("+12065550100");
        for (int i = 0; i < 2; i++) {
            b.attribute("kanji" + i, Collections.nCopies(26, "漢".repeat(100)));
        }
        EndpointDefinition d = b.build();

        assertThat(NdjsonEncoder.jsonBytes(d)).isGreaterThan(LIMIT);
        assertThat(EndpointValidator.ofDefaults().validate(0, d))
                .extracting(Rejection::rule)
                .containsExactly(Rule.ENDPOINT_TOO_LARGE);
    }
}
