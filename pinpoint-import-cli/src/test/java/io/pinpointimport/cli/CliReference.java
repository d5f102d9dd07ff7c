package io.pinpointimport.cli;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;
import picocli.CommandLine;
import picocli.CommandLine.Help;
import picocli.CommandLine.Model.ArgGroupSpec;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Model.PositionalParamSpec;

/**
 * Writes {@code docs/cli-reference.md}, the one reference of the command-line tool, from the picocli model: every
 * command, its synopsis, description, parameters and options (with default, required or not, description) and the
 * exit codes. {@link CliReferenceTest} fails when the committed page differs from what this class generates.
 *
 * <p>Regenerate with {@value #REGENERATE}, or run {@link #main} with the repository root as working directory.
 */
final class CliReference {
    /** The page, relative to the repository root. */
    static final Path PAGE = Path.of("docs", "cli-reference.md");
    /** The command that rewrites the committed page. */
    static final String REGENERATE = "./mvnw -B -q -pl pinpoint-import-cli -am verify -Dtest=CliReferenceTest"
            + " -Dsurefire.failIfNoSpecifiedTests=false -Dpinpoint.updateDocs=true";

    private CliReference() {}

    /**
     * Writes the page under the given repository root (default: the working directory).
     *
     * @param args optionally the repository root
     * @throws IOException when the page cannot be written
     */
    public static void main(String... args) throws IOException {
        Path root = Path.of(args.length > 0 ? args[0] : ".");
        Files.writeString(root.resolve(PAGE), markdown(), UTF_8);
    }

    /** @return the page's text, generated from the tool's command model */
    static String markdown() {
        CommandLine top = PinpointImportCli.commandLine(
                CliContext.builder().terminal(false).build());
        List<CommandLine> commands = new ArrayList<>();
        commands.add(top);
        top.getSubcommands().values().stream()
                .distinct()
                .filter(c -> !c.getCommandSpec().usageMessage().hidden())
                .forEach(commands::add);

        StringBuilder md = new StringBuilder();
        md.append("# Command-line reference\n\n")
                .append(
                        "<!-- Generated from the picocli model by io.pinpointimport.cli.CliReference (CLI test sources);"
                                + " do not edit. Regenerate: ")
                .append(REGENERATE)
                .append(" -->\n\n")
                .append("Every command and option of `pinpoint-import`, generated from the tool's own command model,"
                        + " so it is always the tool's truth: synopsis, description, parameters, options with their"
                        + " defaults, and the exit codes. How to install and run the tool, and worked examples:"
                        + " [the command-line tool](cli.md).\n\n")
                .append("| command | what it does |\n|---|---|\n");
        for (CommandLine c : commands) {
            CommandSpec spec = c.getCommandSpec();
            md.append("| [`")
                    .append(spec.qualifiedName())
                    .append("`](#")
                    .append(anchor(spec))
                    .append(") | ")
                    .append(cell(firstLine(spec)))
                    .append(" |\n");
        }
        md.append("| [exit codes](#exit-codes) | the same for every command |\n");
        for (CommandLine c : commands) {
            command(md, c);
        }
        md.append("\n## Exit codes\n\n")
                .append("Every command exits with one of these (constants in `io.pinpointimport.cli.ExitCodes`;"
                        + " every `--help` ends with the list):\n\n| code | meaning |\n|---|---|\n");
        for (Map.Entry<String, String> e : ExitCodes.descriptions().entrySet()) {
            md.append("| ")
                    .append(e.getKey().strip())
                    .append(" | ")
                    .append(cell(e.getValue()))
                    .append(" |\n");
        }
        return md.toString();
    }

