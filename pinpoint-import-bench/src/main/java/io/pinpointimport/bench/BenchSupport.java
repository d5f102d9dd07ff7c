package io.pinpointimport.bench;

import java.io.IOException;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.stream.DoubleStream;
import java.util.stream.Stream;

/** What the plain-{@code main} benchmarks share: medians, Markdown table headers, the load average, clean-up. */
final class BenchSupport {
    private BenchSupport() {}

    /** @return the median, NaN when there are no values */
    static double median(DoubleStream values) {
        double[] v = values.sorted().toArray();
        if (v.length == 0) {
            return Double.NaN;
        }
        return v.length % 2 == 1 ? v[v.length / 2] : (v[v.length / 2 - 1] + v[v.length / 2]) / 2;
    }

    /** @return the median, NaN when there are no values */
    static double median(List<Double> values) {
        return median(values.stream().mapToDouble(Double::doubleValue));
    }

    /**
     * Prints a Markdown table's header and alignment rows. A column whose name starts with {@code <} is left-aligned
     * (the {@code <} is not printed); every other column holds figures and is right-aligned.
     */
    static void tableHeader(PrintStream out, String... columns) {
        StringBuilder names = new StringBuilder("|");
        StringBuilder align = new StringBuilder("|");
        for (String c : columns) {
            boolean left = c.startsWith("<");
            names.append(' ').append(left ? c.substring(1) : c).append(" |");
            align.append(left ? "---|" : "---:|");
        }
        out.println(names);
        out.println(align);
    }

    /** @return the load averages over 1, 5 and 15 minutes, as {@code /proc/loadavg} gives them where it exists */
    static String load() {
        try {
            String[] parts = Files.readString(Path.of("/proc/loadavg")).trim().split(" ");
            return parts[0] + " / " + parts[1] + " / " + parts[2];
        } catch (IOException | RuntimeException e) {
            return String.format(
                    Locale.ROOT,
                    "%.2f",
                    ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
        }
    }

    /** Deletes a directory and everything in it; nothing when it does not exist. */
    static void deleteTree(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(dir)) {
            for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }
}
