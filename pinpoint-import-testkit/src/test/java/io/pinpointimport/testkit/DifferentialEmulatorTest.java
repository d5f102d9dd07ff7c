package io.pinpointimport.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.pinpointimport.EndpointImporter;
import io.pinpointimport.ImportSummary;
import io.pinpointimport.emulator.LocalS3;
import io.pinpointimport.emulator.pinpoint.PinpointEmulator;
import io.pinpointimport.format.ImportFormat;
import io.pinpointimport.model.ChannelType;
import io.pinpointimport.model.Demographic;
import io.pinpointimport.model.EndpointDefinition;
import io.pinpointimport.model.EndpointUser;
import io.pinpointimport.model.Location;
import io.pinpointimport.s3.S3ShardStore;
import io.pinpointimport.validation.EndpointValidator;
import io.pinpointimport.validation.Rejection;
import io.pinpointimport.validation.Rule;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.pinpoint.PinpointAsyncClient;
import software.amazon.awssdk.services.pinpoint.model.EndpointResponse;
import software.amazon.awssdk.services.pinpoint.model.Format;
import software.amazon.awssdk.services.pinpoint.model.ImportJobResponse;
import software.amazon.awssdk.services.pinpoint.model.NotFoundException;
import software.amazon.awssdk.services.s3.S3AsyncClient;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * The validator and the emulator agree on what a record may hold (issue 14): generated records over every member,
 * every channel and the nasty values (every Unicode plane, surrogate pairs, empty strings, the boundaries of every
 * length rule, numbers at the edges, many attributes, long ids) are validated and then imported for real.
 *
 * <ul>
 *   <li>Every record the library accepts is imported through {@link EndpointImporter} (its writer, S3, a job) with no
 *       service failure and reads back equal through GetEndpoint.</li>
 *   <li>Every record the library refuses (by validation, or by the CSV writer) is written raw, bypassing validation,
 *       and imported: the emulator must fail it, or store something different from the input (the value would be
 *       altered, which is why it is refused). Only the rules that {@code docs/validation-rules.md} lists as the
 *       library's own caution ({@link #LIBRARY_ONLY}) may be accepted unchanged by the emulator.</li>
 * </ul>
 *
 * <p>Seeded and reproducible: the seed is in every failure message; run another with
 * {@code -Ddifferential.seed=<n>}. {@value #RECORDS_PER_FORMAT} records per format.
 */
class DifferentialEmulatorTest {
    private static final String ROLE = "arn:aws:iam::123456789012:role/PinpointImport";
    private static final String BUCKET = "differential";
    private static final int RECORDS_PER_FORMAT = 5000;
    private static final long SEED = Long.getLong("differential.seed", 20261206L);
    /** Failure lines per job are capped at 100 by the service, so raw jobs hold at most this many records. */
    private static final int RAW_BATCH = 100;
    /**
     * The rules where the library is stricter than the service, on purpose: the emulator takes such a record
     * unchanged. The same list is in docs/validation-rules.md, column "emulator" ("accepts").
     */
    static final Set<Rule> LIBRARY_ONLY = EnumSet.of(
            Rule.ADDRESS_PHONE_FORMAT, Rule.ADDRESS_EMAIL_FORMAT, Rule.ADDRESS_TOKEN_FORMAT, Rule.NAME_INVALID);

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern FAILURE = Pattern.compile("^s3://[^/]+/(\\S+) line (\\d+): .*");

    static LocalS3 localS3;
    static PinpointEmulator emulator;
    static PinpointAsyncClient pinpoint;
    static S3AsyncClient s3Async;
    static S3Client s3;

    @TempDir
    Path temp;

    @BeforeAll
    static void start() {
        localS3 = LocalS3.start();
        localS3.createBucket(BUCKET);
        emulator = PinpointEmulator.builder().s3(localS3).start();
        pinpoint = emulator.newAsyncClientWithoutRetries();
        s3Async = localS3.newAsyncClient();
        s3 = localS3.newClient();
    }

    @AfterAll
    static void stop() {
        pinpoint.close();
        s3Async.close();
        s3.close();
        emulator.close();
        localS3.close();
    }

    @ParameterizedTest
    @EnumSource(ImportFormat.class)
    void whatTheValidatorAcceptsTheEmulatorImportsUnchangedAndWhatItRefusesTheEmulatorFailsOrAlters(ImportFormat format)
            throws Exception {
        long seed = SEED + format.ordinal();
        String context = "seed " + seed + " (" + format + "; rerun with -Ddifferential.seed=" + SEED + ")";
        List<EndpointDefinition> records = new Generator(seed, format.name().toLowerCase()).list(RECORDS_PER_FORMAT);

        EndpointValidator validator = EndpointValidator.ofDefaults();
        Map<Integer, List<Rejection>> refusedByValidator = new TreeMap<>();
        for (int i = 0; i < records.size(); i++) {
            List<Rejection> rs = validator.validate(i, records.get(i));
            if (!rs.isEmpty()) {
                refusedByValidator.put(i, rs);
            }
        }
        // The generator must really exercise both sides.
        assertThat(refusedByValidator.size()).as(context).isBetween(RECORDS_PER_FORMAT / 20, RECORDS_PER_FORMAT / 2);

        String acceptedApp = emulator.createApp("differential-" + format);
        ImportSummary summary = importThroughTheLibrary(format, records, acceptedApp);
        assertThat(summary.jobErrors()).as(context).isEmpty();
        assertThat(summary.jobsFailed()).as(context).isZero();
        assertThat(summary.serviceFailed())
                .as("rows the service failed, " + context + ": "
                        + summary.results().stream()
                                .flatMap(r -> r.failures().stream())
                                .limit(10)
                                .toList())
                .isZero();
        Map<Integer, List<Rejection>> refused = new TreeMap<>();
        for (Rejection r : summary.rejections()) {
            refused.computeIfAbsent((int) r.recordIndex(), k -> new ArrayList<>())
                    .add(r);
        }
        assertThat(summary.rejectionsOmitted()).isZero();
        for (Map.Entry<Integer, List<Rejection>> e : refused.entrySet()) {
            if (!refusedByValidator.containsKey(e.getKey())) {
                // only the CSV writer may refuse more: a line break or a tab, which a CSV cell cannot carry
                assertThat(format)
                        .as("record %d refused by the writer, %s", e.getKey(), context)
                        .isEqualTo(ImportFormat.CSV);
                assertThat(e.getValue())
                        .extracting(Rejection::rule)
                        .as("%s", context)
                        .containsOnly(Rule.CSV_UNWRITABLE_VALUE);
            }
        }
        assertThat(refused.keySet()).as(context).containsAll(refusedByValidator.keySet());

        List<Integer> accepted = new ArrayList<>();
        for (int i = 0; i < records.size(); i++) {
            if (!refused.containsKey(i)) {
                accepted.add(i);
            }
        }
        Map<Integer, EndpointResponse> landed = readBack(acceptedApp, records, accepted);
        List<String> disagreements = new ArrayList<>();
        for (int i : accepted) {
            EndpointResponse got = landed.get(i);
            Map<String, Object> want = canonical(records.get(i));
            if (got == null) {
                disagreements.add("accepted record " + i + " did not land: " + records.get(i));
            } else if (!want.equals(canonical(got, want))) {
                disagreements.add(
                        "accepted record " + i + " landed changed: wanted " + want + ", got " + canonical(got, want));
            }
        }
        assertThat(disagreements).as(context).isEmpty();

        String rawApp = emulator.createApp("differential-raw-" + format);
        Map<Integer, String> failures = importRaw(format, records, refused.keySet(), rawApp);
        Map<Integer, EndpointResponse> rawLanded = readBack(
                rawApp,
                records,
                refused.keySet().stream().filter(i -> !failures.containsKey(i)).toList());
        for (Map.Entry<Integer, List<Rejection>> e : refused.entrySet()) {
            int i = e.getKey();
            if (failures.containsKey(i)) {
                continue;
            }
            EndpointResponse got = rawLanded.get(i);
            Map<String, Object> want = canonical(records.get(i));
            boolean altered = got == null || !want.equals(canonical(got, want));
            boolean libraryOnly = e.getValue().stream().allMatch(r -> LIBRARY_ONLY.contains(r.rule()));
            if (!altered && !libraryOnly) {
                disagreements.add("refused record " + i + " ("
                        + e.getValue().stream()
                                .map(r -> r.rule().id() + " " + r.field().orElse(""))
                                .toList() + ") was imported unchanged by the emulator: "
                        + records.get(i));
            }
        }
        assertThat(disagreements).as(context).isEmpty();
        // Both kinds of refusal happened, so the check above had something to check.
        assertThat(failures).as(context).isNotEmpty();
    }

    @Test
    void theLibraryOnlyRulesAreTheOnesTheRulesPageSaysTheEmulatorAccepts() throws IOException {
        Path page = Path.of(System.getProperty("user.dir")).getParent().resolve("docs/validation-rules.md");
        Set<String> accepts = new TreeSet<>();
        Set<String> listed = new TreeSet<>();
        Pattern row = Pattern.compile("^\\| `([a-z.-]+)` \\|.*\\| ([^|]+) \\|\\s*$");
        for (String line : Files.readAllLines(page, StandardCharsets.UTF_8)) {
            Matcher m = row.matcher(line);
            if (m.matches()) {
                listed.add(m.group(1));
                if (m.group(2).trim().startsWith("accepts")) {
                    accepts.add(m.group(1));
                }
            }
        }
        Set<String> ids = new TreeSet<>();
        for (Rule r : Rule.values()) {
            ids.add(r.id());
        }
        assertThat(listed)
                .as("every rule id has a row in docs/validation-rules.md")
                .containsAll(ids);
        assertThat(accepts)
                .containsExactlyInAnyOrderElementsOf(
                        LIBRARY_ONLY.stream().map(Rule::id).toList());
    }

    private ImportSummary importThroughTheLibrary(ImportFormat format, List<EndpointDefinition> records, String app)
            throws Exception {
        try (EndpointImporter importer = EndpointImporter.builder()
                .pinpoint(pinpoint)
                .applicationId(app)
                .roleArn(ROLE)
                .shardStore(S3ShardStore.builder()
                        .s3(s3Async)
                        .bucket(BUCKET)
                        .prefix("lib-" + format + "/")
                        .build())
                .format(format)
                .jobOptions(o -> o.registerEndpoints(true))
                .tempDirectory(temp)
                .polling(p -> p.earlyInterval(Duration.ofMillis(10))
                        .minInterval(Duration.ofMillis(10))
                        .maxInterval(Duration.ofMillis(50)))
                .build()) {
            return importer.importEndpoints(records).summary().get(120, TimeUnit.SECONDS);
        }
    }

    private static Map<Integer, EndpointResponse> readBack(
            String app, List<EndpointDefinition> records, Collection<Integer> indexes) {
        Map<Integer, CompletableFuture<EndpointResponse>> pending = new LinkedHashMap<>();
        for (int i : indexes) {
            String id = records.get(i).id();
            if (id == null || id.isBlank() || id.contains("$") || id.contains("{") || id.contains("}")) {
                continue;
            }
            pending.put(
                    i,
                    pinpoint.getEndpoint(b -> b.applicationId(app).endpointId(id))
                            .thenApply(r -> r.endpointResponse())
                            .exceptionally(e -> {
                                if (e.getCause() instanceof NotFoundException) {
                                    return null;
                                }
                                throw new IllegalStateException(e);
                            }));
        }
        Map<Integer, EndpointResponse> landed = new HashMap<>();
        pending.forEach((i, f) -> {
            EndpointResponse r = f.join();
            if (r != null) {
                landed.put(i, r);
            }
        });
        return landed;
    }

    /**
     * Imports the refused records raw (no validation, a writer of the test's own that writes every member as it is)
     * and returns the failure line of each record the emulator failed, by record index.
     */
    private static Map<Integer, String> importRaw(
            ImportFormat format, List<EndpointDefinition> records, Set<Integer> indexes, String app) {
        Map<Integer, String> failed = new HashMap<>();
        List<Integer> all = new ArrayList<>(indexes);
        for (int from = 0; from < all.size(); from += RAW_BATCH) {
            List<Integer> batch = all.subList(from, Math.min(all.size(), from + RAW_BATCH));
            String prefix = "raw-" + format + "/" + from + "/";
            Map<String, Integer> byKeyAndLine = new HashMap<>();
            if (format == ImportFormat.CSV) {
                // one file per record: a header problem fails every row of its file
                for (int i : batch) {
                    String key = prefix + "r-" + i + ".csv";
                    put(key, RawCsv.file(records.get(i)));
                    byKeyAndLine.put(key + " 2", i);
                }
            } else {
                StringBuilder lines = new StringBuilder();
                int line = 0;
                for (int i : batch) {
                    lines.append(RawJson.line(records.get(i))).append('\n');
                    byKeyAndLine.put(prefix + "batch.json " + (++line), i);
                }
                put(prefix + "batch.json", lines.toString());
            }
            ImportJobResponse job =
                    runJob(app, format == ImportFormat.CSV ? Format.CSV : Format.JSON, "s3://" + BUCKET + "/" + prefix);
            assertThat(job.failures().size()).isEqualTo(job.totalFailures());
            for (String failure : job.failures()) {
                Matcher m = FAILURE.matcher(failure);
                assertThat(m.matches()).as("failure line %s", failure).isTrue();
                Integer i = byKeyAndLine.get(m.group(1) + " " + m.group(2));
                assertThat(i).as("failure line %s names a record", failure).isNotNull();
                failed.put(i, failure);
            }
        }
        return failed;
    }

    private static void put(String key, String text) {
        s3.putObject(b -> b.bucket(BUCKET).key(key), RequestBody.fromString(text, StandardCharsets.UTF_8));
    }

    private static ImportJobResponse runJob(String app, Format format, String s3Url) {
        String jobId = pinpoint.createImportJob(r -> r.applicationId(app)
                        .importJobRequest(
                                j -> j.format(format).s3Url(s3Url).roleArn(ROLE).registerEndpoints(true)))
                .join()
                .importJobResponse()
                .id();
        return pinpoint.getImportJob(r -> r.applicationId(app).jobId(jobId))
                .join()
                .importJobResponse();
    }

    // --- comparing what went in with what came back -------------------------------------------------------------

    /** The members an import sets, by wire path; absent members are left out, numbers as doubles. */
    static Map<String, Object> canonical(EndpointDefinition d) {
        Map<String, Object> m = new TreeMap<>();
        putIf(m, "Address", d.address());
        putIf(m, "ChannelType", d.channelTypeAsString());
        putIf(m, "OptOut", d.optOutAsString());
        putIf(m, "RequestId", d.requestId());
        Location l = d.location();
        if (l != null) {
            putIf(m, "Location.Country", l.country());
            putIf(m, "Location.Region", l.region());
            putIf(m, "Location.City", l.city());
            putIf(m, "Location.PostalCode", l.postalCode());
            putIf(m, "Location.Latitude", l.latitude());
            putIf(m, "Location.Longitude", l.longitude());
        }
        Demographic g = d.demographic();
        if (g != null) {
            putIf(m, "Demographic.AppVersion", g.appVersion());
            putIf(m, "Demographic.Locale", g.locale());
            putIf(m, "Demographic.Make", g.make());
            putIf(m, "Demographic.Model", g.model());
            putIf(m, "Demographic.ModelVersion", g.modelVersion());
            putIf(m, "Demographic.Platform", g.platform());
            putIf(m, "Demographic.PlatformVersion", g.platformVersion());
            putIf(m, "Demographic.Timezone", g.timezone());
        }
        d.attributes().forEach((k, v) -> m.put("Attributes." + k, List.copyOf(v)));
        d.metrics().forEach((k, v) -> m.put("Metrics." + k, v));
        EndpointUser u = d.user();
        if (u != null) {
            putIf(m, "User.UserId", u.userId());
            u.userAttributes().forEach((k, v) -> m.put("User.UserAttributes." + k, List.copyOf(v)));
        }
        return m;
    }

    /** The same view of a stored endpoint; OptOut only when the input set it (the service defaults it). */
    static Map<String, Object> canonical(EndpointResponse e, Map<String, Object> input) {
        Map<String, Object> m = new TreeMap<>();
        putIf(m, "Address", e.address());
        putIf(m, "ChannelType", e.channelTypeAsString());
        if (input.containsKey("OptOut")) {
            putIf(m, "OptOut", e.optOut());
        }
        putIf(m, "RequestId", e.requestId());
        if (e.location() != null) {
            putIf(m, "Location.Country", e.location().country());
            putIf(m, "Location.Region", e.location().region());
            putIf(m, "Location.City", e.location().city());
            putIf(m, "Location.PostalCode", e.location().postalCode());
            putIf(m, "Location.Latitude", e.location().latitude());
            putIf(m, "Location.Longitude", e.location().longitude());
        }
        if (e.demographic() != null) {
            putIf(m, "Demographic.AppVersion", e.demographic().appVersion());
            putIf(m, "Demographic.Locale", e.demographic().locale());
            putIf(m, "Demographic.Make", e.demographic().make());
            putIf(m, "Demographic.Model", e.demographic().model());
            putIf(m, "Demographic.ModelVersion", e.demographic().modelVersion());
            putIf(m, "Demographic.Platform", e.demographic().platform());
            putIf(m, "Demographic.PlatformVersion", e.demographic().platformVersion());
            putIf(m, "Demographic.Timezone", e.demographic().timezone());
        }
        if (e.hasAttributes()) {
            e.attributes().forEach((k, v) -> m.put("Attributes." + k, List.copyOf(v)));
        }
        if (e.hasMetrics()) {
            e.metrics().forEach((k, v) -> m.put("Metrics." + k, v));
        }
        if (e.user() != null) {
            putIf(m, "User.UserId", e.user().userId());
            if (e.user().hasUserAttributes()) {
                e.user().userAttributes().forEach((k, v) -> m.put("User.UserAttributes." + k, List.copyOf(v)));
            }
        }
        return m;
    }

    private static void putIf(Map<String, Object> m, String key, Object value) {
        if (value != null) {
            m.put(key, value);
        }
    }

    // --- raw writers: every member as it is, no validation ------------------------------------------------------

    /** A one-record CSV file: header and row, RFC 4180 quoting, nothing refused, nothing left out. */
    static final class RawCsv {
        static String file(EndpointDefinition d) {
            List<String> header = new ArrayList<>();
            List<String> row = new ArrayList<>();
            Map<String, Object> c = new LinkedHashMap<>(canonical(d));
            if (d.id() != null) {
                header.add("Id");
                row.add(d.id());
            }
            if (d.endpointStatusAsString() != null) {
                c.put("EndpointStatus", d.endpointStatusAsString());
            }
            if (d.effectiveDate() != null) {
                c.put("EffectiveDate", d.effectiveDate());
            }
            c.forEach((name, value) -> {
                if (value instanceof List<?> values) {
                    for (Object v : values) {
                        header.add(name);
                        row.add((String) v);
                    }
                } else {
                    header.add(name);
                    row.add(value instanceof Double n ? Double.toString(n) : (String) value);
                }
            });
            return line(header) + "\n" + line(row) + "\n";
        }

        private static String line(List<String> cells) {
            StringBuilder sb = new StringBuilder();
            for (String cell : cells) {
                if (sb.length() > 0) {
                    sb.append(',');
                }
                boolean quote = cell.isEmpty()
                        || cell.contains(",")
                        || cell.contains("\"")
                        || cell.startsWith(" ")
                        || cell.endsWith(" ")
                        || cell.contains("\n")
                        || cell.contains("\r");
                sb.append(quote ? "\"" + cell.replace("\"", "\"\"") + "\"" : cell);
            }
            return sb.toString();
        }
    }

    /** One NDJSON line with every member as it is (a number that is not finite becomes Jackson's text form). */
    static final class RawJson {
        static String line(EndpointDefinition d) {
            ObjectNode o = JSON.createObjectNode();
            if (d.id() != null) {
                o.put("Id", d.id());
            }
            if (d.endpointStatusAsString() != null) {
                o.put("EndpointStatus", d.endpointStatusAsString());
            }
            if (d.effectiveDate() != null) {
                o.put("EffectiveDate", d.effectiveDate());
            }
            canonical(d).forEach((path, value) -> {
                String[] parts = path.split("\\.", 2);
                ObjectNode target = o;
                String name = path;
                if (parts.length == 2 && !path.startsWith("Address") && !path.startsWith("ChannelType")) {
                    if (parts[0].equals("User") && parts[1].startsWith("UserAttributes.")) {
                        target = o.withObjectProperty("User").withObjectProperty("UserAttributes");
                        name = parts[1].substring("UserAttributes.".length());
                    } else {
                        target = o.withObjectProperty(parts[0]);
                        name = parts[1];
                    }
                }
                if (value instanceof List<?> values) {
                    ArrayNode a = target.putArray(name);
                    values.forEach(v -> a.add((String) v));
                } else if (value instanceof Double n) {
                    target.put(name, n);
                } else {
                    target.put(name, (String) value);
                }
            });
            return o.toString();
        }
    }

    // --- the generator ------------------------------------------------------------------------------------------

    /** Records over every member and channel with the nasty values; mostly valid, a share broken on purpose. */
    static final class Generator {
        private static final String EMOJI = "\uD83D\uDE00"; // U+1F600, two UTF-16 units
        private static final String[] PLANES = {
            "plain",
            "Ünïcödé",
            "名前",
            "日本語のテキスト",
            "\uD840\uDC0B", // U+2000B, plane 2
            "\uD83C\uDF89 party",
            "\uDB40\uDC41", // U+E0041, plane 14 (a tag character)
            "\uDB80\uDC00", // U+F0000, plane 15 (private use)
            "mixed 😀 名 ü",
            " leading space",
            "trailing space ",
            "comma, inside",
            "quote \" inside",
            "ﷺ",
            "עברית",
            "\u200Bzero-width",
            "x".repeat(100),
            EMOJI.repeat(50),
            "é".repeat(100)
        };
        private static final String[] NAMES = {
            "tier",
            "a",
            "Interests",
            "名前",
            "n".repeat(50),
            EMOJI.repeat(25),
            "with space",
            "ü-x_y",
            "😀x",
            "N123",
            "z".repeat(49) + "é"
        };
        private static final String[] BAD_NAMES = {
            "n".repeat(51), EMOJI.repeat(26), "a.b", "comma,name", " lead", "trail ", "", "x\u0001y"
        };
        private static final double[] NUMBERS = {
            0.0,
            -0.0,
            1.0,
            -1.5,
            1.0 / 3,
            Double.MIN_VALUE,
            -Double.MIN_VALUE,
            Double.MAX_VALUE,
            -Double.MAX_VALUE,
            1e-300,
            123456789012345678.0,
            4.9e-324,
            1e21,
            1e-7
        };
        private static final ChannelType[] CHANNELS = Arrays.stream(ChannelType.values())
                .filter(c -> c != ChannelType.UNKNOWN_TO_LIBRARY)
                .toArray(ChannelType[]::new);

        private final SplittableRandom random;
        private final String tag;

        Generator(long seed, String tag) {
            this.random = new SplittableRandom(seed);
            this.tag = tag;
        }

        List<EndpointDefinition> list(int n) {
            List<EndpointDefinition> out = new ArrayList<>(n);
            for (int i = 0; i < n; i++) {
                out.add(next(i));
            }
            return out;
        }

        private boolean chance(double p) {
            return random.nextDouble() < p;
        }

        private String pick(String[] values) {
            return values[random.nextInt(values.length)];
        }

        /** Nasty but valid text, now and then empty or too long or with a break or a tab. */
        private String text(boolean allowBroken) {
            if (allowBroken && chance(0.01)) {
                return "";
            }
            if (allowBroken && chance(0.004)) {
                return "line\nbreak";
            }
            if (allowBroken && chance(0.004)) {
                return "tab\there";
            }
            return pick(PLANES);
        }

        private EndpointDefinition next(int i) {
            EndpointDefinition.Builder b = EndpointDefinition.builder();
            String id = tag + "-" + i;
            if (chance(0.05)) {
                id = id + "-" + "long".repeat(40);
            } else if (chance(0.03)) {
                id = id + "-名前😀";
            } else if (chance(0.005)) {
                id = id + "$bad";
            } else if (chance(0.003)) {
                id = " ";
            }
            b.id(id);
            ChannelType channel = CHANNELS[random.nextInt(CHANNELS.length)];
            if (chance(0.003)) {
                b.channelType("PAGER");
            } else {
                b.channelType(channel);
            }
            b.address(address(channel, i));
            if (chance(0.3)) {
                b.optOut(chance(0.5) ? "ALL" : chance(0.98) ? "NONE" : "SOMETIMES");
            }
            if (chance(0.2)) {
                b.requestId(text(true));
            }
            if (chance(0.004)) {
                b.endpointStatus(chance(0.5) ? "ACTIVE" : "INACTIVE");
            }
            if (chance(0.004)) {
                b.effectiveDate("2026-11-29T10:15:30.123Z");
            }
            if (chance(0.5)) {
                Location.Builder l = Location.builder();
                if (chance(0.5)) {
                    l.country(chance(0.5) ? "US" : text(true));
                }
                if (chance(0.3)) {
                    l.region(text(true));
                }
                if (chance(0.3)) {
                    l.city(text(true));
                }
                if (chance(0.3)) {
                    l.postalCode(text(true));
                }
                if (chance(0.6)) {
                    l.latitude(coordinate(90));
                }
                if (chance(0.6)) {
                    l.longitude(coordinate(180));
                }
                b.location(l.build());
            }
            if (chance(0.5)) {
                Demographic.Builder g = Demographic.builder();
                if (chance(0.5)) {
                    g.platform(text(true));
                }
                if (chance(0.3)) {
                    g.platformVersion(text(true));
                }
                if (chance(0.3)) {
                    g.make(text(true));
                }
                if (chance(0.3)) {
                    g.model(text(true));
                }
                if (chance(0.2)) {
                    g.modelVersion(text(true));
                }
                if (chance(0.2)) {
                    g.appVersion(text(true));
                }
                if (chance(0.3)) {
                    g.locale(chance(0.5) ? "en_US" : text(true));
                }
                if (chance(0.3)) {
                    g.timezone(chance(0.5) ? "America/Los_Angeles" : text(true));
                }
                b.demographic(g.build());
            }
            b.attributes(multiMap());
            if (chance(0.5)) {
                Map<String, Double> metrics = new LinkedHashMap<>();
                int n = 1 + random.nextInt(4);
                for (int k = 0; k < n; k++) {
                    double v = chance(0.005)
                            ? (chance(0.5) ? Double.NaN : Double.POSITIVE_INFINITY)
                            : NUMBERS[random.nextInt(NUMBERS.length)];
                    metrics.put(name(), v);
                }
                b.metrics(metrics);
            }
            if (chance(0.6)) {
                EndpointUser.Builder u = EndpointUser.builder();
                // one user per record: the service keeps user attributes per user, shared by its endpoints
                u.userId(chance(0.005) ? "" : chance(0.2) ? "用户-" + tag + "-" + i + EMOJI : "user-" + tag + "-" + i);
                u.userAttributes(multiMap());
                b.user(u.build());
            }
            if (chance(0.002)) {
                // past the 15 KB per endpoint: 4 attributes of 50 values of 100 characters
                Map<String, List<String>> big = new LinkedHashMap<>();
                for (int k = 0; k < 4; k++) {
                    List<String> values = new ArrayList<>();
                    for (int v = 0; v < 50; v++) {
                        values.add(String.format("%03d", v) + "x".repeat(97));
                    }
                    big.put(NAMES[k], values);
                }
                b.attributes(big);
            }
            return b.build();
        }

        private double coordinate(double limit) {
            double r = random.nextDouble();
            if (r < 0.1) {
                return limit;
            } else if (r < 0.2) {
                return -limit;
            } else if (r < 0.25) {
                return -0.0;
            } else if (r < 0.3) {
                return Double.MIN_VALUE;
            } else if (r < 0.31) {
                return Math.nextUp(limit); // just out of range
            } else if (r < 0.312) {
                return Double.NaN;
            }
            return (random.nextDouble() * 2 - 1) * limit;
        }

        private String name() {
            return chance(0.01) ? pick(BAD_NAMES) : pick(NAMES);
        }

        private Map<String, List<String>> multiMap() {
            if (!chance(0.5)) {
                return Map.of();
            }
            Map<String, List<String>> map = new LinkedHashMap<>();
            int n = 1 + random.nextInt(3);
            for (int k = 0; k < n; k++) {
                String name = name();
                int count = chance(0.01) ? 50 : chance(0.005) ? 51 : chance(0.003) ? 0 : 1 + random.nextInt(3);
                List<String> values = new ArrayList<>();
                for (int v = 0; v < count; v++) {
                    values.add(value());
                }
                map.put(name, values);
            }
            return map;
        }

        private String value() {
            double r = random.nextDouble();
            if (r < 0.01) {
                return EMOJI.repeat(51); // 102 UTF-16 units, 51 code points
            } else if (r < 0.015) {
                return "x".repeat(101);
            } else if (r < 0.02) {
                return EMOJI.repeat(50) + "";
            }
            return text(true);
        }

        private String address(ChannelType channel, int i) {
            boolean broken = chance(0.01);
            return switch (channel) {
                case SMS, VOICE -> broken ? "+1 206 555 0100" : "+1206555" + String.format("%04d", i % 10000);
                case EMAIL ->
                    broken ? "not-an-email" : chance(0.2) ? "ü名-" + i + "@example.com" : "user" + i + "@example.com";
                case CUSTOM, IN_APP -> broken ? "" : text(false) + "-" + i;
                default -> broken ? "token with space" : "tok" + Integer.toHexString(i) + "a".repeat(60);
            };
        }
    }
}
