package io.pinpointimport.cli.internal;

import io.pinpointimport.cli.CliContext;
import io.pinpointimport.cli.ExitCodes;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;

/** {@code import}: being built. */
@Command(name = "import", mixinStandardHelpOptions = true, description = "Not yet available.")
public final class ImportCommand implements Callable<Integer> {
    private final CliContext context;

    /**
     * @param context the run's context
     */
    public ImportCommand(CliContext context) {
        this.context = context;
    }

    @Override
    public Integer call() {
        throw new CliException(ExitCodes.INTERNAL_ERROR, "'import' is not available yet in " + context.getClass());
    }
}
