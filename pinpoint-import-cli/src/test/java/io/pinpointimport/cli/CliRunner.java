package io.pinpointimport.cli;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.PrintStream;
import java.util.function.Consumer;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;

/** Runs the tool in process with captured streams and fixed test credentials (never the default chain). */
public final class CliRunner {
    private CliRunner() {}

    /** What one run left behind. */
    public record Result(int exitCode, String out, String err) {}

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
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("test", "test")));
        customizer.accept(b);
        int exit = PinpointImportCli.run(b.build(), args);
        return new Result(exit, out.toString(UTF_8), err.toString(UTF_8));
    }
}
