package io.pinpointimport.cli.internal;

import io.pinpointimport.cli.CliContext;
import io.pinpointimport.cli.ExitCodes;
import java.util.concurrent.Callable;
import picocli.AutoComplete;
import picocli.CommandLine.Command;
import picocli.CommandLine.HelpCommand;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;
import picocli.CommandLine.Spec;

/** {@code pinpoint-import}: the top command; does nothing but hold the subcommands and {@code --debug}. */
@Command(
        name = "pinpoint-import",
        mixinStandardHelpOptions = true,
        versionProvider = Version.class,
        description = {
            "Import endpoint records into Amazon Pinpoint in bulk, check import files, watch import jobs,"
                    + " and run the local emulator.",
            "Credentials and region come from the AWS SDK's default chains (--profile and --region override them)."
        },
        subcommands = {
            ImportCommand.class,
            ResumeCommand.class,
            ResubmitCommand.class,
            FailedCommand.class,
            RunsCommand.class,
            ReportCommand.class,
            ValidateCommand.class,
            JobsCommand.class,
            JobCommand.class,
            EmulatorCommand.class,
            DemoCommand.class,
            HelpCommand.class,
            AutoComplete.GenerateCompletion.class
        },
        footerHeading = "%nStart here:%n",
        footer = {
            "  ./pinpoint-import demo        the whole flow on the embedded emulator, in seconds",
            "  ./pinpoint-import help CMD    the options of one command"
        })
public final class RootCommand implements Callable<Integer> {
    /** The option that makes failures print their stack trace. */
    public static final String DEBUG = "--debug";

    private final CliContext context;

    @Spec
    CommandSpec spec;

    @Option(
            names = DEBUG,
            scope = ScopeType.INHERIT,
            description = "On failure, also print the stack trace (it may show file names and URLs).")
    boolean debug;

    /**
     * @param context the run's context
     */
    public RootCommand(CliContext context) {
        this.context = context;
    }

    @Override
    public Integer call() {
        context.err().println(Errors.PREFIX + "missing command. Try ./pinpoint-import demo, or one of these:");
        spec.commandLine().usage(context.err());
        return ExitCodes.USAGE;
    }
}
