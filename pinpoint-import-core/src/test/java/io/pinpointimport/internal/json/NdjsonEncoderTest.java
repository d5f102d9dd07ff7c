package io.pinpointimport.internal.json;

import static org.assertj.core.api.Assertions.assertThat;

import io.pinpointimport.model.EndpointDefinition;
import io.pinpointimport.testkit.fixtures.SeedExamples;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class NdjsonEncoderTest {
    @Test
    void jsonBytesIsTheEncodedObjectWithoutItsNewline() {
        List<String> lines = SeedExamples.NDJSON.lines().toList();
        NdjsonEncoder reused = new NdjsonEncoder();
        for (int i = 0; i < lines.size(); i++) {
            EndpointDefinition d = SeedExamples.endpoints().get(i);
            long expected = lines.get(i).getBytes(StandardCharsets.UTF_8).length;
            assertThat(NdjsonEncoder.jsonBytes(d)).isEqualTo(expected);
            assertThat(reused.encodedSize(d)).isEqualTo(expected);
        }
    }

    @Test
    void countsUtf8BytesNotChars() {
        EndpointDefinition d = EndpointDefinition.builder().address("🎉é").build();
        // {"Address":""} is 14 ASCII bytes, then 4 for the emoji and 2 for é
        assertThat(NdjsonEncoder.jsonBytes(d)).isEqualTo(20);
    }

    @Test
    void emojiIsPlainUtf8AndALoneSurrogateIsEscaped() {
        NdjsonEncoder e = new NdjsonEncoder();
        e.encode(EndpointDefinition.builder().address("🎉\uD800").build());
        String line = new String(e.buffer().array(), 0, e.buffer().size(), StandardCharsets.UTF_8);
        assertThat(line).isEqualTo("{\"Address\":\"🎉\\uD800\"}\n");
    }

    @Test
    void nonFiniteNumbersHaveNoSize() {
        assertThat(NdjsonEncoder.jsonBytes(
                        EndpointDefinition.builder().metric("m", Double.NaN).build()))
                .isEqualTo(-1);
    }
}
