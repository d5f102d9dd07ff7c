package io.pinpointimport.cli;

import io.pinpointimport.cli.internal.Errors;
import io.pinpointimport.cli.internal.RootCommand;
import java.io.PrintWriter;
import java.lang.reflect.Constructor;
import java.util.Objects;
import picocli.CommandLine;
import picocli.CommandLine.Help;
import picocli.CommandLine.IFactory;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParseResult;
import picocli.CommandLine.UnmatchedArgumentException;

/**
 * The {@code pinpoint-import} command-line tool. {@link #main} is what the runnable jar starts; {@link #run} and
 * {@link #commandLine} let tests and other programs drive the commands in process.
 *
 * <pre>{@code
 * int exit = PinpointImportCli.run(CliContext.system(), "validate", "users.csv");
 * }</pre>
 */
public final class PinpointImportCli {
    /** {@value}: the width help texts are laid out for, so that they read the same everywhere. */
    public static final int HELP_WIDTH = 100;

    private PinpointImportCli() {}

    /**
     * Runs the tool on the process's streams and exits with its exit code.
     *
     * @param args the command line
     */
    public static void main(String... args) {
        System.exit(run(CliContext.system(), args));
    }

    /**
     * Runs one command line.
     *
     * @param context streams, terminal and hooks
     * @param args the command line
     * @return the exit code, one of {@link ExitCodes}
     */
    public static int run(CliContext context, String... args) {
        return commandLine(context).execute(args);
    }

    /**
     * Builds the command hierarchy wired to a context: output and errors to its streams, failures mapped to
     * {@link ExitCodes}, every command's help ending with the exit codes.
     *
     * @param context streams, terminal and hooks
     * @return a command line ready to {@code execute}
     */
    public static CommandLine commandLine(CliContext context) {
        Objects.requireNonNull(context, "context");
        CommandLine cl = new CommandLine(RootCommand.class, new ContextFactory(context));
        cl.setOut(new PrintWriter(context.out(), true));
        cl.setErr(new PrintWriter(context.err(), true));
        cl.setColorScheme(Help.defaultColorScheme(context.terminal() ? Help.Ansi.AUTO : Help.Ansi.OFF));
        cl.setUsageHelpWidth(HELP_WIDTH);
        cl.setUsageHelpLongOptionsMaxWidth(28);
        cl.setCaseInsensitiveEnumValuesAllowed(true);
        cl.setExitCodeExceptionMapper(t -> Errors.explain(Errors.unwrap(t)).exitCode());
        cl.setExecutionExceptionHandler((ex, cmd, parseResult) -> Errors.report(ex, context.err(), debug(parseResult)));
        cl.setParameterExceptionHandler(PinpointImportCli::usageError);
        addExitCodes(cl);
        return cl;
    }

    private static void addExitCodes(CommandLine cl) {
        cl.getCommandSpec()
                .usageMessage()
                .exitCodeListHeading("%nExit codes:%n")
                .exitCodeList(ExitCodes.descriptions());
        cl.getSubcommands().values().forEach(PinpointImportCli::addExitCodes);
    }

    private static boolean debug(ParseResult parseResult) {
        for (ParseResult p = parseResult; p != null; p = p.subcommand()) {
            if (p.hasMatchedOption(RootCommand.DEBUG)) {
                return true;
            }
        }
        return false;
    }

    private static int usageError(ParameterException ex, String[] args) {
        CommandLine cmd = ex.getCommandLine();
        PrintWriter err = cmd.getErr();
        // picocli's messages name the option and the offending argument, never file contents.
        err.println(Errors.PREFIX + ex.getMessage());
        UnmatchedArgumentException.printSuggestions(ex, err);
        err.println(Errors.PREFIX + "see '" + cmd.getCommandSpec().qualifiedName() + " --help'.");
        err.flush();
        return ExitCodes.USAGE;
    }

    /** Gives each command the run's context through its constructor. */
    private static final class ContextFactory implements IFactory {
        private final CliContext context;

        ContextFactory(CliContext context) {
            this.context = context;
        }

        @Override
        public <K> K create(Class<K> cls) throws Exception {
            try {
                Constructor<K> c = cls.getDeclaredConstructor(CliContext.class);
                return c.newInstance(context);
            } catch (NoSuchMethodException e) {
                return CommandLine.defaultFactory().create(cls);
            }
        }
    }
}
