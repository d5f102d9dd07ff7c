package io.pinpointimport.internal.json;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.SerializableString;
import com.fasterxml.jackson.core.io.SerializedString;
import io.pinpointimport.model.Demographic;
import io.pinpointimport.model.EndpointDefinition;
import io.pinpointimport.model.EndpointUser;
import io.pinpointimport.model.Location;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;

/**
 * Encodes one endpoint definition as one line of newline-delimited JSON, into a reusable buffer. An instance is
 * cheap to call per record (no allocation beyond what the definition's own strings need) and not thread-safe: keep
 * one per thread. No promises: internal.
 *
 * <p>Members come in the canonical order of {@link Field}, then {@code User} ({@code UserId},
 * {@code UserAttributes}), {@code Attributes} and {@code Metrics}; custom names in the definition's own order. Absent
 * members are omitted, attributes are arrays of strings, numbers are written by {@link Numbers#format(double)}.
 */
public final class NdjsonEncoder {
    private static final SerializableString ID = name("Id");
    private static final SerializableString CHANNEL_TYPE = name("ChannelType");
    private static final SerializableString ADDRESS = name("Address");
    private static final SerializableString OPT_OUT = name("OptOut");
    private static final SerializableString REQUEST_ID = name("RequestId");
    private static final SerializableString LOCATION = name("Location");
    private static final SerializableString COUNTRY = name("Country");
    private static final SerializableString REGION = name("Region");
    private static final SerializableString CITY = name("City");
    private static final SerializableString POSTAL_CODE = name("PostalCode");
    private static final SerializableString LATITUDE = name("Latitude");
    private static final SerializableString LONGITUDE = name("Longitude");
    private static final SerializableString DEMOGRAPHIC = name("Demographic");
    private static final SerializableString PLATFORM = name("Platform");
    private static final SerializableString PLATFORM_VERSION = name("PlatformVersion");
    private static final SerializableString MAKE = name("Make");
    private static final SerializableString MODEL = name("Model");
    private static final SerializableString MODEL_VERSION = name("ModelVersion");
    private static final SerializableString APP_VERSION = name("AppVersion");
    private static final SerializableString LOCALE = name("Locale");
    private static final SerializableString TIMEZONE = name("Timezone");
    private static final SerializableString USER = name("User");
    private static final SerializableString USER_ID = name("UserId");
    private static final SerializableString USER_ATTRIBUTES = name("UserAttributes");
    private static final SerializableString ATTRIBUTES = name("Attributes");
    private static final SerializableString METRICS = name("Metrics");

    private final ByteSink sink = new ByteSink(1024);
    private JsonGenerator gen;

    /** Creates an encoder with its own buffer. */
    public NdjsonEncoder() {
        this.gen = newGenerator();
    }

