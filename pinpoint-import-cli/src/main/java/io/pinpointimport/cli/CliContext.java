package io.pinpointimport.cli;

import io.pinpointimport.job.PollingOptions;
import java.io.InputStream;
import java.io.PrintStream;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletionStage;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;

/**
 * What a run of the command-line tool talks to: its standard streams, whether standard error is a terminal, and the
 * hooks tests use to run commands in process. {@link #system()} is what {@code main} uses.
 *
 * <pre>{@code
 * ByteArrayOutputStream out = new ByteArrayOutputStream();
 * CliContext context = CliContext.builder().out(new PrintStream(out, true, UTF_8)).terminal(false).build();
 * int exit = PinpointImportCli.run(context, "jobs", "--app", appId, "--endpoint-url", url, "--region", "us-east-1");
 * }</pre>
 */
public final class CliContext {
    private final InputStream in;
    private final PrintStream out;
    private final PrintStream err;
    private final boolean terminal;
    private final AwsCredentialsProvider credentialsProvider;
    private final CompletionStage<?> stopSignal;
    private final PollingOptions polling;

    private CliContext(Builder b) {
        this.in = b.in;
        this.out = b.out;
        this.err = b.err;
        this.terminal = b.terminal != null ? b.terminal : detectTerminal();
        this.credentialsProvider = b.credentialsProvider;
        this.stopSignal = b.stopSignal;
        this.polling = b.polling;
    }

    /** @return a builder whose defaults are the process's standard streams and terminal */
    public static Builder builder() {
        return new Builder();
    }

    /** @return the context of the running process: {@code System.in/out/err}, terminal detected */
    public static CliContext system() {
        return builder().build();
    }

    /** @return a builder holding this context's values */
    public Builder toBuilder() {
        return new Builder(this);
    }

    /** @return where {@code -} (standard input) is read from */
    public InputStream in() {
        return in;
    }

    /** @return where results go: tables, summaries, or only the JSON document with {@code --json} */
    public PrintStream out() {
        return out;
    }

    /** @return where progress, warnings and error messages go */
    public PrintStream err() {
        return err;
    }

    /** @return whether standard error is an interactive terminal (progress bar rather than plain lines) */
    public boolean terminal() {
        return terminal;
    }

    /**
     * @return the credentials every AWS client uses instead of the SDK's default chain (and {@code --profile});
     *     empty means the default chain, which is what the tool uses when started from a shell
     */
    public Optional<AwsCredentialsProvider> credentialsProvider() {
        return Optional.ofNullable(credentialsProvider);
    }

    /**
     * @return what long-running commands ({@code emulator}) wait for before they stop; empty means they run until
     *     the process is interrupted
     */
    public Optional<CompletionStage<?>> stopSignal() {
        return Optional.ofNullable(stopSignal);
    }

    /**
     * @return how often {@code import}, {@code resume}, {@code resubmit} and {@code job --wait} check their import
     *     jobs; empty means the library's {@link PollingOptions#builder() defaults}, which is what the tool uses when
     *     started from a shell
     */
    public Optional<PollingOptions> polling() {
        return Optional.ofNullable(polling);
    }

    private static boolean detectTerminal() {
        // Java 17 cannot ask whether stderr alone is a terminal; a console means stdin and stdout are, which is
        // the interactive case a progress bar is for. A dumb terminal cannot redraw a line.
        return System.console() != null && !"dumb".equals(System.getenv("TERM"));
    }

    /** Builds a {@link CliContext}. */
    public static final class Builder {
        private InputStream in = System.in;
        private PrintStream out = System.out;
        private PrintStream err = System.err;
        private Boolean terminal;
        private AwsCredentialsProvider credentialsProvider;
        private CompletionStage<?> stopSignal;
        private PollingOptions polling;

        private Builder() {}

        private Builder(CliContext c) {
            this.in = c.in;
            this.out = c.out;
            this.err = c.err;
            this.terminal = c.terminal;
            this.credentialsProvider = c.credentialsProvider;
            this.stopSignal = c.stopSignal;
            this.polling = c.polling;
        }

        /**
         * @param in standard input; default {@code System.in}
         * @return this builder
         */
        public Builder in(InputStream in) {
            this.in = Objects.requireNonNull(in, "in");
            return this;
        }

        /**
         * @param out standard output; default {@code System.out}
         * @return this builder
         */
        public Builder out(PrintStream out) {
            this.out = Objects.requireNonNull(out, "out");
            return this;
        }

        /**
         * @param err standard error; default {@code System.err}
         * @return this builder
         */
        public Builder err(PrintStream err) {
            this.err = Objects.requireNonNull(err, "err");
            return this;
        }

        /**
         * @param terminal whether standard error is an interactive terminal; default: detected
         * @return this builder
         */
        public Builder terminal(boolean terminal) {
            this.terminal = terminal;
            return this;
        }

        /**
         * @param credentialsProvider credentials for every AWS client, instead of the default chain; {@code null}
         *     (the default) for the default chain
         * @return this builder
         */
        public Builder credentialsProvider(AwsCredentialsProvider credentialsProvider) {
            this.credentialsProvider = credentialsProvider;
            return this;
        }

        /**
         * @param stopSignal completes when long-running commands should stop; {@code null} (the default) to run
         *     until the process is interrupted
         * @return this builder
         */
        public Builder stopSignal(CompletionStage<?> stopSignal) {
            this.stopSignal = stopSignal;
            return this;
        }

        /**
         * @param polling how often commands check their import jobs, for example briskly against an emulator whose
         *     jobs end at once; {@code null} (the default) for the library's defaults
         * @return this builder
         */
        public Builder polling(PollingOptions polling) {
            this.polling = polling;
            return this;
        }

        /** @return the context */
        public CliContext build() {
            return new CliContext(this);
        }
    }
}
