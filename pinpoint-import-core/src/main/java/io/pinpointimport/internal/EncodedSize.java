package io.pinpointimport.internal;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import io.pinpointimport.model.Demographic;
import io.pinpointimport.model.EndpointDefinition;
import io.pinpointimport.model.EndpointUser;
import io.pinpointimport.model.Location;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;

/**
 * Measures an endpoint definition as the service receives it: the compact JSON object of one NDJSON line, in UTF-8
 * bytes, without the line end. No promises: internal.
 *
 * <p>Kept apart on purpose: once the NDJSON writer exists, both should share one encoder so that the size checked
 * is the size written. Until then this streams the same members, with Jackson's default escaping, into a counter.
 */
public final class EncodedSize {
    // Thread-safe once built; holds no per-call state.
    private static final JsonFactory JSON = JsonFactory.builder().build();

    private EncodedSize() {
    }

    /**
     * Counts the bytes of the definition's compact JSON encoding.
     *
     * @param definition the definition
     * @return its size in UTF-8 bytes, without a line end
     */
    public static long jsonBytes(EndpointDefinition definition) {
        CountingOutputStream out = new CountingOutputStream();
        try (JsonGenerator g = JSON.createGenerator(out, JsonEncoding.UTF8)) {
            write(g, definition);
        } catch (IOException e) {
            // A counter never fails; this would be a bug in the generator.
            throw new UncheckedIOException(e);
        }
        return out.count;
    }

    private static void write(JsonGenerator g, EndpointDefinition d) throws IOException {
        g.writeStartObject();
        string(g, "Id", d.id());
        string(g, "ChannelType", d.channelTypeAsString());
        string(g, "Address", d.address());
        string(g, "EndpointStatus", d.endpointStatusAsString());
        string(g, "OptOut", d.optOutAsString());
        string(g, "EffectiveDate", d.effectiveDate());
        string(g, "RequestId", d.requestId());
        Location l = d.location();
        if (l != null) {
            g.writeObjectFieldStart("Location");
            string(g, "City", l.city());
            string(g, "Country", l.country());
            number(g, "Latitude", l.latitude());
            number(g, "Longitude", l.longitude());
            string(g, "PostalCode", l.postalCode());
            string(g, "Region", l.region());
            g.writeEndObject();
        }
        Demographic m = d.demographic();
        if (m != null) {
            g.writeObjectFieldStart("Demographic");
            string(g, "AppVersion", m.appVersion());
            string(g, "Locale", m.locale());
            string(g, "Make", m.make());
            string(g, "Model", m.model());
            string(g, "ModelVersion", m.modelVersion());
            string(g, "Platform", m.platform());
            string(g, "PlatformVersion", m.platformVersion());
            string(g, "Timezone", m.timezone());
            g.writeEndObject();
        }
        EndpointUser u = d.user();
        if (u != null) {
            g.writeObjectFieldStart("User");
            string(g, "UserId", u.userId());
            multiMap(g, "UserAttributes", u.userAttributes());
            g.writeEndObject();
        }
        multiMap(g, "Attributes", d.attributes());
        if (!d.metrics().isEmpty()) {
            g.writeObjectFieldStart("Metrics");
            for (Map.Entry<String, Double> e : d.metrics().entrySet()) {
                number(g, e.getKey(), e.getValue());
            }
            g.writeEndObject();
        }
        g.writeEndObject();
    }

    private static void string(JsonGenerator g, String name, String value) throws IOException {
        if (value != null) {
            g.writeStringField(name, value);
        }
    }

    private static void number(JsonGenerator g, String name, Double value) throws IOException {
        if (value != null) {
            g.writeNumberField(name, value.doubleValue());
        }
    }

    private static void multiMap(JsonGenerator g, String name, Map<String, List<String>> map) throws IOException {
        if (map.isEmpty()) {
            return;
        }
        g.writeObjectFieldStart(name);
        for (Map.Entry<String, List<String>> e : map.entrySet()) {
            g.writeArrayFieldStart(e.getKey());
            for (String value : e.getValue()) {
                g.writeString(value);
            }
            g.writeEndArray();
        }
        g.writeEndObject();
    }

    private static final class CountingOutputStream extends OutputStream {
        private long count;

        @Override
        public void write(int b) {
            count++;
        }

        @Override
        public void write(byte[] b, int off, int len) {
            count += len;
        }
    }
}
