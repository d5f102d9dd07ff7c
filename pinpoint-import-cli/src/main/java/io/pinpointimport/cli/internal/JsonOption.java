package io.pinpointimport.cli.internal;

import picocli.CommandLine.Option;

/** {@code --json}: only the JSON document on standard output. */
public final class JsonOption {
    /** Whether to print JSON. */
    @Option(
            names = "--json",
            description = "Print only a JSON document on standard output (progress and messages stay on standard"
                    + " error).")
    public boolean json;

    /** Public for picocli. */
    public JsonOption() {}
}
