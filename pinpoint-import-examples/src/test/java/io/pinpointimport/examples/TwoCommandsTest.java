package io.pinpointimport.examples;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The README's two commands are the ones the project runs: CI's entry point calls the test command as printed. */
class TwoCommandsTest {
    static final Path ROOT = Path.of("..");
    static final String TEST_COMMAND = "./mvnw -B verify";
    static final String MAIN_COMMAND = "./pinpoint-import demo";

    @Test
    void readmeShowsBothCommandsAndCiRunsTheTestCommand() throws IOException {
        String readme = Files.readString(ROOT.resolve("README.md"), UTF_8);
        assertThat(readme).as("README's two commands").contains("```\n" + TEST_COMMAND + "\n```")
                .contains("```\n" + MAIN_COMMAND + "\n```");
        List<String> ci = Files.readAllLines(ROOT.resolve(".ci/run"), UTF_8);
        assertThat(ci).as(".ci/run runs the README's test command, exactly").contains(TEST_COMMAND);
        assertThat(Files.isExecutable(ROOT.resolve("pinpoint-import"))).as("the launcher of the main command").isTrue();
    }
}
