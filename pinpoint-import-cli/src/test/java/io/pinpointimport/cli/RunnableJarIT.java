package io.pinpointimport.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.jar.JarFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The published runnable jar on its own, as a user who downloaded it (or got it through JBang) runs it: copied
 * out of the build, started with {@code java -jar} from an empty directory, no class path, no clone.
 */
class RunnableJarIT {
    @TempDir
    Path elsewhere;

    private record Result(int exit, String out) {}

    private Result run(String... args) throws IOException, InterruptedException {
        Path jar = elsewhere.resolve("pinpoint-import.jar");
        if (!Files.exists(jar)) {
            Files.copy(Path.of(System.getProperty("cli.jar")), jar);
        }
        List<String> command = new ArrayList<>(
                List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-jar", jar.toString()));
        command.addAll(List.of(args));
        Path out = elsewhere.resolve("out-" + System.nanoTime() + ".txt");
        ProcessBuilder pb = new ProcessBuilder(command)
                .directory(elsewhere.toFile())
                .redirectErrorStream(true)
                .redirectOutput(out.toFile());
        pb.environment().remove("CLASSPATH");
        Process p = pb.start();
        p.getOutputStream().close();
        assertThat(p.waitFor(3, TimeUnit.MINUTES)).as("the tool ends").isTrue();
        return new Result(p.exitValue(), Files.readString(out, StandardCharsets.UTF_8));
    }

    @Test
    void helpWorksFromTheJarAloneOutsideTheClone() throws Exception {
        Result r = run("--help");

        assertThat(r.exit()).as(r.out()).isZero();
        assertThat(r.out())
                .contains("Usage: pinpoint-import")
                .contains("import")
                .contains("validate")
                .contains("emulator")
                .doesNotContain("Exception");
    }

    @Test
    void versionAndShellCompletionComeFromTheJar() throws Exception {
        Result version = run("--version");
        assertThat(version.exit()).as(version.out()).isZero();
        assertThat(version.out()).isNotBlank().doesNotContain("${");

        Result completion = run("generate-completion");
        assertThat(completion.exit()).as(completion.out()).isZero();
        assertThat(completion.out())
                .contains("complete -F")
                .contains("pinpoint-import")
                .contains("emulator");
    }

    @Test
    void theJarIsRunnableWithEverythingInside() throws Exception {
        try (JarFile jar = new JarFile(System.getProperty("cli.jar"))) {
            assertThat(jar.getManifest().getMainAttributes().getValue("Main-Class"))
                    .isEqualTo("io.pinpointimport.cli.PinpointImportCli");
            assertThat(jar.getEntry("io/pinpointimport/EndpointImporter.class"))
                    .as("core inside")
                    .isNotNull();
            assertThat(jar.getEntry("picocli/CommandLine.class"))
                    .as("picocli inside")
                    .isNotNull();
        }
    }
}
