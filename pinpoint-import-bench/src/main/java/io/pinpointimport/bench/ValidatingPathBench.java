package io.pinpointimport.bench;

import static io.pinpointimport.bench.BenchSupport.deleteTree;
import static io.pinpointimport.bench.BenchSupport.load;
import static io.pinpointimport.bench.BenchSupport.median;
import static io.pinpointimport.bench.BenchSupport.tableHeader;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.dataformat.csv.CsvFactory;
import com.fasterxml.jackson.dataformat.csv.CsvGenerator;
import com.fasterxml.jackson.dataformat.csv.CsvParser;
import com.fasterxml.jackson.dataformat.csv.CsvSchema;
import com.sun.management.OperatingSystemMXBean;
import io.pinpointimport.EndpointImporter;
import io.pinpointimport.ImportSummary;
import io.pinpointimport.format.EndpointReader;
import io.pinpointimport.format.ImportFormat;
import io.pinpointimport.format.ReadResult;
import io.pinpointimport.model.EndpointDefinition;
import io.pinpointimport.shard.Shard;
import io.pinpointimport.shard.ShardWriter;
import io.pinpointimport.testkit.fixtures.EndpointFixtures;
import io.pinpointimport.validation.EndpointValidator;
import io.pinpointimport.validation.Rejection;
import io.pinpointimport.validation.RunValidator;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * The validating path against its floor (issue 19), in one run: the library reading an existing import file,
 * validating every record (every rule, run rules included) and writing shard files, against a bare Jackson streaming
 * parse of the same file that writes the same records to a shard file with SHA-256. Both run on the same generated
 * input (the seeded realistic fixtures, written once by the library's own {@link ShardWriter}), in CSV and in NDJSON,
 * interleaved round by round so that load changes hit every variant alike. Reported per variant: the median process
 * CPU time (every thread: the importer's worker, JIT, GC) and wall time over the measured rounds, and the ratios
 * bare Jackson / library (1.00 = as cheap as the floor), also round by round (median and range), since on a shared
 * machine even CPU time for the same work moves between rounds. A plain {@code main}, not JMH: see
 * docs/PERFORMANCE.md.
 *
 * <p>Variants:
 *
 * <ul>
 *   <li>{@code importFiles}: {@link EndpointImporter#importFiles(ImportFormat, List)} with a store that keeps
 *       nothing and jobs that complete at once: the whole path users run ({@code import}) without the upload;</li>
 *   <li>{@code reader+validator+writer}: {@link EndpointReader}, {@link RunValidator} and {@link ShardWriter} in one
 *       loop on the calling thread, the same work without the run's orchestration (events, counters, threads);</li>
 *   <li>{@code jackson}: the floor. NDJSON: one {@link JsonParser} over the file, each object copied token by token
 *       to a {@link JsonGenerator}; CSV: Jackson's {@link CsvParser} reading rows as arrays, each cell written by a
 *       {@link CsvGenerator}; both into a file through a SHA-256 digest.</li>
 * </ul>
 *
 * <pre>
 * java -Xmx512m -cp benchmarks.jar io.pinpointimport.bench.ValidatingPathBench [--records 200000] [--rounds 5]
 *      [--format csv,json] [--work-dir DIR] [--variants importFiles,components,jackson]
 * </pre>
 */
public final class ValidatingPathBench {
    static final String IMPORT_FILES = "importFiles";
    static final String COMPONENTS = "reader+validator+writer";
    static final String JACKSON = "jackson";

    /** Settings; see {@link #parse(String[])}. */
    static final class Settings {
        long records = 200_000;
        int rounds = 5;
        List<ImportFormat> formats = List.of(ImportFormat.CSV, ImportFormat.JSON);
        List<String> variants = List.of(IMPORT_FILES, COMPONENTS, JACKSON);
        Path workDir;
        Path writeInput;
    }

    /** One variant's measured rounds in one format. */
    record Measured(
            ImportFormat format, String variant, List<Double> cpuSeconds, List<Double> wallSeconds, long records) {
        double cpu() {
            return median(cpuSeconds);
        }

        double wall() {
            return median(wallSeconds);
        }
    }

    private final Settings settings;
    private final PrintStream out;
    private final OperatingSystemMXBean os = (OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();

    private ValidatingPathBench(Settings settings, PrintStream out) {
        this.settings = settings;
        this.out = out;
    }

    /**
     * Runs the comparison and prints the table.
     *
     * @param args see {@link #parse(String[])}
     * @throws Exception when a variant fails
     */
    public static void main(String[] args) throws Exception {
        Settings settings = parse(args);
        if (settings.writeInput != null) {
            // only the input, for run-import-bench.sh: the first format given, written where asked
            settings.workDir = settings.writeInput.toAbsolutePath().getParent();
            long[] written = new ValidatingPathBench(settings, System.out)
                    .writeInput(settings.formats.get(0), settings.writeInput);
            System.out.printf(Locale.ROOT, "%d records, %d bytes%n", written[0], written[1]);
            return;
        }
        Path own = null;
        if (settings.workDir == null) {
            own = Files.createTempDirectory("validating-path-bench");
            settings.workDir = own;
        }
        try {
            run(settings, System.out);
        } finally {
            if (own != null) {
                deleteTree(own);
            }
        }
        System.exit(0); // the importer's client threads are daemons, but do not wait for stragglers
    }

    /**
     * Options: {@code --records N} per format (default 200000), {@code --rounds N} (default 5; the first is warm-up
     * and not counted), {@code --format csv,json}, {@code --variants importFiles,components,jackson},
     * {@code --work-dir DIR} (input and shard files; default a temporary directory); {@code --write-input FILE}
     * only writes the input of the first format to FILE and exits.
     *
     * @param args the options
     * @return the settings
     */
    static Settings parse(String[] args) {
        Settings s = new Settings();
        for (int i = 0; i < args.length; i++) {
            String value = i + 1 < args.length ? args[i + 1] : null;
            switch (args[i]) {
                case "--records" -> s.records = Long.parseLong(value);
                case "--rounds" -> s.rounds = Integer.parseInt(value);
                case "--format" ->
                    s.formats = Stream.of(value.split(","))
                            .map(f -> f.equalsIgnoreCase("csv") ? ImportFormat.CSV : ImportFormat.JSON)
                            .toList();
                case "--variants" ->
                    s.variants = Stream.of(value.split(","))
                            .map(v -> v.equals("components") ? COMPONENTS : v)
                            .toList();
                case "--work-dir" -> s.workDir = Path.of(value);
                case "--write-input" -> s.writeInput = Path.of(value);
                default -> throw new IllegalArgumentException("unknown option " + args[i]);
            }
            i++;
        }
        if (s.rounds < 2) {
            throw new IllegalArgumentException("--rounds must be at least 2 (the first is warm-up)");
        }
        return s;
    }

    static List<Measured> run(Settings settings, PrintStream out) throws Exception {
        return new ValidatingPathBench(settings, out).run();
    }

    private List<Measured> run() throws Exception {
        out.printf(
                Locale.ROOT,
                "# Validating path against bare Jackson: %,d records per format, %d rounds (first is warm-up)%n",
                settings.records,
                settings.rounds);
        out.println("java: " + System.getProperty("java.vm.name") + " " + System.getProperty("java.version")
                + ", max heap " + Runtime.getRuntime().maxMemory() / (1 << 20) + " MB, "
                + Runtime.getRuntime().availableProcessors() + " CPUs; load at start: " + load());
        List<Measured> all = new ArrayList<>();
        for (ImportFormat format : settings.formats) {
            Path input = settings.workDir.resolve("input." + format.extension());
            long[] written = writeInput(format, input);
            out.printf(
                    Locale.ROOT,
                    "%n## %s: %,d records, %,d bytes of input (%.1f B/record)%n",
                    format,
                    written[0],
                    written[1],
                    written[1] / (double) written[0]);
            Map<String, List<Double>> cpu = new LinkedHashMap<>();
            Map<String, List<Double>> wall = new LinkedHashMap<>();
            Map<String, Long> records = new LinkedHashMap<>();
            for (int round = 0; round < settings.rounds; round++) {
                StringBuilder line = new StringBuilder("round " + (round + 1) + (round == 0 ? " (warm-up)" : ""));
                for (String variant : settings.variants) {
                    System.gc();
                    long c0 = os.getProcessCpuTime();
                    long w0 = System.nanoTime();
                    long n = runVariant(variant, format, input);
                    double w = (System.nanoTime() - w0) / 1e9;
                    double c = (os.getProcessCpuTime() - c0) / 1e9;
                    records.put(variant, n);
                    if (round > 0) {
                        cpu.computeIfAbsent(variant, k -> new ArrayList<>()).add(c);
                        wall.computeIfAbsent(variant, k -> new ArrayList<>()).add(w);
                    }
                    line.append(String.format(Locale.ROOT, "; %s %.2f s CPU, %.2f s wall", variant, c, w));
                }
                out.println(line.append("; load ").append(load()));
            }
            out.println();
            tableHeader(
                    out,
                    "<variant",
                    "records written",
                    "CPU s (median)",
                    "wall s (median)",
                    "records/s (CPU)",
                    "µs CPU/record");
            for (String variant : settings.variants) {
                Measured m = new Measured(format, variant, cpu.get(variant), wall.get(variant), records.get(variant));
                all.add(m);
                out.printf(
                        Locale.ROOT,
                        "| %s | %,d | %.2f | %.2f | %,.0f | %.2f |%n",
                        variant,
                        m.records(),
                        m.cpu(),
                        m.wall(),
                        written[0] / m.cpu(),
                        m.cpu() * 1e6 / written[0]);
            }
            Optional<Measured> floor = all.stream()
                    .filter(m -> m.format() == format && m.variant().equals(JACKSON))
                    .findFirst();
            if (floor.isPresent()) {
                out.println();
                for (Measured m : all) {
                    if (m.format() == format && !m.variant().equals(JACKSON)) {
                        out.printf(
                                Locale.ROOT,
                                "%s: %s / bare Jackson = %.2f× in CPU time, %.2f× in wall time (target: ≥ %.1f×)%n",
                                format,
                                m.variant(),
                                floor.get().cpu() / m.cpu(),
                                floor.get().wall() / m.wall(),
                                format == ImportFormat.CSV ? 0.5 : 0.6);
                        // The same ratio round by round: its spread says how far the load moved the figure above.
                        List<Double> perRound = roundRatios(floor.get().cpuSeconds(), m.cpuSeconds());
                        out.printf(
                                Locale.ROOT,
                                "%s: %s / bare Jackson per round, CPU time: median %.2f×, from %.2f× to %.2f×%n",
                                format,
                                m.variant(),
                                median(perRound),
                                Collections.min(perRound),
                                Collections.max(perRound));
                    }
                }
            }
            Files.deleteIfExists(input);
        }
        out.println();
        out.println("load at end: " + load());
        return all;
    }

    /** @return the floor's CPU time over the variant's, one ratio per measured round */
    static List<Double> roundRatios(List<Double> floor, List<Double> variant) {
        List<Double> ratios = new ArrayList<>(floor.size());
        for (int i = 0; i < floor.size(); i++) {
            ratios.add(floor.get(i) / variant.get(i));
        }
        return ratios;
    }

    private long runVariant(String variant, ImportFormat format, Path input) throws Exception {
        return switch (variant) {
            case IMPORT_FILES -> importFiles(format, input);
            case COMPONENTS -> components(format, input);
            case JACKSON -> format == ImportFormat.CSV ? jacksonCsv(input) : jacksonNdjson(input);
            default -> throw new IllegalArgumentException("unknown variant " + variant);
        };
    }

    /** Writes the first {@code records} fixtures as one file with the library's writer; returns records, bytes. */
    private long[] writeInput(ImportFormat format, Path input) throws IOException {
        Iterator<EndpointDefinition> it = EndpointFixtures.ofDefaults().iterator();
        try (ShardWriter w = ShardWriter.builder()
                .format(format)
                .maxShardBytes(Long.MAX_VALUE)
                .directory(settings.workDir)
                .build()) {
            long n = 0;
            for (long i = 0; i < settings.records; i++) {
                if (w.write(i, it.next()).isEmpty()) {
                    n++;
                }
            }
            Shard shard = w.finish().orElseThrow();
            Files.move(shard.file(), input, StandardCopyOption.REPLACE_EXISTING);
            return new long[] {n, Files.size(input)};
        }
    }

    private long importFiles(ImportFormat format, Path input) {
        Path shards = settings.workDir.resolve("shards");
        KeepingStore store = KeepingStore.discarding();
        try (EndpointImporter importer = EndpointImporter.builder()
                .importTarget(new InstantTarget())
                .shardStore(store)
                .format(format)
                .tempDirectory(shards)
                .build()) {
            ImportSummary summary =
                    importer.importFiles(format, List.of(input)).summary().join();
            if (summary.recordsNotImported() > summary.recordsRejected()) {
                throw new IllegalStateException("records were not imported: " + summary);
            }
            return summary.recordsSubmitted();
        }
    }

    private long components(ImportFormat format, Path input) throws IOException {
        Path shards = settings.workDir.resolve("shards");
        long written = 0;
        try (EndpointReader reader = EndpointReader.open(input, format);
                RunValidator validator = EndpointValidator.ofDefaults().newRun(shards);
                ShardWriter writer =
                        ShardWriter.builder().format(format).directory(shards).build()) {
            ReadResult r;
            while ((r = reader.next()) != null) {
                if (r.isRejected()) {
                    continue;
                }
                List<Rejection> rs = validator.validate(r.recordIndex(), r.definition());
                if (rs.isEmpty()
                        && writer.write(r.recordIndex(), r.definition()).isEmpty()) {
                    written++;
                }
            }
            writer.finish();
        }
        return written;
    }

    private long jacksonNdjson(Path input) throws IOException {
        JsonFactory factory = new JsonFactory();
        Path file = settings.workDir.resolve("bare.json");
        MessageDigest sha256 = sha256();
        long n = 0;
        try (InputStream in = Files.newInputStream(input);
                JsonParser p = factory.createParser(in);
                OutputStream os = new DigestOutputStream(Files.newOutputStream(file), sha256);
                JsonGenerator g = factory.createGenerator(os)) {
            g.setRootValueSeparator(null);
            while (p.nextToken() == JsonToken.START_OBJECT) {
                g.copyCurrentStructure(p);
                g.writeRaw('\n');
                n++;
            }
        }
        finishDigest(sha256, file);
        return n;
    }

    private long jacksonCsv(Path input) throws IOException {
        CsvFactory factory = new CsvFactory();
        Path file = settings.workDir.resolve("bare.csv");
        MessageDigest sha256 = sha256();
        long n = -1; // the header row is copied too, not counted
        try (InputStream in = Files.newInputStream(input);
                CsvParser p = factory.createParser(in);
                OutputStream os =
                        new BufferedOutputStream(new DigestOutputStream(Files.newOutputStream(file), sha256));
                CsvGenerator g = factory.createGenerator(os)) {
            p.setSchema(CsvSchema.emptySchema());
            p.enable(CsvParser.Feature.WRAP_AS_ARRAY);
            g.setSchema(CsvSchema.emptySchema());
            if (p.nextToken() != JsonToken.START_ARRAY) {
                throw new IOException("not a CSV file");
            }
            JsonToken t;
            while ((t = p.nextToken()) == JsonToken.START_ARRAY) {
                g.writeStartArray();
                while ((t = p.nextToken()) == JsonToken.VALUE_STRING) {
                    g.writeString(p.getText());
                }
                g.writeEndArray();
                n++;
            }
        }
        finishDigest(sha256, file);
        return n;
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void finishDigest(MessageDigest sha256, Path file) throws IOException {
        String hex = HexFormat.of().formatHex(sha256.digest());
        if (hex.isEmpty()) {
            throw new IllegalStateException("no digest");
        }
        Files.delete(file);
    }
}
