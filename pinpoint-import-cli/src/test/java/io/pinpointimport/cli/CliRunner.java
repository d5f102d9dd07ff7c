package io.pinpointimport.cli;

import static java.nio.charset.StandardCharsets.UTF_8;

import io.pinpointimport.job.PollingOptions;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.PrintStream;
import java.time.Duration;
import java.util.function.Consumer;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;

/**
 * Runs the tool in process with captured streams, fixed test credentials (never the default chain) and brisk job
 * checks (the emulators' jobs end in milliseconds; the library's first check comes after 5 s).
 */
public final class CliRunner {
    private CliRunner() {}

    /** What one run left behind. */
    public record Result(int exitCode, String out, String err) {}

    /** Job checks every 20-200 ms: what the tests wait for is the job's end, not the production pacing. */
    public static final PollingOptions BRISK_POLLING = PollingOptions.builder()
            .earlyInterval(Duration.ofMillis(20))
            .minInterval(Duration.ofMillis(20))
            .maxInterval(Duration.ofMillis(200))
            .build();

    /**
     * @param args the command line
     * @return exit code and captured output
     */
    public static Result run(String... args) {
        return run(new ByteArrayInputStream(new byte[0]), b -> {}, args);
    }

    /**
     * @param stdin standard input
     * @param customizer changes to the context
     * @param args the command line
     * @return exit code and captured output
     */
    public static Result run(InputStream stdin, Consumer<CliContext.Builder> customizer, String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        CliContext.Builder b = CliContext.builder()
                .in(stdin)
                .out(new PrintStream(out, true, UTF_8))
                .err(new PrintStream(err, true, UTF_8))
                .terminal(false)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("test", "test")))
                .polling(BRISK_POLLING);
        customizer.accept(b);
        int exit = PinpointImportCli.run(b.build(), args);
        return new Result(exit, out.toString(UTF_8), err.toString(UTF_8));
    }
}
