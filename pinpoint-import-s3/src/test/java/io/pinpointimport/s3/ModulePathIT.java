package io.pinpointimport.s3;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.io.IOException;
import java.lang.module.ModuleFinder;
import java.lang.module.ModuleReference;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The published jars on the module path (failsafe, after {@code package}): each names its module, and a program
 * started with {@code java -p} uses core and s3 together. Before the jars named themselves, Java derived
 * {@code pinpoint.import.core}, which {@code java -p} refuses ({@code import} is a keyword).
 */
class ModulePathIT {
    @TempDir
    Path temp;

    private static Path jar(String property) {
        Path jar = Path.of(System.getProperty(property));
        assertThat(jar).as(property).isRegularFile();
        return jar;
    }

    private static String moduleName(Path jar) {
        return ModuleFinder.of(jar).findAll().stream()
                .map(ModuleReference::descriptor)
                .map(d -> d.name())
                .collect(Collectors.joining(","));
    }

    @Test
    void eachJarNamesItsModule() {
        assertThat(moduleName(jar("modulepath.core.jar"))).isEqualTo("io.pinpointimport.core");
        assertThat(moduleName(jar("modulepath.s3.jar"))).isEqualTo("io.pinpointimport.s3");
    }

    @Test
    void aProgramOnTheModulePathUsesCoreAndS3() throws IOException, InterruptedException {
        List<String> path = new ArrayList<>(
                List.of(Files.readString(Path.of(System.getProperty("modulepath.dependencies")), StandardCharsets.UTF_8)
                        .strip()
                        .split(File.pathSeparator)));
        path.removeIf(p -> p.contains("pinpoint-import-core"));
        path.add(jar("modulepath.core.jar").toString());
        path.add(jar("modulepath.s3.jar").toString());

        Path probe = temp.resolve("Probe.java");
        Files.writeString(
                probe,
                String.join(
                        "\n",
                        "import io.pinpointimport.EndpointImporter;",
                        "import io.pinpointimport.format.ImportFormat;",
                        "import io.pinpointimport.s3.S3ShardStore;",
                        "import java.net.URI;",
                        "import software.amazon.awssdk.auth.credentials.AnonymousCredentialsProvider;",
                        "import software.amazon.awssdk.regions.Region;",
                        "import software.amazon.awssdk.services.pinpoint.PinpointAsyncClient;",
                        "import software.amazon.awssdk.services.s3.S3AsyncClient;",
                        "public class Probe {",
                        "  public static void main(String[] args) {",
                        "    URI local = URI.create(\"http://127.0.0.1:9\");",
                        "    try (S3AsyncClient s3 = S3AsyncClient.builder().region(Region.US_EAST_1).endpointOverride(local)",
                        "            .credentialsProvider(AnonymousCredentialsProvider.create()).build();",
                        "         PinpointAsyncClient pinpoint = PinpointAsyncClient.builder().region(Region.US_EAST_1)",
                        "            .endpointOverride(local).credentialsProvider(AnonymousCredentialsProvider.create()).build()) {",
                        "      S3ShardStore store = S3ShardStore.builder().s3(s3).bucket(\"b\").build();",
                        "      try (EndpointImporter importer = EndpointImporter.builder().pinpoint(pinpoint).applicationId(\"app\")",
                        "            .roleArn(\"arn:aws:iam::123456789012:role/import\").shardStore(store).build()) {",
                        "        System.out.println(EndpointImporter.class.getModule().getName() + \" \"",
                        "            + S3ShardStore.class.getModule().getName() + \" \"",
                        "            + store.objectKey(\"run-1\", 0, ImportFormat.CSV));",
                        "      }",
                        "    }",
                        "  }",
                        "}",
                        ""),
                StandardCharsets.UTF_8);

        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        Path out = temp.resolve("out.txt");
        Process p = new ProcessBuilder(
                        java.toString(),
                        "-p",
                        String.join(File.pathSeparator, path),
                        // automatic modules declare no requires: the explicit modules they use (slf4j, Jackson) are
                        // added by name
                        "--add-modules",
                        "ALL-MODULE-PATH",
                        probe.toString())
                .directory(temp.toFile())
                .redirectErrorStream(true)
                .redirectOutput(out.toFile())
                .start();
        assertThat(p.waitFor(5, TimeUnit.MINUTES)).as("the probe ends").isTrue();
        String output = Files.readString(out, StandardCharsets.UTF_8);
        assertThat(p.exitValue()).as(output).isZero();
        assertThat(output)
                .contains("io.pinpointimport.core io.pinpointimport.s3 ")
                .contains("run-1");
    }
}
