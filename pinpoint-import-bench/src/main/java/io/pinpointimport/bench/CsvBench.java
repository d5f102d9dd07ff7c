package io.pinpointimport.bench;

import com.fasterxml.jackson.dataformat.csv.CsvFactory;
import com.fasterxml.jackson.dataformat.csv.CsvGenerator;
import com.fasterxml.jackson.dataformat.csv.CsvSchema;
import io.pinpointimport.format.ImportFormat;
import io.pinpointimport.model.Demographic;
import io.pinpointimport.model.EndpointDefinition;
import io.pinpointimport.model.EndpointUser;
import io.pinpointimport.model.Location;
import io.pinpointimport.shard.Shard;
import io.pinpointimport.shard.ShardWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * CSV serialization of the same records to a file, in the same run: the public {@link ShardWriter} (which learns the
 * header while writing: rows go to a body file, and the header and final rows are written when the shard closes)
 * against Jackson's {@link CsvGenerator} with a fixed schema computed beforehand from the data (the CSV limit: it
 * needs the columns up front). Both write the same header (fixed members in canonical order, then
 * {@code Attributes.*}, {@code Metrics.*}, {@code User.UserAttributes.*} by name, a multi-valued attribute repeating
 * its column). Scores are records/s; the {@code bytes} counter is bytes/s.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class CsvBench {
    private static final String[] FIXED = {
        "Id",
        "ChannelType",
        "Address",
        "EndpointStatus",
        "OptOut",
        "EffectiveDate",
        "RequestId",
        "Location.Country",
        "Location.Region",
        "Location.City",
        "Location.PostalCode",
        "Location.Latitude",
        "Location.Longitude",
        "Demographic.Platform",
        "Demographic.PlatformVersion",
        "Demographic.Make",
        "Demographic.Model",
        "Demographic.ModelVersion",
        "Demographic.AppVersion",
        "Demographic.Locale",
        "Demographic.Timezone",
        "User.UserId"
    };

    private EndpointDefinition[] records;
    private CsvFactory factory;
    private CsvSchema schema;
    private String[] attributeNames;
    private int[] attributeRepeats;
    private String[] metricNames;
    private String[] userAttributeNames;
    private int[] userAttributeRepeats;
    private Path tmp;

    /** Generates the records, the fixed schema and the temp directory once per trial. */
    @Setup(Level.Trial)
    public void setUp() throws IOException {
        records = BenchData.records();
        factory = new CsvFactory();
        TreeMap<String, Integer> attributes = new TreeMap<>();
        TreeMap<String, Integer> metrics = new TreeMap<>();
        TreeMap<String, Integer> userAttributes = new TreeMap<>();
        for (EndpointDefinition d : records) {
            repeats(attributes, d.attributes());
            for (String name : d.metrics().keySet()) {
                metrics.put(name, 1);
            }
            if (d.user() != null) {
                repeats(userAttributes, d.user().userAttributes());
            }
        }
        CsvSchema.Builder b = CsvSchema.builder();
        for (String c : FIXED) {
            b.addColumn(c);
        }
        addRepeated(b, "Attributes.", attributes);
        addRepeated(b, "Metrics.", metrics);
        addRepeated(b, "User.UserAttributes.", userAttributes);
        schema = b.setUseHeader(true).build();
        attributeNames = attributes.keySet().toArray(new String[0]);
        attributeRepeats =
                attributes.values().stream().mapToInt(Integer::intValue).toArray();
        metricNames = metrics.keySet().toArray(new String[0]);
        userAttributeNames = userAttributes.keySet().toArray(new String[0]);
        userAttributeRepeats =
                userAttributes.values().stream().mapToInt(Integer::intValue).toArray();
        tmp = Files.createTempDirectory("pinpoint-bench-csv-");
    }

    private static void repeats(Map<String, Integer> into, Map<String, List<String>> map) {
        for (Map.Entry<String, List<String>> e : map.entrySet()) {
            into.merge(e.getKey(), e.getValue().size(), Math::max);
        }
    }

    private static void addRepeated(CsvSchema.Builder b, String prefix, Map<String, Integer> columns) {
        for (Map.Entry<String, Integer> e : columns.entrySet()) {
            for (int i = 0; i < e.getValue(); i++) {
                // Jackson wants unique column names: repeats get a '#n' suffix (a few header bytes more).
                b.addColumn(prefix + e.getKey() + (i == 0 ? "" : "#" + i));
            }
        }
    }

    /** Removes the temp directory (the writers already deleted their files). */
    @TearDown(Level.Trial)
    public void tearDown() throws IOException {
        Files.deleteIfExists(tmp);
    }

    /**
     * The public {@link ShardWriter} writing one CSV shard file (with its SHA-256 and CRC32C), then deleting it.
     *
     * @param counter bytes produced
     * @return bytes written
     */
    @Benchmark
    @OperationsPerInvocation(BenchData.BATCH)
    public long shardWriterFile(ByteCounter counter) {
        long bytes = 0;
        try (ShardWriter w =
                ShardWriter.builder().format(ImportFormat.CSV).directory(tmp).build()) {
            EndpointDefinition[] rs = records;
            for (int i = 0; i < rs.length; i++) {
                w.write(i, rs[i]);
            }
            w.finish();
            for (Shard s : w.shards()) {
                bytes += s.byteCount();
            }
        }
        counter.bytes += bytes;
        return bytes;
    }

    /**
     * The CSV limit: Jackson's {@link CsvGenerator} with the fixed schema, writing a file, then deleting it.
     *
     * @param counter bytes produced
     * @return bytes written
     * @throws IOException when the temp file cannot be written
     */
    @Benchmark
    @OperationsPerInvocation(BenchData.BATCH)
    public long jacksonCsvGeneratorFile(ByteCounter counter) throws IOException {
        Path file = tmp.resolve("bare.csv");
        try (OutputStream out = Files.newOutputStream(file);
                CsvGenerator g = factory.createGenerator(out)) {
            g.setSchema(schema);
            for (EndpointDefinition d : records) {
                g.writeStartArray();
                text(g, d.id());
                text(g, d.channelTypeAsString());
                text(g, d.address());
                text(g, d.endpointStatusAsString());
                text(g, d.optOutAsString());
                text(g, d.effectiveDate());
                text(g, d.requestId());
                Location l = d.location();
                if (l != null) {
                    text(g, l.country());
                    text(g, l.region());
                    text(g, l.city());
                    text(g, l.postalCode());
                    number(g, l.latitude());
                    number(g, l.longitude());
                } else {
                    empty(g, 6);
                }
                Demographic m = d.demographic();
                if (m != null) {
                    text(g, m.platform());
                    text(g, m.platformVersion());
                    text(g, m.make());
                    text(g, m.model());
                    text(g, m.modelVersion());
                    text(g, m.appVersion());
                    text(g, m.locale());
                    text(g, m.timezone());
                } else {
                    empty(g, 8);
                }
                EndpointUser u = d.user();
                text(g, u == null ? null : u.userId());
                multi(g, attributeNames, attributeRepeats, d.attributes());
                Map<String, Double> metrics = d.metrics();
                for (String name : metricNames) {
                    number(g, metrics.get(name));
                }
                multi(g, userAttributeNames, userAttributeRepeats, u == null ? Map.of() : u.userAttributes());
                g.writeEndArray();
            }
        }
        long bytes = Files.size(file);
        Files.delete(file);
        counter.bytes += bytes;
        return bytes;
    }

    private static void text(CsvGenerator g, String value) throws IOException {
        if (value == null) {
            g.writeNull();
        } else {
            g.writeString(value);
        }
    }

    private static void number(CsvGenerator g, Double value) throws IOException {
        if (value == null) {
            g.writeNull();
        } else {
            g.writeNumber(value);
        }
    }

    private static void empty(CsvGenerator g, int n) throws IOException {
        for (int i = 0; i < n; i++) {
            g.writeNull();
        }
    }

    private static void multi(CsvGenerator g, String[] names, int[] repeats, Map<String, List<String>> map)
            throws IOException {
        for (int c = 0; c < names.length; c++) {
            List<String> values = map.get(names[c]);
            int n = values == null ? 0 : values.size();
            for (int i = 0; i < repeats[c]; i++) {
                if (i < n) {
                    g.writeString(values.get(i));
                } else {
                    g.writeNull();
                }
            }
        }
    }
}
