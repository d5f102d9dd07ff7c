package io.pinpointimport.emulator.pinpoint.internal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Turns one import row (a CSV record under its header, or one NDJSON line) into the JSON shape of an
 * {@code EndpointBatchItem}, and checks the per-row rules of the import documentation. Problems come back as
 * short reasons that name the field and the rule, never the value (values are personal data).
 */
public final class RowDecoder {

    /** The 13 channel types of the model. */
    public static final Set<String> CHANNEL_TYPES = Set.of(
            "PUSH",
            "GCM",
            "APNS",
            "APNS_SANDBOX",
            "APNS_VOIP",
            "APNS_VOIP_SANDBOX",
            "ADM",
            "SMS",
            "VOICE",
            "EMAIL",
            "BAIDU",
            "CUSTOM",
            "IN_APP");
    /**
     * Longest custom attribute or metric name: {@value}, in UTF-16 code units (a character outside the Basic
     * Multilingual Plane counts as 2), the stricter reading of the documentation's "characters".
     */
    public static final int MAX_NAME_LENGTH = 50;
    /** Longest attribute value: {@value}, in UTF-16 code units like {@link #MAX_NAME_LENGTH}. */
    public static final int MAX_VALUE_LENGTH = 100;
    /** Most values of one attribute: {@value}. */
    public static final int MAX_VALUES = 50;

    // EndpointStatus and EffectiveDate are not here: the user guide says imports do not support them (its attribute
    // table lists EffectiveDate all the same; the reference's open question 8). Refusing them is the reading that can
    // never lose a value without a word.
    private static final Set<String> TOP_STRINGS = Set.of("Address", "ChannelType", "Id", "OptOut", "RequestId");
    private static final Set<String> DEMOGRAPHIC =
            Set.of("AppVersion", "Locale", "Make", "Model", "ModelVersion", "Platform", "PlatformVersion", "Timezone");
    private static final Set<String> LOCATION_STRINGS = Set.of("City", "Country", "PostalCode", "Region");
    private static final Set<String> LOCATION_NUMBERS = Set.of("Latitude", "Longitude");

    /**
     * A decoded row: either an item or the reason it failed.
     *
     * @param item the endpoint item, or {@code null}
     * @param problem the reason, or {@code null}
     */
    public record Decoded(ObjectNode item, String problem) {
        static Decoded failed(String problem) {
            return new Decoded(null, problem);
        }
    }

    /**
     * The JSON twin of the CSV rule that an empty cell means absent: an empty string (or an attribute without values)
     * cannot mean absent in JSON, and an import that kept it in one format and dropped it in the other would change
     * data by format, so the row fails (an assumption: the service's documentation is silent, question 17).
     */
    static final String EMPTY_VALUE = "empty value: leave the member out";

    private enum Kind {
        TOP,
        USER_ID,
        DEMOGRAPHIC,
        LOCATION,
        ATTRIBUTE,
        METRIC,
        USER_ATTRIBUTE
    }

    private record Column(Kind kind, String name) {}

    /**
     * A parsed CSV header.
     */
    public static final class CsvHeader {
        private final List<Column> columns;
        private final String problem;

        private CsvHeader(List<Column> columns, String problem) {
            this.columns = columns;
            this.problem = problem;
        }

        /** @return what is wrong with the header (every row of the file then fails), or {@code null} */
        public String problem() {
            return problem;
        }

        /** @return the number of columns */
        public int size() {
            return columns.size();
        }
    }

    private final ObjectMapper mapper;

    /** @param mapper the mapper used for NDJSON lines and new nodes */
    public RowDecoder(ObjectMapper mapper) {
        this.mapper = mapper;
    }

