package io.pinpointimport.format.internal;

import io.pinpointimport.internal.Collections2;
import io.pinpointimport.internal.SafeText;
import io.pinpointimport.internal.json.Field;
import io.pinpointimport.internal.json.Numbers;
import io.pinpointimport.model.Demographic;
import io.pinpointimport.model.EndpointDefinition;
import io.pinpointimport.model.EndpointUser;
import io.pinpointimport.model.Location;
import io.pinpointimport.validation.Rule;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.AbstractMap;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Decodes CSV import files line by line: the first non-blank line is the header, every later non-blank line one
 * endpoint. No promises: internal.
 *
 * <p>Parsing is per line, on purpose: import files cannot carry line breaks inside values, so a line is always a
 * whole record, and a stray quote can never swallow the records after it (an RFC 4180 parser would read on across
 * lines looking for the closing quote). Quoting is RFC 4180 within the line: a quoted value may hold commas and
 * doubled quotes; a double quote inside an unquoted value, or text after a closing quote, is malformed. An empty
 * cell means absent, quoted ({@code ""}) or not, as it does for the service. A row must have exactly as many cells as
 * the header has columns: a short or long row is malformed, since its values may sit under the wrong columns (a
 * missing cell shifts every later value one column left). A first line none of whose cells names a member the
 * import accepts is not a header but a data row: it and every later row are rejected, and no cell of it is quoted.
 * Header names quoted in messages are escaped and shortened ({@link SafeText}). Repeated {@code Attributes.*} and {@code User.UserAttributes.*} columns
 * give one value each, in column order; a repeated fixed or metric column is malformed where it holds a value.
 */
public final class CsvDecoder extends LineDecoder {
    private static final int FIXED = 0;
    private static final int ATTRIBUTE = 1;
    private static final int METRIC = 2;
    private static final int USER_ATTRIBUTE = 3;
    private static final int UNKNOWN = 4;
    private static final int DUPLICATE = 5;

    private final CharsetDecoder utf8 = StandardCharsets.UTF_8
            .newDecoder()
            .onMalformedInput(CodingErrorAction.REPORT)
            .onUnmappableCharacter(CodingErrorAction.REPORT);
    private final StringBuilder quoted = new StringBuilder();

    private boolean headerSeen;
    private String headerProblem;
    private long headerLine;
    private int[] kinds;
    private Field[] fields;
    private String[] names;
    private String[] headerNames;

    private String[] cells = new String[32];
    private int cellCount;
    private int errorColumn;
    private String errorMessage;

    private final String[] fixed = new String[Field.COUNT];
    private final Double[] numbers = new Double[Field.COUNT];

    // Per column of a custom attribute: its name's group (one per distinct name and kind), from the header.
    private int[] groups;
    private final Groups attributeGroups = new Groups();
    private final Groups userAttributeGroups = new Groups();
    // The row's metrics, in column order.
    private Map.Entry<String, Double>[] metricEntries;
    private int metricCount;

    /**
     * @param source the file name rejections name, or {@code null}
     */
    public CsvDecoder(String source) {
        super(source);
    }

    @Override
    public int tooLong(long line, long recordIndex, int maxLineBytes) {
        if (!headerSeen) {
            headerSeen = true;
            headerLine = line;
            headerProblem = "the header on line " + line + " is longer than " + maxLineBytes + " bytes";
            return SKIPPED;
        }
        return super.tooLong(line, recordIndex, maxLineBytes);
    }

    @Override
    public int decode(byte[] bytes, int length, long line, long recordIndex) {
        if (length == 0) {
            return SKIPPED;
        }
        if (headerSeen && headerProblem == null && splitPlain(bytes, length)) {
            return row(line, recordIndex);
        }
        // The String constructor decodes valid UTF-8 exactly as the strict decoder does, far faster, and replaces
        // what is not valid with U+FFFD: only a line holding one is decoded again, strictly, to tell which it was.
        String text = new String(bytes, 0, length, StandardCharsets.UTF_8);
        if (text.indexOf('\uFFFD') >= 0) {
            try {
                text = utf8.decode(ByteBuffer.wrap(bytes, 0, length)).toString();
            } catch (CharacterCodingException e) {
                text = null;
            }
        }
        if (!headerSeen) {
            headerSeen = true;
            headerLine = line;
            if (text == null) {
                headerProblem = "the header on line " + line + " is not valid UTF-8";
            } else if (!split(text)) {
                headerProblem =
                        "the header on line " + line + " is malformed at column " + errorColumn + ": " + errorMessage;
            } else {
                header();
                if (!looksLikeHeader()) {
                    headerProblem = "line " + line + " is not a header: none of its " + cellCount + " cells names a"
                            + " member the import accepts (such as Id, ChannelType, Address, Attributes.<name>); a"
                            + " CSV import file must start with its header line";
                    return reject(line, recordIndex, 0, null, Rule.MALFORMED_INPUT, headerProblem);
                }
            }
            return SKIPPED;
        }
        if (headerProblem != null) {
            return reject(
                    line,
                    recordIndex,
                    0,
                    null,
                    Rule.MALFORMED_INPUT,
                    headerProblem + ", so no row of this file can be read");
        }
        if (text == null) {
            return reject(
                    line,
                    recordIndex,
                    0,
                    null,
                    Rule.MALFORMED_INPUT,
                    "the line is not valid UTF-8; import files must be UTF-8");
        }
        if (!split(text)) {
            return reject(line, recordIndex, errorColumn, null, Rule.MALFORMED_INPUT, errorMessage);
        }
        return row(line, recordIndex);
    }

