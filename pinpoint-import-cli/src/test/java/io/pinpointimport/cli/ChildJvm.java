package io.pinpointimport.cli;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Starts a class of this test class path in a child JVM, as a user starts a second process: its own heap, its own
 * threads, killed for real. Output goes to files, so that a test reads it after the child is gone.
 */
final class ChildJvm {
    private ChildJvm() {}

    /**
     * @param mainClass the class whose {@code main} runs
     * @param args its arguments
     * @param environment variables to set (AWS credentials, region); {@code AWS_PROFILE} and the journal directory
     *     variable are removed
     * @param stdout where its standard output goes
     * @param stderr where its standard error goes
     * @return the started process
     * @throws IOException when it cannot be started
     */
    static Process start(
            Class<?> mainClass, List<String> args, Map<String, String> environment, Path stdout, Path stderr)
            throws IOException {
        String java = ProcessHandle.current()
                .info()
                .command()
                .orElse(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        List<String> command = new ArrayList<>(List.of(
                java,
                "-Xmx256m",
                "-XX:TieredStopAtLevel=1",
                "-XX:+UseSerialGC",
                "-cp",
                System.getProperty("java.class.path"),
                mainClass.getName()));
        command.addAll(args);
        ProcessBuilder pb =
                new ProcessBuilder(command).redirectOutput(stdout.toFile()).redirectError(stderr.toFile());
        pb.environment().put("AWS_EC2_METADATA_DISABLED", "true");
        pb.environment().remove("AWS_PROFILE");
        pb.environment().remove("PINPOINT_IMPORT_JOURNAL_DIR");
        pb.environment().putAll(environment);
        return pb.start();
    }
}
