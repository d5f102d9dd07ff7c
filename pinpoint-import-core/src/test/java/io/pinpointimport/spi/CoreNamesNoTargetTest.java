package io.pinpointimport.spi;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Core knows targets only through the seam: its sources (code and Javadoc) never name the Customer Profiles target,
 * its SDK module or the module that holds it. A plain source scan, next to the architecture rules on byte code.
 */
class CoreNamesNoTargetTest {
    private static final Pattern NAMES = Pattern.compile(
            "(?i)customer[ _-]?profiles|services\\.customerprofiles|io\\.pinpointimport\\.connect|upload[ _-]?job");

    @Test
    void coreSourcesDoNotNameTheCustomerProfilesTarget() throws IOException {
        Path main = Path.of("src/main/java");
        assertThat(main).isDirectory();
        List<String> hits;
        try (Stream<Path> files = Files.walk(main)) {
            hits = files.filter(p -> p.toString().endsWith(".java"))
                    .flatMap(p -> {
                        try {
                            List<String> lines = Files.readAllLines(p, StandardCharsets.UTF_8);
                            return IntStream.range(0, lines.size())
                                    .filter(i -> NAMES.matcher(lines.get(i)).find())
                                    .mapToObj(i -> main.relativize(p) + ":" + (i + 1));
                        } catch (IOException e) {
                            throw new UncheckedIOException(e);
                        }
                    })
                    .toList();
        }
        assertThat(hits).as("core lines naming the Customer Profiles target").isEmpty();
    }
}