    private void header() {
        int n = cellCount;
        kinds = new int[n];
        fields = new Field[n];
        names = new String[n];
        headerNames = new String[n];
        groups = new int[n];
        Map<String, Integer> attributeGroupOf = new HashMap<>();
        Map<String, Integer> userAttributeGroupOf = new HashMap<>();
        int metricColumns = 0;
        Set<String> singles = new HashSet<>();
        for (int i = 0; i < n; i++) {
            String h = cells[i] == null ? "" : cells[i];
            headerNames[i] = h;
            Field f = Field.byPath(h);
            if (f != null) {
                kinds[i] = singles.add(h) ? FIXED : DUPLICATE;
                fields[i] = f;
            } else if (h.startsWith("Attributes.")) {
                kinds[i] = ATTRIBUTE;
                names[i] = h.substring("Attributes.".length());
                groups[i] = attributeGroupOf.computeIfAbsent(names[i], k -> attributeGroupOf.size());
            } else if (h.startsWith("User.UserAttributes.")) {
                kinds[i] = USER_ATTRIBUTE;
                names[i] = h.substring("User.UserAttributes.".length());
                groups[i] = userAttributeGroupOf.computeIfAbsent(names[i], k -> userAttributeGroupOf.size());
            } else if (h.startsWith("Metrics.")) {
                kinds[i] = singles.add(h) ? METRIC : DUPLICATE;
                names[i] = h.substring("Metrics.".length());
                metricColumns++;
            } else {
                kinds[i] = UNKNOWN;
            }
        }
        attributeGroups.layOut(kinds, names, groups, ATTRIBUTE, attributeGroupOf.size());
        userAttributeGroups.layOut(kinds, names, groups, USER_ATTRIBUTE, userAttributeGroupOf.size());
        metricEntries = Collections2.newEntries(metricColumns);
    }

    /** Whether at least one header cell names a member or a custom attribute: otherwise line 1 is data. */
    private boolean looksLikeHeader() {
        for (int i = 0; i < kinds.length; i++) {
            if (kinds[i] != UNKNOWN && (names[i] == null || !names[i].isEmpty())) {
                return true;
            }
        }
        return false;
    }

    private int row(long line, long recordIndex) {
        if (cellCount != kinds.length) {
            boolean longRow = cellCount > kinds.length;
            return reject(
                    line,
                    recordIndex,
                    longRow ? kinds.length + 1 : 0,
                    null,
                    Rule.MALFORMED_INPUT,
                    "the row has " + cellCount + " values but the header (line " + headerLine + ") has "
                            + kinds.length + " columns; every row needs one value per column (an absent value is"
                            + " an empty cell), or its values may sit under the wrong columns");
        }
        Arrays.fill(fixed, null);
        Arrays.fill(numbers, null);
        attributeGroups.clear();
        userAttributeGroups.clear();
        metricCount = 0;
        for (int i = 0; i < cellCount; i++) {
            String v = cells[i];
            if (v == null) {
                continue;
            }
            int column = i + 1;
            switch (kinds[i]) {
                case FIXED -> {
                    Field f = fields[i];
                    if (f.isNumeric()) {
                        Double d = Numbers.parse(v);
                        if (d == null) {
                            return reject(
                                    line,
                                    recordIndex,
                                    column,
                                    f.path(),
                                    Rule.WRONG_TYPE,
                                    f.path() + " must be a number such as 47.6");
                        }
                        numbers[f.ordinal()] = d;
                    } else {
                        fixed[f.ordinal()] = v;
                    }
                }
                case ATTRIBUTE -> attributeGroups.add(groups[i], v);
                case USER_ATTRIBUTE -> userAttributeGroups.add(groups[i], v);
                case METRIC -> {
                    Double d = Numbers.parse(v);
                    if (d == null) {
                        String shown = SafeText.escape(headerNames[i]);
                        return reject(
                                line,
                                recordIndex,
                                column,
                                shown,
                                Rule.WRONG_TYPE,
                                shown + " must be a number such as 3.0");
                    }
                    metricEntries[metricCount++] = new AbstractMap.SimpleImmutableEntry<>(names[i], d);
                }
                case DUPLICATE -> {
                    return reject(
                            line,
                            recordIndex,
                            column,
                            SafeText.escape(headerNames[i]),
                            Rule.MALFORMED_INPUT,
                            "column " + column + " repeats " + SafeText.name(headerNames[i]) + ", which holds one"
                                    + " value only; only Attributes.* and User.UserAttributes.* columns may repeat");
                }
                default -> {
                    return reject(
                            line,
                            recordIndex,
                            column,
                            SafeText.field(headerNames[i]),
                            Rule.UNKNOWN_FIELD,
                            "column " + column + " (" + SafeText.name(headerNames[i]) + ") is not an attribute the"
                                    + " service accepts in an import file");
                }
            }
        }
        return accept(build());
    }

