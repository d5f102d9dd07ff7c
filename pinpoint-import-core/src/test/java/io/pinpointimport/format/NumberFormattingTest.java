package io.pinpointimport.format;

import static org.assertj.core.api.Assertions.assertThat;

import io.pinpointimport.model.ChannelType;
import io.pinpointimport.model.EndpointDefinition;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Numbers as the files carry them: large, small, negative, integral; the same under a German default locale. */
class NumberFormattingTest {
    @TempDir
    Path dir;

    private static EndpointDefinition withNumbers() {
        return EndpointDefinition.builder()
                .channelType(ChannelType.SMS)
                .address("+1")
                .location(l -> l.latitude(-33.9).longitude(151.2))
                .metric("large", 1e15)
                .metric("small", 0.000001)
                .metric("negative", -42.5)
                .metric("integral", 6.0)
                .build();
    }

    @Test
    void ndjsonAndCsvWritePlainDecimalsUnderGermanLocale() {
        Locale before = Locale.getDefault();
        try {
            Locale.setDefault(Locale.GERMANY);
            String json = Formats.write(ImportFormat.JSON, List.of(withNumbers()), dir);
            String csv = Formats.write(ImportFormat.CSV, List.of(withNumbers()), dir);

            assertThat(json)
                    .isEqualTo("{\"ChannelType\":\"SMS\",\"Address\":\"+1\",\"Location\":{\"Latitude\":-33.9,"
                            + "\"Longitude\":151.2},\"Metrics\":{\"large\":1000000000000000.0,\"small\":0.000001,"
                            + "\"negative\":-42.5,\"integral\":6.0}}\n");
            assertThat(csv)
                    .isEqualTo("ChannelType,Address,Location.Latitude,Location.Longitude,Metrics.integral,"
                            + "Metrics.large,Metrics.negative,Metrics.small\n"
                            + "SMS,+1,-33.9,151.2,6.0,1000000000000000.0,-42.5,0.000001\n");
            assertThat(Formats.readAll(ImportFormat.JSON, json)).containsExactly(withNumbers());
            assertThat(Formats.readAll(ImportFormat.CSV, csv)).containsExactly(withNumbers());
        } finally {
            Locale.setDefault(before);
        }
    }

    @Test
    void readersAcceptOrdinaryJsonNumbersToo() {
        String json = "{\"Metrics\":{\"a\":3,\"b\":1.5e3,\"c\":-2E-2}}\n";
        String csv = "Metrics.a,Metrics.b,Metrics.c\n3,1.5e3,-2E-2\n";
        EndpointDefinition expected = EndpointDefinition.builder()
                .metric("a", 3)
                .metric("b", 1500)
                .metric("c", -0.02)
                .build();

        assertThat(Formats.readAll(ImportFormat.JSON, json)).containsExactly(expected);
        assertThat(Formats.readAll(ImportFormat.CSV, csv)).containsExactly(expected);
    }
}
