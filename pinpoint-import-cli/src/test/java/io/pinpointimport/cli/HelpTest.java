package io.pinpointimport.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.pinpointimport.cli.CliRunner.Result;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import picocli.CommandLine.Model.OptionSpec;

/**
 * Every command's {@code --help} is complete (every option, the exit codes). The documentation does not copy it:
 * {@code docs/cli-reference.md} is generated from the same model ({@link CliReferenceTest}).
 */
class HelpTest {
    /** @return every command's path below the top, the top itself first */
    static List<List<String>> commands() {
        List<List<String>> all = new ArrayList<>();
        all.add(List.of());
        CommandLine top = PinpointImportCli.commandLine(
                CliContext.builder().terminal(false).build());
        top.getSubcommands().keySet().stream().filter(n -> !n.equals("help")).forEach(n -> all.add(List.of(n)));
        return all;
    }

    static String help(List<String> path) {
        List<String> args = new ArrayList<>(path);
        args.add("--help");
        Result r = CliRunner.run(args.toArray(String[]::new));
        assertThat(r.exitCode()).as("exit code of %s", args).isEqualTo(ExitCodes.OK);
        assertThat(r.err()).as("stderr of %s", args).isEmpty();
        return r.out();
    }

    @Test
    void everyCommandsHelpListsEveryOptionAndTheExitCodes() {
        CommandLine top = PinpointImportCli.commandLine(
                CliContext.builder().terminal(false).build());
        for (List<String> path : commands()) {
            CommandLine cmd = path.isEmpty() ? top : top.getSubcommands().get(path.get(0));
            String text = help(path);
            for (OptionSpec o : cmd.getCommandSpec().options()) {
                if (!o.hidden()) {
                    assertThat(text)
                            .as("help of %s", path)
                            .contains(o.longestName().replaceFirst("^-+", ""));
                }
            }
            cmd.getCommandSpec()
                    .positionalParameters()
                    .forEach(p -> assertThat(text).as("help of %s", path).contains(p.paramLabel()));
            assertThat(text).contains("Exit codes:");
            ExitCodes.descriptions().values().forEach(d -> assertThat(text).contains(d));
        }
    }

    @Test
    void helpCommandAndHelpOptionAgree() {
        Result viaCommand = CliRunner.run("help", "import");
        assertThat(viaCommand.exitCode()).isEqualTo(ExitCodes.OK);
        assertThat(viaCommand.out()).isEqualTo(help(List.of("import")));
    }
}
