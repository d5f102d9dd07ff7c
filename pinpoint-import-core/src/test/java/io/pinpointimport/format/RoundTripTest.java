package io.pinpointimport.format;

import static org.assertj.core.api.Assertions.assertThat;

import io.pinpointimport.model.EndpointDefinition;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Write then read gives equal definitions: 10,000 generated ones, in both formats. */
class RoundTripTest {
    private static final int COUNT = 10_000;

    @TempDir
    Path dir;

    @ParameterizedTest
    @EnumSource(ImportFormat.class)
    void tenThousandRandomValidDefinitionsRoundTrip(ImportFormat format) {
        RandomDefinitions random = new RandomDefinitions(20261129L);
        List<EndpointDefinition> written = new ArrayList<>(COUNT);
        for (int i = 0; i < COUNT; i++) {
            written.add(random.next());
        }

        String text = Formats.write(format, written, dir);
        List<ReadResult> results = Formats.read(format, text);

        assertThat(results).hasSize(COUNT);
        for (int i = 0; i < COUNT; i++) {
            ReadResult r = results.get(i);
            assertThat(r.recordIndex()).isEqualTo(i);
            assertThat(r.isRejected()).as("record %d: %s", i, r).isFalse();
            if (!r.definition().equals(written.get(i))) {
                // Compare field by field only on failure: full toString masks the personal values.
                assertThat(r.definition())
                        .usingRecursiveComparison()
                        .as("record %d", i)
                        .isEqualTo(written.get(i));
            }
        }
        assertThat(results.stream().map(ReadResult::definition).toList()).isEqualTo(written);
    }
}