    /**
     * @param names the header cells
     * @return the header, with its problem if any
     */
    public CsvHeader header(List<String> names) {
        List<Column> columns = new ArrayList<>();
        Set<String> singles = new HashSet<>();
        String problem = null;
        int known = 0;
        for (String name : names) {
            Column column = column(name);
            if (column != null) {
                known++;
            }
            if (column == null) {
                problem = problem != null ? problem : "unknown column " + shown(name) + " in the header";
                columns.add(new Column(Kind.TOP, name));
                continue;
            }
            boolean repeatable = column.kind == Kind.ATTRIBUTE || column.kind == Kind.USER_ATTRIBUTE;
            if (!repeatable && !singles.add(name)) {
                problem = problem != null ? problem : "column " + shown(name) + " appears more than once in the header";
            }
            columns.add(column);
        }
        if (columns.isEmpty()) {
            problem = "empty header";
        } else if (known == 0) {
            // A data row where the header belongs: its cells are values (addresses, ids), so none is quoted.
            problem = "none of the " + columns.size() + " columns of the first line is one the import takes"
                    + " (is the header line missing?)";
        }
        return new CsvHeader(columns, problem);
    }

    private static Column column(String name) {
        if (TOP_STRINGS.contains(name)) {
            return new Column(Kind.TOP, name);
        }
        if (name.equals("User.UserId")) {
            return new Column(Kind.USER_ID, "UserId");
        }
        String[][] prefixes = {
            {"Demographic.", "DEMOGRAPHIC"},
            {"Location.", "LOCATION"},
            {"Attributes.", "ATTRIBUTE"},
            {"Metrics.", "METRIC"},
            {"User.UserAttributes.", "USER_ATTRIBUTE"}
        };
        for (String[] prefix : prefixes) {
            if (name.startsWith(prefix[0]) && name.length() > prefix[0].length()) {
                String rest = name.substring(prefix[0].length());
                Kind kind = Kind.valueOf(prefix[1]);
                if (kind == Kind.DEMOGRAPHIC && !DEMOGRAPHIC.contains(rest)) {
                    return null;
                }
                if (kind == Kind.LOCATION && !LOCATION_STRINGS.contains(rest) && !LOCATION_NUMBERS.contains(rest)) {
                    return null;
                }
                return new Column(kind, rest);
            }
        }
        return null;
    }

    /**
     * @param header the file's header
     * @param cells the record's cells
     * @return the item, or why the row fails
     */
    public Decoded csvRow(CsvHeader header, List<String> cells) {
        if (header.problem != null) {
            return Decoded.failed(header.problem);
        }
        if (cells.size() != header.columns.size()) {
            return Decoded.failed("expected " + header.columns.size() + " values, found " + cells.size());
        }
        ObjectNode item = mapper.createObjectNode();
        for (int i = 0; i < cells.size(); i++) {
            String cell = cells.get(i);
            if (cell.isEmpty()) {
                continue; // an empty cell means the attribute is absent
            }
            Column column = header.columns.get(i);
            switch (column.kind) {
                case TOP -> item.put(column.name, cell);
                case USER_ID -> item.withObjectProperty("User").put("UserId", cell);
                case DEMOGRAPHIC -> item.withObjectProperty("Demographic").put(column.name, cell);
                case LOCATION -> {
                    if (LOCATION_NUMBERS.contains(column.name)) {
                        Double number = parseDouble(cell);
                        if (number == null) {
                            return Decoded.failed("Location." + column.name + " is not a number");
                        }
                        item.withObjectProperty("Location").put(column.name, number);
                    } else {
                        item.withObjectProperty("Location").put(column.name, cell);
                    }
                }
                case ATTRIBUTE ->
                    item.withObjectProperty("Attributes")
                            .withArrayProperty(column.name)
                            .add(cell);
                case USER_ATTRIBUTE ->
                    item.withObjectProperty("User")
                            .withObjectProperty("UserAttributes")
                            .withArrayProperty(column.name)
                            .add(cell);
                case METRIC -> {
                    Double number = parseDouble(cell);
                    if (number == null) {
                        return Decoded.failed("Metrics." + column.name + " is not a number");
                    }
                    item.withObjectProperty("Metrics").put(column.name, number);
                }
                default -> throw new IllegalStateException(column.kind.name());
            }
        }
        String problem = check(item);
        return problem == null ? new Decoded(item, null) : Decoded.failed(problem);
    }