    private JsonGenerator newGenerator() {
        JsonGenerator g;
        try {
            g = Json.FACTORY.createGenerator(sink);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        // Each record is its own root value; the writer puts the newline itself.
        g.setRootValueSeparator(null);
        return g;
    }

    private static SerializableString name(String s) {
        return new SerializedString(s);
    }

    /**
     * The size in bytes of a definition's JSON object (UTF-8, without the line's newline), as the shard writer would
     * write it. For the service's 15 KB rule. Allocates an encoder per call: hold an {@link NdjsonEncoder} and use
     * {@link #encodedSize(EndpointDefinition)} when calling per record.
     *
     * @param definition the definition
     * @return its encoded size, or -1 when it holds a number that is not finite (JSON cannot carry it)
     */
    public static long jsonBytes(EndpointDefinition definition) {
        return new NdjsonEncoder().encodedSize(definition);
    }

    /**
     * An upper bound on {@link #encodedSize}, from the lengths of the definition's strings alone: no encoding, no
     * allocation. Each UTF-16 code unit becomes at most 6 bytes (a control character or a lone surrogate is written
     * as a {@code \\uXXXX} escape; anything else takes 1 to 3 bytes), each member adds at most its name, quotes,
     * colon and comma, and a number at most {@link #MAX_NUMBER_BYTES} (or {@link #MAX_COMMON_NUMBER_BYTES} for the
     * usual magnitudes). Lets the 15 KB rule encode only the records that may pass it.
     *
     * @param d the definition
     * @return a number of bytes the encoding never exceeds
     */
    public static long maxEncodedSize(EndpointDefinition d) {
        long n = 2
                + text(d.id())
                + text(d.channelTypeAsString())
                + text(d.address())
                + text(d.optOutAsString())
                + text(d.requestId());
        Location l = d.location();
        if (l != null) {
            n += MAX_MEMBER_BYTES
                    + text(l.country())
                    + text(l.region())
                    + text(l.city())
                    + text(l.postalCode())
                    + number(l.latitude())
                    + number(l.longitude());
        }
        Demographic m = d.demographic();
        if (m != null) {
            n += MAX_MEMBER_BYTES
                    + text(m.platform())
                    + text(m.platformVersion())
                    + text(m.make())
                    + text(m.model())
                    + text(m.modelVersion())
                    + text(m.appVersion())
                    + text(m.locale())
                    + text(m.timezone());
        }
        EndpointUser u = d.user();
        if (u != null) {
            n += MAX_MEMBER_BYTES + text(u.userId()) + multi(u.userAttributes());
        }
        n += multi(d.attributes());
        Map<String, Double> metrics = d.metrics();
        if (!metrics.isEmpty()) {
            n += MAX_MEMBER_BYTES;
            for (Map.Entry<String, Double> e : metrics.entrySet()) {
                n += 6L * e.getKey().length() + 4 + number(e.getValue());
            }
        }
        return n;
    }

    /** A fixed member's name (15 characters at most), its quotes, colon and comma, an object's braces: 24 bytes. */
    private static final int MAX_MEMBER_BYTES = 24;
    /**
     * The longest number {@link Numbers#format} writes: minus, then 4.9E-324 in plain notation ({@code 0.}, 323
     * zeros, {@code 49}) is 328 bytes; {@code -1.7976931348623157E308} plain is 312.
     */
    static final int MAX_NUMBER_BYTES = 330;
    /**
     * The longest number for zero and magnitudes from 10^-3 to 10^16 (at most 17 significant digits, plain): minus,
     * {@code 0.00}, 17 digits is 22 bytes; minus, 16 digits, {@code .}, one digit is 19.
     */
    static final int MAX_COMMON_NUMBER_BYTES = 24;

    private static long text(String s) {
        return s == null ? 0 : MAX_MEMBER_BYTES + 6L * s.length();
    }

    private static long number(Double value) {
        if (value == null) {
            return 0;
        }
        double a = Math.abs(value);
        return MAX_MEMBER_BYTES + (a == 0 || (a >= 1e-3 && a < 1e16) ? MAX_COMMON_NUMBER_BYTES : MAX_NUMBER_BYTES);
    }

    private static long multi(Map<String, List<String>> map) {
        if (map.isEmpty()) {
            return 0;
        }
        long n = MAX_MEMBER_BYTES;
        for (Map.Entry<String, List<String>> e : map.entrySet()) {
            // "name":[...], then "value", per value
            n += 6L * e.getKey().length() + 6;
            List<String> values = e.getValue();
            for (int i = 0, size = values.size(); i < size; i++) {
                n += 6L * values.get(i).length() + 3;
            }
        }
        return n;
    }

    /**
     * The size in bytes of a definition's JSON object, without the newline. Reuses this encoder's buffer.
     *
     * @param definition the definition
     * @return its encoded size, or -1 when it holds a number that is not finite
     */
    public long encodedSize(EndpointDefinition definition) {
        if (!encodeFinite(definition)) {
            return -1;
        }
        return sink.size() - 1L;
    }

    /**
     * Encodes a definition as one line, newline included, into {@link #buffer()}.
     *
     * @param definition the definition
     * @return {@code true} when encoded; {@code false}, with an empty buffer, when it holds a number that is not
     *         finite (JSON cannot carry it; the format's {@code Unwritable} says which)
     */
    public boolean encode(EndpointDefinition definition) {
        return encodeFinite(definition);
    }

    /** Empties the buffer, so that a record refused before encoding leaves nothing behind either. */
    public void clear() {
        sink.reset();
    }

    /** @return the last encoded line: bytes {@code [0, buffer().size())} */
    public ByteSink buffer() {
        return sink;
    }

    /**
     * Encodes the definition, checking each number as it comes rather than in a pass of its own. When one is not
     * finite the half-written object is dropped with its generator (rare; a fresh one is cheap) and the buffer
     * emptied, so a refused record leaves nothing behind.
     */
    private boolean encodeFinite(EndpointDefinition d) {
        if (encodeUnchecked(d)) {
            return true;
        }
        gen = newGenerator();
        sink.reset();
        return false;
    }

    private boolean encodeUnchecked(EndpointDefinition d) {
        sink.reset();
        try {
            JsonGenerator g = gen;
            g.writeStartObject();
            text(g, ID, d.id());
            text(g, CHANNEL_TYPE, d.channelTypeAsString());
            text(g, ADDRESS, d.address());
            text(g, OPT_OUT, d.optOutAsString());
            text(g, REQUEST_ID, d.requestId());
            Location l = d.location();
            if (l != null) {
                g.writeFieldName(LOCATION);
                g.writeStartObject();
                text(g, COUNTRY, l.country());
                text(g, REGION, l.region());
                text(g, CITY, l.city());
                text(g, POSTAL_CODE, l.postalCode());
                if (!number(g, LATITUDE, l.latitude()) || !number(g, LONGITUDE, l.longitude())) {
                    return false;
                }
                g.writeEndObject();
            }
            Demographic m = d.demographic();
            if (m != null) {
                g.writeFieldName(DEMOGRAPHIC);
                g.writeStartObject();
                text(g, PLATFORM, m.platform());
                text(g, PLATFORM_VERSION, m.platformVersion());
                text(g, MAKE, m.make());
                text(g, MODEL, m.model());
                text(g, MODEL_VERSION, m.modelVersion());
                text(g, APP_VERSION, m.appVersion());
                text(g, LOCALE, m.locale());
                text(g, TIMEZONE, m.timezone());
                g.writeEndObject();
            }
            EndpointUser u = d.user();
            if (u != null) {
                g.writeFieldName(USER);
                g.writeStartObject();
                text(g, USER_ID, u.userId());
                multi(g, USER_ATTRIBUTES, u.userAttributes());
                g.writeEndObject();
            }
            multi(g, ATTRIBUTES, d.attributes());
            Map<String, Double> metrics = d.metrics();
            if (!metrics.isEmpty()) {
                g.writeFieldName(METRICS);
                g.writeStartObject();
                for (Map.Entry<String, Double> e : metrics.entrySet()) {
                    double value = e.getValue();
                    if (!Double.isFinite(value)) {
                        return false;
                    }
                    g.writeFieldName(e.getKey());
                    g.writeNumber(Numbers.format(value));
                }
                g.writeEndObject();
            }
            g.writeEndObject();
            g.flush();
        } catch (IOException e) {
            // Only a bug can get here: the target is memory and every value was checked.
            throw new UncheckedIOException(e);
        }
        sink.write('\n');
        return true;
    }

    private static void text(JsonGenerator g, SerializableString name, String value) throws IOException {
        if (value != null) {
            g.writeFieldName(name);
            g.writeString(value);
        }
    }

    /** Writes the member if present; {@code false} (nothing written) when the number is not finite. */
    private static boolean number(JsonGenerator g, SerializableString name, Double value) throws IOException {
        if (value != null) {
            if (!Double.isFinite(value)) {
                return false;
            }
            g.writeFieldName(name);
            g.writeNumber(Numbers.format(value));
        }
        return true;
    }

    private static void multi(JsonGenerator g, SerializableString name, Map<String, List<String>> map)
            throws IOException {
        if (map.isEmpty()) {
            return;
        }
        g.writeFieldName(name);
        g.writeStartObject();
        for (Map.Entry<String, List<String>> e : map.entrySet()) {
            g.writeFieldName(e.getKey());
            List<String> values = e.getValue();
            int n = values.size();
            g.writeStartArray(values, n);
            for (int i = 0; i < n; i++) {
                g.writeString(values.get(i));
            }
            g.writeEndArray();
        }
        g.writeEndObject();
    }
}
