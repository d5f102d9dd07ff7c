package io.pinpointimport.cli.internal;

import io.pinpointimport.cli.ExitCodes;
import picocli.CommandLine.Option;

/** How many rows the service may fail in completed jobs before the run counts as failed. */
public final class ServiceFailuresOption {
    /** Default {@code --max-service-failures}: {@value}, any row the service fails fails the run. */
    public static final long DEFAULT_MAX_SERVICE_FAILURES = 0;

    /** Most rows the service may fail. */
    @Option(
            names = "--max-service-failures",
            paramLabel = "N",
            description = "Most records the service may fail one by one in completed jobs (its TotalFailures) for"
                    + " the run to succeed. Default: " + DEFAULT_MAX_SERVICE_FAILURES + ", any such record fails"
                    + " it (exit code " + ExitCodes.SERVICE_FAILURES + ").")
    public long maxServiceFailures = DEFAULT_MAX_SERVICE_FAILURES;

    /** Public for picocli. */
    public ServiceFailuresOption() {}

    /** @throws CliException (usage) when the value is out of range */
    void check() {
        Checks.atLeast("--max-service-failures", maxServiceFailures, 0);
    }
}
