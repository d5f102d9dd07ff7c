package io.pinpointimport.cli;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import picocli.CommandLine.Model.OptionSpec;

/**
 * The committed {@code docs/cli-reference.md} is what {@link CliReference} generates from the command model, and no
 * other Markdown file of the project copies {@code --help} text.
 */
class CliReferenceTest {
    static final Path ROOT = Path.of("..");

    @Test
    void committedReferenceIsTheGeneratedOne() throws IOException {
        String generated = CliReference.markdown();
        Path page = ROOT.resolve(CliReference.PAGE);
        String committed = Files.exists(page) ? Files.readString(page, UTF_8) : "";
        if (Boolean.getBoolean("pinpoint.updateDocs") && !committed.equals(generated)) {
            Files.writeString(page, generated, UTF_8);
            committed = generated;
        }
        assertThat(committed)
                .as("%s is stale: it must be what CliReference generates from the command model. Regenerate it with:"
                        + "%n  %s%n(from the repository root) and commit the page", CliReference.PAGE,
                        CliReference.REGENERATE)
                .isEqualTo(generated);
    }

    @Test
    void referenceNamesEveryCommandAndVisibleOption() {
        String reference = CliReference.markdown();
        CommandLine top = PinpointImportCli.commandLine(CliContext.builder().terminal(false).build());
        List<CommandLine> all = Stream.concat(Stream.of(top), top.getSubcommands().values().stream()).toList();
        for (CommandLine c : all) {
            assertThat(reference).contains("## " + c.getCommandSpec().qualifiedName() + "\n");
            for (OptionSpec o : c.getCommandSpec().options()) {
                if (!o.hidden()) {
                    assertThat(reference).as("options of %s", c.getCommandName())
                            .contains("`" + o.longestName().replace("|", "\\|") + "`");
                }
            }
        }
        ExitCodes.descriptions().values().forEach(d -> assertThat(reference).contains(d));
    }

    /** The reference is the only place help texts live: pages link it instead of copying (they drift). */
    @Test
    void noOtherMarkdownFileCopiesHelpText() throws IOException {
        List<Path> pages;
        try (Stream<Path> docs = Files.walk(ROOT.resolve("docs")); Stream<Path> modules = Files.list(ROOT)) {
            pages = Stream.concat(Stream.concat(Stream.of(ROOT.resolve("README.md")),
                            modules.map(m -> m.resolve("README.md")).filter(Files::isRegularFile)),
                    docs.filter(p -> p.toString().endsWith(".md"))
                            .filter(p -> !p.getFileName().equals(CliReference.PAGE.getFileName()))).toList();
        }
        for (Path page : pages) {
            String text = Files.readString(page, UTF_8);
            assertThat(text).as("%s copies --help output; link docs/cli-reference.md instead", page)
                    .doesNotContain("Usage: pinpoint-import")
                    .doesNotContain("Show this help message and exit.");
        }
    }
}