    private static void command(StringBuilder md, CommandLine c) {
        CommandSpec spec = c.getCommandSpec();
        Help help = new Help(spec, Help.defaultColorScheme(Help.Ansi.OFF));
        md.append("\n## ")
                .append(spec.qualifiedName())
                .append("\n\n```text\n")
                .append(help.synopsis(0).replace("\r\n", "\n").stripTrailing())
                .append("\n```\n\n");
        for (String line : spec.usageMessage().description()) {
            md.append(text(line)).append("\n\n");
        }
        if (!c.getSubcommands().isEmpty()) {
            md.append("Commands: ")
                    .append(c.getSubcommands().values().stream()
                            .distinct()
                            .map(s -> "[`" + s.getCommandName() + "`](#" + anchor(s.getCommandSpec()) + ")")
                            .collect(Collectors.joining(", ")))
                    .append(".\n\n");
        }
        List<PositionalParamSpec> params =
                spec.positionalParameters().stream().filter(p -> !p.hidden()).toList();
        if (!params.isEmpty()) {
            md.append("| parameter | arity | description |\n|---|---|---|\n");
            for (PositionalParamSpec p : params) {
                md.append("| `")
                        .append(cell(p.paramLabel()))
                        .append("` | ")
                        .append(p.arity())
                        .append(" | ")
                        .append(cell(description(p.description())))
                        .append(" |\n");
            }
            md.append("\n");
        }
        List<OptionSpec> options = spec.options().stream()
                .filter(o -> !o.hidden())
                .sorted((a, b) -> a.longestName()
                        .replaceFirst("^-+", "")
                        .compareToIgnoreCase(b.longestName().replaceFirst("^-+", "")))
                .toList();
        if (!options.isEmpty()) {
            md.append("| option | value | default | description |\n|---|---|---|---|\n");
            for (OptionSpec o : options) {
                md.append("| ")
                        .append(Arrays.stream(o.names())
                                .map(n -> "`" + cell(n) + "`")
                                .collect(Collectors.joining(", ")))
                        .append(requirement(o))
                        .append(" | ")
                        .append(o.arity().max() == 0 ? "" : "`" + cell(o.paramLabel()) + "`")
                        .append(" | ")
                        .append(cell(defaultOf(o)))
                        .append(" | ")
                        .append(cell(description(o.description())))
                        .append(" |\n");
            }
        }
    }

    /**
     * Whether the user must give the option. picocli marks every option of an argument group required within its
     * group, so an optional either-or group would read as all required: say what the group means instead.
     */
    private static String requirement(OptionSpec o) {
        ArgGroupSpec group = o.group();
        if (group == null) {
            return o.required() ? " (required)" : "";
        }
        String others = group.options().stream()
                .filter(other -> other != o)
                .map(other -> "`" + cell(other.longestName()) + "`")
                .collect(Collectors.joining(", "));
        boolean groupRequired = group.multiplicity().min() > 0;
        if (group.exclusive()) {
            return groupRequired ? " (required: this or " + others + ")" : " (not with " + others + ")";
        }
        return groupRequired ? " (required)" : " (with " + others + ")";
    }

    /**
     * The default a user gets without the option: declared, else the field's initial value when it is a plain value
     * (text, number, boolean, enum); the description says more where the default is computed.
     */
    private static String defaultOf(OptionSpec o) {
        if (o.usageHelp() || o.versionHelp() || o.required()) {
            return "";
        }
        String declared = o.defaultValue();
        if (declared != null) {
            return declared;
        }
        Object initial = o.hasInitialValue() ? o.initialValue() : null;
        if (initial == null) {
            return "not set";
        }
        if (!(initial instanceof CharSequence
                || initial instanceof Number
                || initial instanceof Boolean
                || initial instanceof Enum<?>)) {
            return "see description";
        }
        String shown = String.valueOf(initial);
        return shown.isEmpty() ? "\"\"" : shown;
    }

    private static String firstLine(CommandSpec spec) {
        String[] description = spec.usageMessage().description();
        return description.length == 0 ? "" : text(description[0]);
    }

    private static String description(String[] lines) {
        return Arrays.stream(lines).map(CliReference::text).collect(Collectors.joining(" "));
    }

    /** Removes picocli's line-break markers, which mean nothing in Markdown. */
    private static String text(String line) {
        return line.replace("%n", " ").strip();
    }

    private static String cell(String text) {
        return text.replace("|", "\\|").replace("\n", " ");
    }

    private static String anchor(CommandSpec spec) {
        return spec.qualifiedName().toLowerCase(Locale.ROOT).replace(' ', '-');
    }
}