    /**
     * @param line one line of an NDJSON file (not blank)
     * @return the item, or why the row fails
     */
    public Decoded jsonLine(String line) {
        JsonNode node;
        try {
            node = mapper.readTree(line);
        } catch (JsonProcessingException e) {
            return Decoded.failed("not valid JSON");
        }
        if (node == null || !node.isObject()) {
            return Decoded.failed("not a JSON object");
        }
        ObjectNode item = mapper.createObjectNode();
        Iterator<Map.Entry<String, JsonNode>> fields = node.properties().iterator();
        while (fields.hasNext()) {
            Map.Entry<String, JsonNode> field = fields.next();
            String name = field.getKey();
            JsonNode value = field.getValue();
            if (value.isNull()) {
                continue;
            }
            String problem;
            if (TOP_STRINGS.contains(name)) {
                problem = !value.isTextual()
                        ? name + " must be a string"
                        : value.textValue().isEmpty() ? EMPTY_VALUE + " (" + name + ")" : null;
                if (problem == null) {
                    item.put(name, value.textValue());
                }
            } else {
                switch (name) {
                    case "Attributes" -> problem = copyListMap(value, "Attributes", item.putObject("Attributes"));
                    case "Metrics" -> problem = copyMetrics(value, item.putObject("Metrics"));
                    case "Demographic" ->
                        problem =
                                copyStrings(value, "Demographic", DEMOGRAPHIC, Set.of(), item.putObject("Demographic"));
                    case "Location" ->
                        problem = copyStrings(
                                value, "Location", LOCATION_STRINGS, LOCATION_NUMBERS, item.putObject("Location"));
                    case "User" -> problem = copyUser(value, item.putObject("User"));
                    default -> problem = "unknown attribute " + shown(name);
                }
            }
            if (problem != null) {
                return Decoded.failed(problem);
            }
        }
        String problem = check(item);
        return problem == null ? new Decoded(item, null) : Decoded.failed(problem);
    }

    private static String copyListMap(JsonNode value, String where, ObjectNode target) {
        if (!value.isObject()) {
            return where + " must be an object";
        }
        Iterator<Map.Entry<String, JsonNode>> entries = value.properties().iterator();
        while (entries.hasNext()) {
            Map.Entry<String, JsonNode> entry = entries.next();
            JsonNode list = entry.getValue();
            if (list.isNull()) {
                continue;
            }
            if (!list.isArray()) {
                return where + " values must be arrays of strings";
            }
            if (list.isEmpty()) {
                return where + " has an attribute without values";
            }
            ArrayNode copy = target.putArray(entry.getKey());
            for (JsonNode element : list) {
                if (!element.isTextual()) {
                    return where + " values must be arrays of strings";
                }
                if (element.textValue().isEmpty()) {
                    return EMPTY_VALUE + " (" + where + ")";
                }
                copy.add(element.textValue());
            }
        }
        return null;
    }

    private static String copyMetrics(JsonNode value, ObjectNode target) {
        if (!value.isObject()) {
            return "Metrics must be an object";
        }
        Iterator<Map.Entry<String, JsonNode>> entries = value.properties().iterator();
        while (entries.hasNext()) {
            Map.Entry<String, JsonNode> entry = entries.next();
            if (entry.getValue().isNull()) {
                continue;
            }
            if (!entry.getValue().isNumber()) {
                return "Metrics values must be numbers";
            }
            target.put(entry.getKey(), entry.getValue().doubleValue());
        }
        return null;
    }

    private static String copyStrings(
            JsonNode value, String where, Set<String> strings, Set<String> numbers, ObjectNode target) {
        if (!value.isObject()) {
            return where + " must be an object";
        }
        Iterator<Map.Entry<String, JsonNode>> entries = value.properties().iterator();
        while (entries.hasNext()) {
            Map.Entry<String, JsonNode> entry = entries.next();
            String name = entry.getKey();
            JsonNode v = entry.getValue();
            if (v.isNull()) {
                continue;
            }
            if (strings.contains(name)) {
                if (!v.isTextual()) {
                    return where + "." + name + " must be a string";
                }
                if (v.textValue().isEmpty()) {
                    return EMPTY_VALUE + " (" + where + "." + name + ")";
                }
                target.put(name, v.textValue());
            } else if (numbers.contains(name)) {
                if (!v.isNumber()) {
                    return where + "." + name + " must be a number";
                }
                target.put(name, v.doubleValue());
            } else {
                return "unknown attribute " + shown(where + "." + name);
            }
        }
        return null;
    }

