package io.pinpointimport.format.internal;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import io.pinpointimport.internal.Collections2;
import io.pinpointimport.internal.SafeText;
import io.pinpointimport.internal.json.Json;
import io.pinpointimport.model.Demographic;
import io.pinpointimport.model.EndpointDefinition;
import io.pinpointimport.model.EndpointUser;
import io.pinpointimport.model.Location;
import io.pinpointimport.validation.Rule;
import java.io.IOException;
import java.util.AbstractMap;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Decodes one line of newline-delimited JSON. Each line gets its own parser, so that a broken line cannot derail the
 * next. Strict about types (a string member must be a string, a metric a number) and members (anything the service
 * does not accept in an import file is {@link Rule#UNKNOWN_FIELD}); {@code null} means absent. Unknown enum text
 * (such as a channel type) is kept as it is: validation judges it. Messages never quote the line's content, not even
 * Jackson's, which would. No promises: internal.
 */
public final class NdjsonDecoder extends LineDecoder {
    /**
     * @param source the file name rejections name, or {@code null}
     */
    public NdjsonDecoder(String source) {
        super(source);
    }

    @Override
    public int decode(byte[] bytes, int length, long line, long recordIndex) {
        if (isBlank(bytes, length)) {
            return SKIPPED;
        }
        try (JsonParser p = Json.FACTORY.createParser(bytes, 0, length)) {
            if (p.nextToken() != JsonToken.START_OBJECT) {
                return reject(
                        line,
                        recordIndex,
                        0,
                        null,
                        Rule.MALFORMED_INPUT,
                        "the line is not a JSON object; each line must hold one endpoint as {...}");
            }
            EndpointDefinition d = endpoint(p);
            if (p.nextToken() != null) {
                return reject(
                        line,
                        recordIndex,
                        0,
                        null,
                        Rule.MALFORMED_INPUT,
                        "the line holds more than one JSON value; each line must hold exactly one endpoint");
            }
            return accept(d);
        } catch (Bad b) {
            return reject(line, recordIndex, 0, b.field, b.rule, b.getMessage());
        } catch (JsonProcessingException e) {
            long at = e.getLocation() == null ? -1 : e.getLocation().getByteOffset();
            return reject(
                    line,
                    recordIndex,
                    0,
                    null,
                    Rule.MALFORMED_INPUT,
                    "the line is not valid JSON" + (at >= 0 ? " (near byte " + (at + 1) + ")" : "")
                            + " or not valid UTF-8");
        } catch (IOException e) {
            return reject(line, recordIndex, 0, null, Rule.MALFORMED_INPUT, "the line could not be parsed as JSON");
        }
    }

    private static boolean isBlank(byte[] b, int len) {
        for (int i = 0; i < len; i++) {
            byte c = b[i];
            if (c != ' ' && c != '\t' && c != '\r') {
                return false;
            }
        }
        return true;
    }

    private static EndpointDefinition endpoint(JsonParser p) throws IOException {
        EndpointDefinition.Builder b = EndpointDefinition.builder();
        int seen = 0;
        String name;
        while ((name = p.nextFieldName()) != null) {
            JsonToken t = p.nextToken();
            int bit;
            switch (name) {
                case "Id" -> {
                    bit = 1;
                    b.id(string(p, t, name));
                }
                case "ChannelType" -> {
                    bit = 1 << 1;
                    b.channelType(string(p, t, name));
                }
                case "Address" -> {
                    bit = 1 << 2;
                    b.address(string(p, t, name));
                }
                case "EndpointStatus" -> {
                    bit = 1 << 3;
                    b.endpointStatus(string(p, t, name));
                }
                case "OptOut" -> {
                    bit = 1 << 4;
                    b.optOut(string(p, t, name));
                }
                case "EffectiveDate" -> {
                    bit = 1 << 5;
                    b.effectiveDate(string(p, t, name));
                }
                case "RequestId" -> {
                    bit = 1 << 6;
                    b.requestId(string(p, t, name));
                }
                case "Location" -> {
                    bit = 1 << 7;
                    if (object(t, name)) {
                        b.location(location(p));
                    }
                }
                case "Demographic" -> {
                    bit = 1 << 8;
                    if (object(t, name)) {
                        b.demographic(demographic(p));
                    }
                }
                case "User" -> {
                    bit = 1 << 9;
                    if (object(t, name)) {
                        b.user(user(p));
                    }
                }
                case "Attributes" -> {
                    bit = 1 << 10;
                    if (object(t, name)) {
                        b.attributes(multi(p, name));
                    }
                }
                case "Metrics" -> {
                    bit = 1 << 11;
                    if (object(t, name)) {
                        b.metrics(metrics(p));
                    }
                }
                default -> throw unknown(name);
            }
            if ((seen & bit) != 0) {
                throw duplicate(name);
            }
            seen |= bit;
        }
        return b.build();
    }

    private static Location location(JsonParser p) throws IOException {
        Location.Builder b = Location.builder();
        int seen = 0;
        String name;
        while ((name = p.nextFieldName()) != null) {
            JsonToken t = p.nextToken();
            int bit;
            switch (name) {
                case "Country" -> {
                    bit = 1;
                    b.country(string(p, t, "Location.Country"));
                }
                case "Region" -> {
                    bit = 1 << 1;
                    b.region(string(p, t, "Location.Region"));
                }
                case "City" -> {
                    bit = 1 << 2;
                    b.city(string(p, t, "Location.City"));
                }
                case "PostalCode" -> {
                    bit = 1 << 3;
                    b.postalCode(string(p, t, "Location.PostalCode"));
                }
                case "Latitude" -> {
                    bit = 1 << 4;
                    b.latitude(number(p, t, "Location.Latitude"));
                }
                case "Longitude" -> {
                    bit = 1 << 5;
                    b.longitude(number(p, t, "Location.Longitude"));
                }
                default -> throw unknown("Location." + name);
            }
            if ((seen & bit) != 0) {
                throw duplicate("Location." + name);
            }
            seen |= bit;
        }
        return b.build();
    }

    private static Demographic demographic(JsonParser p) throws IOException {
        Demographic.Builder b = Demographic.builder();
        int seen = 0;
        String name;
        while ((name = p.nextFieldName()) != null) {
            JsonToken t = p.nextToken();
            String path = "Demographic." + name;
            int bit;
            switch (name) {
                case "Platform" -> {
                    bit = 1;
                    b.platform(string(p, t, path));
                }
                case "PlatformVersion" -> {
                    bit = 1 << 1;
                    b.platformVersion(string(p, t, path));
                }
                case "Make" -> {
                    bit = 1 << 2;
                    b.make(string(p, t, path));
                }
                case "Model" -> {
                    bit = 1 << 3;
                    b.model(string(p, t, path));
                }
                case "ModelVersion" -> {
                    bit = 1 << 4;
                    b.modelVersion(string(p, t, path));
                }
                case "AppVersion" -> {
                    bit = 1 << 5;
                    b.appVersion(string(p, t, path));
                }
                case "Locale" -> {
                    bit = 1 << 6;
                    b.locale(string(p, t, path));
                }
                case "Timezone" -> {
                    bit = 1 << 7;
                    b.timezone(string(p, t, path));
                }
                default -> throw unknown(path);
            }
            if ((seen & bit) != 0) {
                throw duplicate(path);
            }
            seen |= bit;
        }
        return b.build();
    }

    private static EndpointUser user(JsonParser p) throws IOException {
        EndpointUser.Builder b = EndpointUser.builder();
        int seen = 0;
        String name;
        while ((name = p.nextFieldName()) != null) {
            JsonToken t = p.nextToken();
            int bit;
            switch (name) {
                case "UserId" -> {
                    bit = 1;
                    b.userId(string(p, t, "User.UserId"));
                }
                case "UserAttributes" -> {
                    bit = 1 << 1;
                    if (object(t, "User.UserAttributes")) {
                        b.userAttributes(multi(p, "User.UserAttributes"));
                    }
                }
                default -> throw unknown("User." + name);
            }
            if ((seen & bit) != 0) {
                throw duplicate("User." + name);
            }
            seen |= bit;
        }
        return b.build();
    }

    private static Map<String, List<String>> multi(JsonParser p, String path) throws IOException {
        Members<List<String>> members = new Members<>();
        String name;
        while ((name = p.nextFieldName()) != null) {
            JsonToken t = p.nextToken();
            if (!members.first(name)) {
                throw duplicate(path + "." + name);
            }
            if (t == JsonToken.VALUE_NULL) {
                continue;
            }
            if (t != JsonToken.START_ARRAY) {
                throw wrongType(path + "." + name, "an array of strings");
            }
            List<String> values = new ArrayList<>(4);
            JsonToken v;
            while ((v = p.nextToken()) != JsonToken.END_ARRAY) {
                if (v != JsonToken.VALUE_STRING) {
                    throw wrongType(path + "." + name + "[" + values.size() + "]", "a string");
                }
                values.add(p.getText());
            }
            members.put(name, Collections.unmodifiableList(values));
        }
        return members.freeze();
    }

    private static Map<String, Double> metrics(JsonParser p) throws IOException {
        Members<Double> members = new Members<>();
        String name;
        while ((name = p.nextFieldName()) != null) {
            JsonToken t = p.nextToken();
            if (!members.first(name)) {
                throw duplicate("Metrics." + name);
            }
            Double value = number(p, t, "Metrics." + name);
            if (value != null) {
                members.put(name, value);
            }
        }
        return members.freeze();
    }

    /**
     * The members of one JSON object of custom names, in their order, made into the definition's frozen map without
     * a map per object. Every name counts for duplicates, a null one too (it leaves no entry, so null-then-value is a
     * duplicate as well): compared one by one while there are few, through a hash set beyond.
     */
    private static final class Members<V> {
        private static final int COMPARED = 8;

        private String[] names = new String[COMPARED];
        private int nameCount;
        private Set<String> manyNames;
        private Map.Entry<String, V>[] entries = Collections2.newEntries(COMPARED);
        private int entryCount;

        /** @return whether this is the first time the object names {@code name} */
        boolean first(String name) {
            if (manyNames != null) {
                return manyNames.add(name);
            }
            for (int i = 0; i < nameCount; i++) {
                if (names[i].equals(name)) {
                    return false;
                }
            }
            if (nameCount == names.length) {
                manyNames = new HashSet<>(Arrays.asList(names));
                manyNames.add(name);
                return true;
            }
            names[nameCount++] = name;
            return true;
        }

        void put(String name, V value) {
            if (entryCount == entries.length) {
                entries = Arrays.copyOf(entries, entryCount * 2);
            }
            entries[entryCount++] = new AbstractMap.SimpleImmutableEntry<>(name, value);
        }

        Map<String, V> freeze() {
            return Collections2.freezeEntries(entries, entryCount);
        }
    }

    private static String string(JsonParser p, JsonToken t, String path) throws IOException {
        if (t == JsonToken.VALUE_STRING) {
            return p.getText();
        }
        if (t == JsonToken.VALUE_NULL) {
            return null;
        }
        throw wrongType(path, "a string");
    }

    private static Double number(JsonParser p, JsonToken t, String path) throws IOException {
        if (t == JsonToken.VALUE_NUMBER_FLOAT || t == JsonToken.VALUE_NUMBER_INT) {
            return p.getDoubleValue();
        }
        if (t == JsonToken.VALUE_NULL) {
            return null;
        }
        throw wrongType(path, "a number");
    }

    private static boolean object(JsonToken t, String path) {
        if (t == JsonToken.START_OBJECT) {
            return true;
        }
        if (t == JsonToken.VALUE_NULL) {
            return false;
        }
        throw wrongType(path, "an object");
    }

    private static Bad unknown(String path) {
        return new Bad(
                Rule.UNKNOWN_FIELD,
                SafeText.field(path),
                "the member " + SafeText.name(path) + " is not one the service accepts in an import file (see the"
                        + " EndpointBatchItem schema; custom data goes under Attributes, Metrics or"
                        + " User.UserAttributes)");
    }

    private static Bad duplicate(String path) {
        String shown = SafeText.escape(path);
        return new Bad(Rule.MALFORMED_INPUT, shown, shown + " appears more than once in the same object");
    }

    private static Bad wrongType(String path, String expected) {
        String shown = SafeText.escape(path);
        return new Bad(Rule.WRONG_TYPE, shown, shown + " must be " + expected);
    }

    /** Ends the decoding of one line. Rare, so an exception is fine; no stack trace, it is not a bug. */
    private static final class Bad extends RuntimeException {
        private static final long serialVersionUID = 1L;
        private final transient Rule rule;
        private final String field;

        Bad(Rule rule, String field, String message) {
            super(message, null, false, false);
            this.rule = rule;
            this.field = field;
        }
    }
}