    private EndpointDefinition build() {
        EndpointDefinition.Builder b = EndpointDefinition.builder()
                .id(fixed[Field.ID.ordinal()])
                .channelType(fixed[Field.CHANNEL_TYPE.ordinal()])
                .address(fixed[Field.ADDRESS.ordinal()])
                .endpointStatus(fixed[Field.ENDPOINT_STATUS.ordinal()])
                .optOut(fixed[Field.OPT_OUT.ordinal()])
                .effectiveDate(fixed[Field.EFFECTIVE_DATE.ordinal()])
                .requestId(fixed[Field.REQUEST_ID.ordinal()]);
        if (anySet(Field.LOCATION_COUNTRY, Field.LOCATION_LONGITUDE)) {
            b.location(Location.builder()
                    .country(fixed[Field.LOCATION_COUNTRY.ordinal()])
                    .region(fixed[Field.LOCATION_REGION.ordinal()])
                    .city(fixed[Field.LOCATION_CITY.ordinal()])
                    .postalCode(fixed[Field.LOCATION_POSTAL_CODE.ordinal()])
                    .latitude(numbers[Field.LOCATION_LATITUDE.ordinal()])
                    .longitude(numbers[Field.LOCATION_LONGITUDE.ordinal()])
                    .build());
        }
        if (anySet(Field.DEMOGRAPHIC_PLATFORM, Field.DEMOGRAPHIC_TIMEZONE)) {
            b.demographic(Demographic.builder()
                    .platform(fixed[Field.DEMOGRAPHIC_PLATFORM.ordinal()])
                    .platformVersion(fixed[Field.DEMOGRAPHIC_PLATFORM_VERSION.ordinal()])
                    .make(fixed[Field.DEMOGRAPHIC_MAKE.ordinal()])
                    .model(fixed[Field.DEMOGRAPHIC_MODEL.ordinal()])
                    .modelVersion(fixed[Field.DEMOGRAPHIC_MODEL_VERSION.ordinal()])
                    .appVersion(fixed[Field.DEMOGRAPHIC_APP_VERSION.ordinal()])
                    .locale(fixed[Field.DEMOGRAPHIC_LOCALE.ordinal()])
                    .timezone(fixed[Field.DEMOGRAPHIC_TIMEZONE.ordinal()])
                    .build());
        }
        String userId = fixed[Field.USER_USER_ID.ordinal()];
        if (userId != null || !userAttributeGroups.isEmpty()) {
            b.user(EndpointUser.builder()
                    .userId(userId)
                    .userAttributes(userAttributeGroups.freeze())
                    .build());
        }
        return b.attributes(attributeGroups.freeze())
                .metrics(
                        metricCount == 0
                                ? Map.of()
                                : Collections2.freezeEntries(Arrays.copyOf(metricEntries, metricCount), metricCount))
                .build();
    }

    private boolean anySet(Field first, Field last) {
        for (int i = first.ordinal(); i <= last.ordinal(); i++) {
            if (fixed[i] != null || numbers[i] != null) {
                return true;
            }
        }
        return false;
    }

    /**
     * Splits a data line that is ASCII and holds no double quote, as most lines are, into {@link #cells} straight
     * from its bytes: no decoded copy of the line, and one pass instead of a search per cell. Its cells are exactly
     * those {@link #split(String)} finds in the decoded line.
     *
     * @return {@code false} for any other line (a byte of a multi-byte character, or a double quote), leaving the
     *     cells to {@link #split(String)}
     */
    private boolean splitPlain(byte[] b, int length) {
        cellCount = 0;
        int start = 0;
        int i = 0;
        // Eight bytes a step while a whole word is left, then byte by byte.
        for (int last = length - 8; i <= last; i += 8) {
            long w = ByteScan.word(b, i);
            if ((w & ByteScan.HIGH) != 0 || ByteScan.matches(w, ByteScan.QUOTES) != 0) {
                return false;
            }
            for (long commas = ByteScan.matches(w, ByteScan.COMMAS); commas != 0; commas &= commas - 1) {
                int comma = i + ByteScan.firstMarked(commas);
                add(comma == start ? null : new String(b, start, comma - start, StandardCharsets.ISO_8859_1));
                start = comma + 1;
            }
        }
        for (; i < length; i++) {
            byte c = b[i];
            if (c == ',') {
                add(i == start ? null : new String(b, start, i - start, StandardCharsets.ISO_8859_1));
                start = i + 1;
            } else if (c < 0 || c == '"') {
                return false;
            }
        }
        add(length == start ? null : new String(b, start, length - start, StandardCharsets.ISO_8859_1));
        return true;
    }

