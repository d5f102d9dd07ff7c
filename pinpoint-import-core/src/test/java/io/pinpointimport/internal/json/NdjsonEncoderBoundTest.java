package io.pinpointimport.internal.json;

import static org.assertj.core.api.Assertions.assertThat;

import io.pinpointimport.format.RandomDefinitions;
import io.pinpointimport.model.EndpointDefinition;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The cheap bound the 15 KB rule checks first must never be below the exact encoded size. */
class NdjsonEncoderBoundTest {
    private final NdjsonEncoder encoder = new NdjsonEncoder();

    private void assertBounded(EndpointDefinition d) {
        long exact = encoder.encodedSize(d);
        assertThat(NdjsonEncoder.maxEncodedSize(d)).as("%s", d).isGreaterThanOrEqualTo(exact);
    }

    @Test
    void boundsEveryRandomDefinition() {
        RandomDefinitions random = new RandomDefinitions(19);
        for (int i = 0; i < 20_000; i++) {
            assertBounded(random.next());
        }
    }

    @Test
    void boundsTheWorstCharactersAndNumbers() {
        String[] worst = {"\u0001", "\uD800", "\uDC00", "\uDC00\uD800", "\"", "\\", "\u2028", "東", "\uD83D\uDE00"};
        double[] numbers = {
            Double.MIN_VALUE,
            -Double.MIN_VALUE,
            Double.MAX_VALUE,
            -Double.MAX_VALUE,
            1e-3,
            9.99e-4,
            1e16,
            9.999e15,
            -0.0,
            0.0,
            1.2345678901234567e-3,
            -1.2345678901234567e15,
            123456789.12345678,
            Math.PI
        };
        List<EndpointDefinition> all = new ArrayList<>();
        for (String w : worst) {
            String s = w.repeat(40);
            all.add(EndpointDefinition.builder()
                    .id(s)
                    .channelType(s)
                    .address(s)
                    .optOut(s)
                    .requestId(s)
                    .location(l -> l.country(s).region(s).city(s).postalCode(s))
                    .demographic(m -> m.platform(s)
                            .platformVersion(s)
                            .make(s)
                            .model(s)
                            .modelVersion(s)
                            .appVersion(s)
                            .locale(s)
                            .timezone(s))
                    .user(u -> u.userId(s).attribute(s, s, s))
                    .attribute(s, s, "")
                    .attribute(w, w)
                    .metric(s, 1.0)
                    .build());
        }
        for (double x : numbers) {
            all.add(EndpointDefinition.builder()
                    .location(l -> l.latitude(x).longitude(x))
                    .metric("m", x)
                    .metric("\u0001", x)
                    .build());
        }
        Random random = new Random(19);
        for (int i = 0; i < 20_000; i++) {
            double x = Double.longBitsToDouble(random.nextLong());
            if (Double.isFinite(x)) {
                all.add(EndpointDefinition.builder().metric("m", x).build());
            }
        }
        all.add(EndpointDefinition.builder().build());
        all.forEach(this::assertBounded);
    }
}
