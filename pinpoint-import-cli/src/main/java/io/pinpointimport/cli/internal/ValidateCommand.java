package io.pinpointimport.cli.internal;

import io.pinpointimport.cli.CliContext;
import io.pinpointimport.cli.ExitCodes;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;

/** {@code validate}: being built. */
@Command(name = "validate", mixinStandardHelpOptions = true, description = "Not yet available.")
public final class ValidateCommand implements Callable<Integer> {
    private final CliContext context;

    /**
     * @param context the run's context
     */
    public ValidateCommand(CliContext context) {
        this.context = context;
    }

    @Override
    public Integer call() {
        throw new CliException(ExitCodes.INTERNAL_ERROR, "'validate' is not available yet in " + context.getClass());
    }
}
