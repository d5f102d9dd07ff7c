package io.pinpointimport.bench;

import com.fasterxml.jackson.annotation.JsonAutoDetect;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.PropertyAccessor;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import io.pinpointimport.format.ImportFormat;
import io.pinpointimport.internal.json.ByteSink;
import io.pinpointimport.internal.json.NdjsonEncoder;
import io.pinpointimport.model.Demographic;
import io.pinpointimport.model.EndpointDefinition;
import io.pinpointimport.model.EndpointUser;
import io.pinpointimport.model.Location;
import io.pinpointimport.shard.Shard;
import io.pinpointimport.shard.ShardWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
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
 * NDJSON serialization of the same records four ways, in the same run: the library's encoder into memory, a bare
 * Jackson {@link JsonGenerator} loop writing the same members (the practical limit), a naive
 * {@code ObjectMapper.writeValueAsString} per record (context), and the public {@link ShardWriter} writing a shard
 * file next to a bare generator writing a file. Scores are records/s; the {@code bytes} counter is bytes/s.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class NdjsonBench {
    private static final byte NEWLINE = '\n';

    private EndpointDefinition[] records;
    private NdjsonEncoder encoder;
    private JsonFactory factory;
    private ObjectMapper naive;
    private Path tmp;

    /** Generates the records and the temp directory once per trial. */
    @Setup(Level.Trial)
    public void setUp() throws IOException {
        records = BenchData.records();
        encoder = new NdjsonEncoder();
        factory = new JsonFactory();
        // What a user without the library would write: serialize the model's fields, Pinpoint's member names.
        naive = new ObjectMapper()
                .setVisibility(PropertyAccessor.ALL, JsonAutoDetect.Visibility.NONE)
                .setVisibility(PropertyAccessor.FIELD, JsonAutoDetect.Visibility.ANY)
                .setPropertyNamingStrategy(PropertyNamingStrategies.UPPER_CAMEL_CASE)
                .setSerializationInclusion(JsonInclude.Include.NON_EMPTY);
        tmp = Files.createTempDirectory("pinpoint-bench-ndjson-");
    }

    /** Removes the temp directory (the writers already deleted their files). */
    @TearDown(Level.Trial)
    public void tearDown() throws IOException {
        Files.deleteIfExists(tmp);
    }

    /**
     * The library's NDJSON encoder, each line handed on as the shard writer does.
     *
     * @param counter bytes produced
     * @return the sink, so nothing is dead code
     */
    @Benchmark
    @OperationsPerInvocation(BenchData.BATCH)
    public long libraryEncoder(ByteCounter counter) {
        CountingSink out = new CountingSink();
        EndpointDefinition[] rs = records;
        for (int i = 0; i < rs.length; i++) {
            encoder.encode(rs[i]);
            ByteSink line = encoder.buffer();
            out.write(line.array(), 0, line.size());
        }
        counter.bytes += out.count;
        return out.count;
    }

    /**
     * The practical limit: one bare generator over the whole batch writing the same members.
     *
     * @param counter bytes produced
     * @return bytes written
     * @throws IOException never (memory)
     */
    @Benchmark
    @OperationsPerInvocation(BenchData.BATCH)
    public long jacksonGenerator(ByteCounter counter) throws IOException {
        CountingSink out = new CountingSink();
        writeBare(out);
        counter.bytes += out.count;
        return out.count;
    }

    /**
     * Naive baseline: {@code ObjectMapper.writeValueAsString} per record, then UTF-8 bytes and a newline.
     *
     * @param counter bytes produced
     * @return bytes written
     * @throws IOException never (memory)
     */
    @Benchmark
    @OperationsPerInvocation(BenchData.BATCH)
    public long naiveObjectMapper(ByteCounter counter) throws IOException {
        CountingSink out = new CountingSink();
        for (EndpointDefinition d : records) {
            byte[] b = naive.writeValueAsString(d).getBytes(StandardCharsets.UTF_8);
            out.write(b, 0, b.length);
            out.write(NEWLINE);
        }
        counter.bytes += out.count;
        return out.count;
    }

    /**
     * The public {@link ShardWriter} writing one NDJSON shard file (with its SHA-256 and CRC32C), then deleting it.
     *
     * @param counter bytes produced
     * @return bytes written
     */
    @Benchmark
    @OperationsPerInvocation(BenchData.BATCH)
    public long shardWriterFile(ByteCounter counter) {
        long bytes = 0;
        try (ShardWriter w =
                ShardWriter.builder().format(ImportFormat.JSON).directory(tmp).build()) {
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
     * The file-level limit: a bare generator writing the same members to a file (no hashing), then deleting it.
     *
     * @param counter bytes produced
     * @return bytes written
     * @throws IOException when the temp file cannot be written
     */
    @Benchmark
    @OperationsPerInvocation(BenchData.BATCH)
    public long jacksonGeneratorFile(ByteCounter counter) throws IOException {
        Path file = tmp.resolve("bare.json");
        try (OutputStream out = Files.newOutputStream(file)) {
            writeBare(out);
        }
        long bytes = Files.size(file);
        Files.delete(file);
        counter.bytes += bytes;
        return bytes;
    }

    private void writeBare(OutputStream out) throws IOException {
        try (JsonGenerator g = factory.createGenerator(out)) {
            g.setRootValueSeparator(null);
            for (EndpointDefinition d : records) {
                g.writeStartObject();
                text(g, "Id", d.id());
                text(g, "ChannelType", d.channelTypeAsString());
                text(g, "Address", d.address());
                text(g, "EndpointStatus", d.endpointStatusAsString());
                text(g, "OptOut", d.optOutAsString());
                text(g, "EffectiveDate", d.effectiveDate());
                text(g, "RequestId", d.requestId());
                Location l = d.location();
                if (l != null) {
                    g.writeObjectFieldStart("Location");
                    text(g, "Country", l.country());
                    text(g, "Region", l.region());
                    text(g, "City", l.city());
                    text(g, "PostalCode", l.postalCode());
                    if (l.latitude() != null) {
                        g.writeNumberField("Latitude", l.latitude());
                    }
                    if (l.longitude() != null) {
                        g.writeNumberField("Longitude", l.longitude());
                    }
                    g.writeEndObject();
                }
                Demographic m = d.demographic();
                if (m != null) {
                    g.writeObjectFieldStart("Demographic");
                    text(g, "Platform", m.platform());
                    text(g, "PlatformVersion", m.platformVersion());
                    text(g, "Make", m.make());
                    text(g, "Model", m.model());
                    text(g, "ModelVersion", m.modelVersion());
                    text(g, "AppVersion", m.appVersion());
                    text(g, "Locale", m.locale());
                    text(g, "Timezone", m.timezone());
                    g.writeEndObject();
                }
                EndpointUser u = d.user();
                if (u != null) {
                    g.writeObjectFieldStart("User");
                    text(g, "UserId", u.userId());
                    multi(g, "UserAttributes", u.userAttributes());
                    g.writeEndObject();
                }
                multi(g, "Attributes", d.attributes());
                if (!d.metrics().isEmpty()) {
                    g.writeObjectFieldStart("Metrics");
                    for (Map.Entry<String, Double> e : d.metrics().entrySet()) {
                        g.writeNumberField(e.getKey(), e.getValue());
                    }
                    g.writeEndObject();
                }
                g.writeEndObject();
                g.writeRaw('\n');
            }
        }
    }

    private static void text(JsonGenerator g, String name, String value) throws IOException {
        if (value != null) {
            g.writeStringField(name, value);
        }
    }

    private static void multi(JsonGenerator g, String name, Map<String, List<String>> map) throws IOException {
        if (map.isEmpty()) {
            return;
        }
        g.writeObjectFieldStart(name);
        for (Map.Entry<String, List<String>> e : map.entrySet()) {
            g.writeArrayFieldStart(e.getKey());
            for (String v : e.getValue()) {
                g.writeString(v);
            }
            g.writeEndArray();
        }
        g.writeEndObject();
    }
}
