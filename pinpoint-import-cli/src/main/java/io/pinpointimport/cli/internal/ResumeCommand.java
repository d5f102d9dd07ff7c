package io.pinpointimport.cli.internal;

import io.pinpointimport.cli.CliContext;
import io.pinpointimport.cli.ExitCodes;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

/** {@code resume RUN_ID}: continues an {@code import --journal-dir} run from its journal. */
@Command(
        name = "resume",
        mixinStandardHelpOptions = true,
        description = {
            "Continue an import run started with --journal-dir that was killed, stopped or failed, with the"
                    + " options it was started with: the input files are read again (they must be unchanged), shards already"
                    + " stored are not sent again, jobs already created are watched, not created again; nothing is imported"
                    + " twice.",
            "Exits as 'import' does; with " + ExitCodes.USAGE + " when the run is not in the journal directory, its"
                    + " journal is damaged, an input file changed or is gone, or the run was abandoned (too many"
                    + " rejections)."
        })
public final class ResumeCommand implements Callable<Integer> {
    private final CliContext context;

    @Parameters(index = "0", paramLabel = "RUN_ID", description = "The run's id, as 'import' or 'runs' printed it.")
    String runId;

    @Mixin
    JournalDirOption journal;

    /**
     * @param context the run's context
     */
    public ResumeCommand(CliContext context) {
        this.context = context;
    }

    @Override
    public Integer call() {
        Path journalDir = journal.require();
        List<String> arguments = RunFiles.loadArguments(journalDir, runId);
        ImportCommand command = new ImportCommand(context);
        try {
            new CommandLine(command).parseArgs(arguments.toArray(String[]::new));
        } catch (CommandLine.ParameterException e) {
            throw new CliException(
                    ExitCodes.USAGE,
                    "the saved options of run " + runId + " are not valid for" + " this version: " + e.getMessage(),
                    e);
        }
        command.journalDir = journalDir;
        command.resumeRunId = runId;
        // the resumed run reports every rejection again: its rejects file is the run's own output, written anew
        command.rejectionOptions.overwrite = true;
        context.err().println("Resuming import run " + runId + " from " + journalDir + ".");
        return command.call();
    }
}
