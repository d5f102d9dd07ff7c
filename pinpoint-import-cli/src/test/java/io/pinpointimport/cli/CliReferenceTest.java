package io.pinpointimport.cli;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
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
                .as(
                        "%s is stale: it must be what CliReference generates from the command model. Regenerate it with:"
                                + "%n  %s%n(from the repository root) and commit the page",
                        CliReference.PAGE, CliReference.REGENERATE)
                .isEqualTo(generated);
    }

    @Test
    void referenceNamesEveryCommandAndVisibleOption() {
        String reference = CliReference.markdown();
        CommandLine top = PinpointImportCli.commandLine(
                CliContext.builder().terminal(false).build());
        List<CommandLine> all = Stream.concat(Stream.of(top), top.getSubcommands().values().stream())
                .toList();
        for (CommandLine c : all) {
            assertThat(reference).contains("## " + c.getCommandSpec().qualifiedName() + "\n");
            for (OptionSpec o : c.getCommandSpec().options()) {
                if (!o.hidden()) {
                    assertThat(reference)
                            .as("options of %s", c.getCommandName())
                            .contains("`" + o.longestName().replace("|", "\\|") + "`");
                }
            }
        }
        ExitCodes.descriptions().values().forEach(d -> assertThat(reference).contains(d));
    }

    /** The reference is the only place help texts live: pages link it instead of copying (they drift). */
    @Test
    void noOtherMarkdownFileCopiesHelpText() throws IOException {
        for (Path page : markdownPages(false)) {
            String text = Files.readString(page, UTF_8);
            assertThat(text)
                    .as("%s copies --help output; link docs/cli-reference.md instead", page)
                    .doesNotContain("Usage: pinpoint-import")
                    .doesNotContain("Show this help message and exit.");
        }
    }

    /** Command lines shown in the documentation still parse: no renamed or removed option, no missing value. */
    @Test
    void documentedCommandLinesParse() throws IOException {
        List<String> problems = new ArrayList<>();
        int checked = 0;
        for (Path page : markdownPages(true)) {
            for (String line : commandLines(Files.readString(page, UTF_8))) {
                checked++;
                try {
                    PinpointImportCli.commandLine(
                                    CliContext.builder().terminal(false).build())
                            .parseArgs(words(line).toArray(String[]::new));
                } catch (CommandLine.ParameterException e) {
                    problems.add(ROOT.relativize(page) + ": " + line + "\n    " + e.getMessage());
                }
            }
        }
        assertThat(checked).as("documented pinpoint-import command lines").isPositive();
        assertThat(problems)
                .as("documented command lines that the tool no longer accepts")
                .isEmpty();
    }

    /** @return the README, every module README and every page under docs/, with or without the reference */
    static List<Path> markdownPages(boolean withReference) throws IOException {
        try (Stream<Path> docs = Files.walk(ROOT.resolve("docs"));
                Stream<Path> modules = Files.list(ROOT)) {
            return Stream.concat(
                            Stream.concat(
                                    Stream.of(ROOT.resolve("README.md")),
                                    modules.map(m -> m.resolve("README.md"))
                                            .filter(Files::isRegularFile)
                                            .sorted()),
                            docs.filter(p -> p.toString().endsWith(".md"))
                                    .sorted()
                                    .filter(p ->
                                            withReference || !p.getFileName().equals(CliReference.PAGE.getFileName())))
                    .toList();
        }
    }

    /**
     * @return the arguments of each {@code ./pinpoint-import ...} (or {@code pinpoint-import ...}) line in the page's shell blocks (fences without a
     *     language, or sh / shell / bash), continuation lines joined and trailing comments removed
     */
    static List<String> commandLines(String markdown) {
        List<String> found = new ArrayList<>();
        boolean shell = false;
        boolean inFence = false;
        StringBuilder pending = null;
        for (String raw : markdown.split("\n")) {
            String line = raw.strip();
            if (line.startsWith("```")) {
                inFence = !inFence;
                String language = line.substring(3).strip();
                shell = inFence
                        && (language.isEmpty()
                                || language.equals("sh")
                                || language.equals("shell")
                                || language.equals("bash"));
                continue;
            }
            if (!shell) {
                continue;
            }
            if (pending != null) {
                pending.append(' ').append(line);
            } else {
                String command = line.startsWith("pinpoint-import ") ? "pinpoint-import " : "./pinpoint-import ";
                int at = line.indexOf(command);
                if (at < 0 || !(at == 0 || line.substring(0, at).strip().endsWith("|"))) {
                    continue;
                }
                pending = new StringBuilder(line.substring(at + command.length()));
            }
            if (pending.toString().endsWith("\\")) {
                pending.setLength(pending.length() - 1);
            } else {
                String command = pending.toString().replaceFirst("\\s+#.*$", "").strip();
                found.add(command);
                pending = null;
            }
        }
        return found;
    }

    /** Splits a shell command line into words: spaces separate, double or single quotes group. */
    static List<String> words(String line) {
        List<String> words = new ArrayList<>();
        StringBuilder word = null;
        char quote = 0;
        for (char c : line.toCharArray()) {
            if (quote != 0) {
                if (c == quote) {
                    quote = 0;
                } else {
                    word.append(c);
                }
            } else if (c == '"' || c == '\'') {
                quote = c;
                word = word == null ? new StringBuilder() : word;
            } else if (Character.isWhitespace(c)) {
                if (word != null) {
                    words.add(word.toString());
                    word = null;
                }
            } else {
                word = word == null ? new StringBuilder() : word;
                word.append(c);
            }
        }
        if (word != null) {
            words.add(word.toString());
        }
        return words;
    }

    @Test
    void findsCommandLinesInShellBlocksOnly() {
        String page = "```\n./pinpoint-import validate a.csv   # dry run\npinpoint-import jobs --all\n"
                + "gunzip -c x | ./pinpoint-import import - --format json \\\n    --app A\n```\n"
                + "```text\n$ ./pinpoint-import demo\n```\n";
        assertThat(commandLines(page))
                .containsExactly("validate a.csv", "jobs --all", "import - --format json  --app A");
        assertThat(words("import --define-segment \"Imported users\" x"))
                .containsExactly("import", "--define-segment", "Imported users", "x");
    }
}