    private static String copyUser(JsonNode value, ObjectNode target) {
        if (!value.isObject()) {
            return "User must be an object";
        }
        Iterator<Map.Entry<String, JsonNode>> entries = value.properties().iterator();
        while (entries.hasNext()) {
            Map.Entry<String, JsonNode> entry = entries.next();
            JsonNode v = entry.getValue();
            if (v.isNull()) {
                continue;
            }
            switch (entry.getKey()) {
                case "UserId" -> {
                    if (!v.isTextual()) {
                        return "User.UserId must be a string";
                    }
                    if (v.textValue().isEmpty()) {
                        return EMPTY_VALUE + " (User.UserId)";
                    }
                    target.put("UserId", v.textValue());
                }
                case "UserAttributes" -> {
                    String problem = copyListMap(v, "User.UserAttributes", target.putObject("UserAttributes"));
                    if (problem != null) {
                        return problem;
                    }
                }
                default -> {
                    return "unknown attribute " + shown("User." + entry.getKey());
                }
            }
        }
        return null;
    }

    /**
     * The per-row rules that do not depend on what is already stored.
     *
     * @param item a decoded item
     * @return the first broken rule, or {@code null}
     */
    public String check(ObjectNode item) {
        String channel = item.path("ChannelType").textValue();
        if (channel != null && !CHANNEL_TYPES.contains(channel)) {
            return "ChannelType is not one of " + new TreeSet<>(CHANNEL_TYPES);
        }
        String optOut = item.path("OptOut").textValue();
        if (optOut != null && !optOut.equals("ALL") && !optOut.equals("NONE")) {
            return "OptOut must be ALL or NONE";
        }
        String id = item.path("Id").textValue();
        if (id != null && (id.isBlank() || id.indexOf('$') >= 0 || id.indexOf('{') >= 0 || id.indexOf('}') >= 0)) {
            return "Id must not be blank or contain $, { or }";
        }
        String problem = checkListMap(item.path("Attributes"), "Attributes");
        if (problem == null) {
            problem = checkListMap(item.path("User").path("UserAttributes"), "User.UserAttributes");
        }
        if (problem != null) {
            return problem;
        }
        Iterator<Map.Entry<String, JsonNode>> metrics =
                item.path("Metrics").properties().iterator();
        while (metrics.hasNext()) {
            Map.Entry<String, JsonNode> metric = metrics.next();
            if (!nameOk(metric.getKey())) {
                return "Metrics attribute name must be 1 to " + MAX_NAME_LENGTH + " characters (UTF-16 code units)";
            }
            if (!Double.isFinite(metric.getValue().doubleValue())) {
                return "Metrics values must be finite numbers";
            }
        }
        JsonNode latitude = item.path("Location").path("Latitude");
        if (latitude.isNumber() && Math.abs(latitude.doubleValue()) > 90) {
            return "Location.Latitude must be between -90 and 90";
        }
        JsonNode longitude = item.path("Location").path("Longitude");
        if (longitude.isNumber() && Math.abs(longitude.doubleValue()) > 180) {
            return "Location.Longitude must be between -180 and 180";
        }
        return null;
    }

    private static String checkListMap(JsonNode map, String where) {
        Iterator<Map.Entry<String, JsonNode>> entries = map.properties().iterator();
        while (entries.hasNext()) {
            Map.Entry<String, JsonNode> entry = entries.next();
            if (!nameOk(entry.getKey())) {
                return where + " attribute name must be 1 to " + MAX_NAME_LENGTH + " characters (UTF-16 code units)";
            }
            if (entry.getValue().size() > MAX_VALUES) {
                return where + "." + entry.getKey() + " has more than " + MAX_VALUES + " values";
            }
            for (JsonNode value : entry.getValue()) {
                if (value.textValue().length() > MAX_VALUE_LENGTH) {
                    return where + "." + entry.getKey() + " has a value longer than " + MAX_VALUE_LENGTH
                            + " characters (UTF-16 code units)";
                }
            }
        }
        return null;
    }

    private static boolean nameOk(String name) {
        return !name.isEmpty() && name.length() <= MAX_NAME_LENGTH;
    }