    /** Splits a line into {@link #cells}; {@code null} marks an empty unquoted cell. */
    private boolean split(String s) {
        cellCount = 0;
        int n = s.length();
        int i = 0;
        // The next double quote at or after i (n when none): found by one String.indexOf per quote rather than a
        // scan of every unquoted cell, which costs most lines (they hold no quote at all) a single search.
        int nextQuote = -1;
        while (true) {
            if (nextQuote < i) {
                nextQuote = s.indexOf('"', i);
                if (nextQuote < 0) {
                    nextQuote = n;
                }
            }
            int column = cellCount + 1;
            if (i < n && s.charAt(i) == '"') {
                quoted.setLength(0);
                i++;
                while (true) {
                    int q = s.indexOf('"', i);
                    if (q < 0) {
                        return error(column, "a quoted value is not closed (values cannot span lines)");
                    }
                    quoted.append(s, i, q);
                    if (q + 1 < n && s.charAt(q + 1) == '"') {
                        quoted.append('"');
                        i = q + 2;
                    } else {
                        i = q + 1;
                        break;
                    }
                }
                add(quoted.length() == 0 ? null : quoted.toString());
                if (i == n) {
                    return true;
                }
                if (s.charAt(i) != ',') {
                    return error(column, "text follows the closing quote of a value");
                }
                i++;
            } else {
                int comma = s.indexOf(',', i);
                int end = comma < 0 ? n : comma;
                if (nextQuote < end) {
                    return error(
                            column,
                            "a double quote inside an unquoted value (enclose the value in double"
                                    + " quotes and double the inner quote)");
                }
                add(end == i ? null : s.substring(i, end));
                if (comma < 0) {
                    return true;
                }
                i = comma + 1;
            }
        }
    }

    private void add(String cell) {
        if (cellCount == cells.length) {
            cells = Arrays.copyOf(cells, cellCount * 2);
        }
        cells[cellCount++] = cell;
    }

    private boolean error(int column, String message) {
        errorColumn = column;
        errorMessage = message;
        return false;
    }

    /**
     * One kind of custom attribute in the row being read: its values gathered per name, the names in the order of
     * their first value in the row, as the model's maps keep them. Sized from the header, so a row allocates only
     * what its map keeps.
     */
    private static final class Groups {
        private String[] names = new String[0];
        private String[][] values = new String[0][];
        private int[] counts = new int[0];
        // the groups with a value in this row, in the order of their first value
        private int[] order = new int[0];
        private int used;

        void layOut(int[] kinds, String[] columnNames, int[] groups, int kind, int groupCount) {
            int[] columns = new int[groupCount];
            names = new String[groupCount];
            for (int i = 0; i < kinds.length; i++) {
                if (kinds[i] == kind) {
                    columns[groups[i]]++;
                    names[groups[i]] = columnNames[i];
                }
            }
            values = new String[groupCount][];
            for (int g = 0; g < groupCount; g++) {
                values[g] = new String[columns[g]];
            }
            counts = new int[groupCount];
            order = new int[groupCount];
            used = 0;
        }

        void clear() {
            for (int i = 0; i < used; i++) {
                counts[order[i]] = 0;
            }
            used = 0;
        }

        void add(int group, String value) {
            int c = counts[group];
            if (c == 0) {
                order[used++] = group;
            }
            values[group][c] = value;
            counts[group] = c + 1;
        }

        boolean isEmpty() {
            return used == 0;
        }

        Map<String, List<String>> freeze() {
            if (used == 0) {
                return Map.of();
            }
            Map.Entry<String, List<String>>[] entries = Collections2.newEntries(used);
            for (int i = 0; i < used; i++) {
                int g = order[i];
                int c = counts[g];
                List<String> list = c == 1
                        ? Collections.singletonList(values[g][0])
                        : Collections.unmodifiableList(Arrays.asList(Arrays.copyOf(values[g], c)));
                entries[i] = new AbstractMap.SimpleImmutableEntry<>(names[g], list);
            }
            return Collections2.freezeEntries(entries, used);
        }
    }
}
