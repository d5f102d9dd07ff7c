package io.pinpointimport.cli.internal;

import picocli.CommandLine.Option;

/** The application (project) the command works on. */
public final class AppOption {
    /** The application id. */
    @Option(names = "--app", required = true, paramLabel = "APP_ID", description = "Pinpoint application (project) id.")
    public String app;

    /** Public for picocli. */
    public AppOption() {}
}