    private static Double parseDouble(String text) {
        try {
            double value = Double.parseDouble(text.trim());
            return Double.isFinite(value) ? value : null;
        } catch (NumberFormatException e) {
            return null;
        }
    }

    /**
     * A column or key name for a failure line. Names are schema, but a file without its header line turns a data row
     * into "names", so a name that looks like data (an {@code @}, mostly digits, long) is described, not shown; the
     * others are quoted with invisible and control characters escaped (no ESC sequence reaches a terminal) and cut at
     * 60 characters.
     */
    static String shown(String name) {
        if (name.isEmpty()) {
            return "'' (empty)";
        }
        long digits = name.chars().filter(Character::isDigit).count();
        if (name.indexOf('@') >= 0 || name.length() > 60 || digits * 2 >= name.length()) {
            return "of " + name.length() + " characters (not shown: it looks like data)";
        }
        StringBuilder out = new StringBuilder("'");
        name.codePoints().forEach(cp -> {
            int type = Character.getType(cp);
            if (Character.isISOControl(cp)
                    || type == Character.FORMAT
                    || type == Character.LINE_SEPARATOR
                    || type == Character.PARAGRAPH_SEPARATOR
                    || type == Character.SURROGATE
                    || type == Character.PRIVATE_USE
                    || type == Character.UNASSIGNED) {
                out.append(String.format("\\u%04X", cp));
            } else {
                out.appendCodePoint(cp);
            }
        });
        return out.append("'").toString();
    }

    /** Bytes one endpoint may have as compact JSON, the service's limit: {@value}. */
    public static final int MAX_ENDPOINT_BYTES = 15 * 1024;

    // Longest Double.toString, as a double is written ("-1.2345678901234567E-300"), with room to spare.
    private static final int MAX_NUMBER_BYTES = 26;
    // The group objects ("Attributes":{…} and the like) and the item's own braces, with room to spare.
    private static final int GROUP_BYTES = 256;

    /**
     * An upper bound of the UTF-8 size of the item {@link #jsonLine} made of this line, written as compact JSON: every
     * character of the line becomes at most 3 bytes (a string character at most 3 UTF-8 bytes, an escape at most as
     * long as before, punctuation and null members only shrink), except numbers, which are written as doubles of at
     * most {@value #MAX_NUMBER_BYTES} bytes. Lets the 15 KB check skip writing the item when it cannot be too big.
     *
     * @param line the NDJSON line
     * @param item the item decoded from it
     * @return a size no smaller than the item's
     */
    public static long jsonSizeBound(String line, ObjectNode item) {
        return 3L * line.length()
                + (long) MAX_NUMBER_BYTES
                        * (item.path("Metrics").size() + item.path("Location").size())
                + GROUP_BYTES;
    }

    /**
     * An upper bound of the UTF-8 size of the item {@link #csvRow} made of these cells, written as compact JSON: per
     * non-empty cell its name and value, every character escaped at most to 6 bytes, a number at most
     * {@value #MAX_NUMBER_BYTES} bytes, plus quotes and separators, plus the group objects.
     *
     * @param header the file's header
     * @param cells the record's cells
     * @return a size no smaller than the item's
     */
    public static long csvSizeBound(CsvHeader header, List<String> cells) {
        long bound = GROUP_BYTES;
        int n = Math.min(cells.size(), header.columns.size());
        for (int i = 0; i < n; i++) {
            int length = cells.get(i).length();
            if (length > 0) {
                bound += Math.max(6L * length, MAX_NUMBER_BYTES)
                        + 6L * header.columns.get(i).name.length()
                        + 8;
            }
        }
        return bound;
    }

    /**
     * @param item a decoded item
     * @param bound an upper bound of its size ({@link #jsonSizeBound}, {@link #csvSizeBound}); below the limit the
     *              item is not written at all
     * @return whether the item, as compact JSON in UTF-8, is larger than {@link #MAX_ENDPOINT_BYTES}
     */
    public static boolean tooLarge(ObjectNode item, long bound) {
        if (bound <= MAX_ENDPOINT_BYTES) {
            return false;
        }
        return item.toString().getBytes(StandardCharsets.UTF_8).length > MAX_ENDPOINT_BYTES;
    }
}
