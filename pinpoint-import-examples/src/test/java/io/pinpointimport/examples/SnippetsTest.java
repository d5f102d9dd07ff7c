package io.pinpointimport.examples;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Every {@code ```java} block of README.md, the modules' READMEs and docs/*.md is a tagged region of this module's test sources, so that
 * no documented snippet can stop compiling (or stop working: the sources are tests that run) without a failure here.
 *
 * <p>In Markdown, the line before the block names its region: {@code <!-- snippet: quick-start-code -->}. In Java,
 * {@code // tag::quick-start-code[]} and {@code // end::quick-start-code[]} enclose it; the region is shown without its
 * common indentation, and lines holding other tag markers are left out. Run the test with
 * {@code -Dpinpoint.updateDocs=true} to rewrite the blocks from the sources after changing an example.
 */
class SnippetsTest {
    static final Path ROOT = Path.of("..");
    static final Path SOURCES = Path.of("src/test/java");
    static final String UPDATE = "./mvnw -B -q -pl pinpoint-import-examples -am verify -Dtest=SnippetsTest"
            + " -Dsurefire.failIfNoSpecifiedTests=false -Dpinpoint.updateDocs=true";

    private static final Pattern MARKER = Pattern.compile("<!--\\s*snippet:\\s*([\\w.-]+)\\s*-->");
    private static final Pattern TAG = Pattern.compile("//\\s*(tag|end)::([\\w.-]+)\\[\\]");

    @Test
    void everyJavaBlockOfTheDocumentationIsATaggedExampleRegion() throws IOException {
        Map<String, String> regions = regions();
        List<String> problems = new ArrayList<>();
        boolean update = Boolean.getBoolean("pinpoint.updateDocs");
        for (Path page : pages()) {
            String text = Files.readString(page, UTF_8);
            String rewritten = check(page, text, regions, problems);
            if (update && !rewritten.equals(text)) {
                Files.writeString(page, rewritten, UTF_8);
            }
        }
        if (update) {
            problems.removeIf(p -> p.contains("differs from"));
        }
        assertThat(problems)
                .as("Java blocks of the documentation vs the example sources in pinpoint-import-examples/%s."
                        + " Each ```java block needs <!-- snippet: NAME --> on the line before it and a region"
                        + " // tag::NAME[] ... // end::NAME[] in an example source. After changing an example,"
                        + " regenerate the blocks with: %s", SOURCES, UPDATE)
                .isEmpty();
    }

    @Test
    void regionsAreWellFormed() {
        assertThat(regions()).as("tagged regions in %s", SOURCES).isNotEmpty()
                .allSatisfy((name, body) -> assertThat(body).as("region %s", name).isNotBlank());
    }

    @Test
    void extractsARegionWithoutItsIndentationAndWithoutNestedMarkers() {
        Map<String, String> found = new TreeMap<>();
        extract(Path.of("Example.java"), List.of(
                "class Example {",
                "    void run() {",
                "        // tag::outer[]",
                "        int a = 1;",
                "        // tag::inner[]",
                "        int b = a + 1;",
                "        // end::inner[]",
                "    // end::outer[]",
                "    }",
                "}"), found);
        assertThat(found).containsEntry("outer", "int a = 1;\nint b = a + 1;\n")
                .containsEntry("inner", "int b = a + 1;\n");
    }

    /** @return README.md, every module's README.md and every Markdown page under docs/ */
    static List<Path> pages() throws IOException {
        List<Path> pages = new ArrayList<>();
        pages.add(ROOT.resolve("README.md"));
        try (Stream<Path> modules = Files.list(ROOT)) {
            modules.map(m -> m.resolve("README.md")).filter(Files::isRegularFile).sorted().forEach(pages::add);
        }
        try (Stream<Path> docs = Files.walk(ROOT.resolve("docs"))) {
            docs.filter(p -> p.toString().endsWith(".md")).sorted().forEach(pages::add);
        }
        return pages;
    }

    /** Checks one page's Java blocks; returns the page with each block replaced by its region. */
    static String check(Path page, String text, Map<String, String> regions, List<String> problems) {
        List<String> lines = List.of(text.split("\n", -1));
        StringBuilder out = new StringBuilder();
        String previous = "";
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i);
            if (!line.strip().equals("```java")) {
                out.append(line).append(i < lines.size() - 1 ? "\n" : "");
                if (!line.isBlank()) {
                    previous = line;
                }
                continue;
            }
            int close = i + 1;
            while (close < lines.size() && !lines.get(close).strip().equals("```")) {
                close++;
            }
            String block = lines.subList(i + 1, Math.min(close, lines.size())).stream()
                    .map(l -> l + "\n").collect(Collectors.joining());
            String where = ROOT.relativize(page) + ":" + (i + 1);
            Matcher m = MARKER.matcher(previous);
            String replacement = block;
            if (!m.find()) {
                problems.add(where + ": no <!-- snippet: NAME --> line before the ```java block");
            } else if (!regions.containsKey(m.group(1))) {
                problems.add(where + ": no region tagged '" + m.group(1) + "' in the example sources");
            } else if (!regions.get(m.group(1)).equals(block)) {
                problems.add(where + ": the block differs from the region '" + m.group(1) + "'");
                replacement = regions.get(m.group(1));
            }
            out.append(line).append("\n").append(replacement);
            if (close < lines.size()) {
                out.append(lines.get(close)).append(close < lines.size() - 1 ? "\n" : "");
            }
            i = close;
            previous = "```";
        }
        return out.toString();
    }

    /** @return region name to its text, from every source file of this module's test tree */
    static Map<String, String> regions() {
        Map<String, String> found = new TreeMap<>();
        try (Stream<Path> files = Files.walk(SOURCES)) {
            for (Path file : files.filter(p -> p.toString().endsWith(".java"))
                    // this file's own markers are test data and documentation, not regions
                    .filter(p -> !p.getFileName().toString().equals("SnippetsTest.java")).sorted().toList()) {
                extract(file, Files.readAllLines(file, UTF_8), found);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return found;
    }

    /** A region may be opened and closed several times in one file; its segments are joined, as Asciidoctor does. */
    static void extract(Path file, List<String> lines, Map<String, String> found) {
        Map<String, List<String>> bodies = new LinkedHashMap<>();
        List<String> open = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i);
            Matcher m = TAG.matcher(line);
            if (m.find()) {
                String name = m.group(2);
                if (m.group(1).equals("tag")) {
                    assertThat(open).as("%s:%d opens '%s', which is open", file, i + 1, name).doesNotContain(name);
                    assertThat(found).as("%s:%d: region '%s' is also tagged in another file", file, i + 1, name)
                            .doesNotContainKey(name);
                    open.add(name);
                    bodies.computeIfAbsent(name, n -> new ArrayList<>());
                } else {
                    assertThat(open.remove(name)).as("%s:%d closes '%s', which is not open", file, i + 1, name)
                            .isTrue();
                }
                continue;
            }
            open.forEach(name -> bodies.get(name).add(line));
        }
        assertThat(open).as("regions of %s never closed", file).isEmpty();
        bodies.forEach((name, body) -> found.put(name, dedent(body)));
    }

    static String dedent(List<String> body) {
        int indent = body.stream().filter(l -> !l.isBlank())
                .mapToInt(l -> l.length() - l.stripLeading().length()).min().orElse(0);
        return body.stream().map(l -> l.isBlank() ? "" : l.substring(indent)).map(l -> l.stripTrailing() + "\n")
                .collect(Collectors.joining());
    }
}
