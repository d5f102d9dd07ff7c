package io.pinpointimport.format.internal;

import io.pinpointimport.internal.json.ByteSink;
import io.pinpointimport.internal.json.Field;
import io.pinpointimport.internal.json.Numbers;
import io.pinpointimport.model.Demographic;
import io.pinpointimport.model.EndpointDefinition;
import io.pinpointimport.model.EndpointUser;
import io.pinpointimport.model.Location;
import io.pinpointimport.validation.Rejection;
import io.pinpointimport.validation.Rule;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Encodes one endpoint definition into CSV cells without knowing the final header yet: a list of entries, each a
 * logical column (a fixed member or one custom name) with one or more encoded values. The shard decides the header
 * when it closes and places every value then. No promises: internal; not thread-safe.
 *
 * <p>Logical column ids: {@code 0 .. Field.COUNT-1} are the fixed members in canonical order; custom names get ids
 * from {@link Field#COUNT} up as they are first seen. Ids are internal only: the header sorts custom columns by kind
 * ({@code Attributes}, {@code Metrics}, {@code User.UserAttributes}) and then by name, so output never depends on
 * the order in which names were first seen.
 */
public final class CsvRecordEncoder {
    /** A fixed member ({@link Field}). */
    public static final int KIND_FIXED = 0;
    /** {@code Attributes.<name>}. */
    public static final int KIND_ATTRIBUTE = 1;
    /** {@code Metrics.<name>}. */
    public static final int KIND_METRIC = 2;
    /** {@code User.UserAttributes.<name>}. */
    public static final int KIND_USER_ATTRIBUTE = 3;

    private static final String[] PREFIX = {"", "Attributes.", "Metrics.", "User.UserAttributes."};

    private final Map<String, Integer> attributeIds = new HashMap<>();
    private final Map<String, Integer> metricIds = new HashMap<>();
    private final Map<String, Integer> userAttributeIds = new HashMap<>();
    private int columnCount;
    private int longestHeaderCell;
    private int[] kinds = new int[64];
    private String[] names = new String[64];
    private byte[][] headerCells = new byte[64][];

    private final ByteSink values = new ByteSink(1024);
    private int entryCount;
    private int[] entryColumn = new int[32];
    private int[] entryValues = new int[32];
    private int valueCount;
    private int[] valueEnd = new int[32];
    private Field failed;

    /** Creates an encoder with the fixed columns registered. */
    public CsvRecordEncoder() {
        ByteSink cell = new ByteSink(64);
        for (Field f : Field.values()) {
            cell.reset();
            CsvText.append(cell, f.path());
            register(KIND_FIXED, f.path(), Arrays.copyOf(cell.array(), cell.size()));
        }
    }

    /**
     * Encodes a definition; afterwards the entry accessors describe it.
     *
     * @param recordIndex the record's input position, for the rejection
     * @param d the definition
     * @return {@code null} when encoded; otherwise why CSV cannot carry this record
     */
    public Rejection encode(long recordIndex, EndpointDefinition d) {
        values.reset();
        entryCount = 0;
        valueCount = 0;
        Rejection r = encodeChecked(recordIndex, d);
        if (r != null
                && r.rule() != Rule.METRIC_NOT_FINITE
                && r.rule() != Rule.LATITUDE_RANGE
                && r.rule() != Rule.LONGITUDE_RANGE) {
            // A number that is not finite wins over any other reason, as if checked first: rare path only.
            Rejection n = Unwritable.notFiniteNumber(d);
            if (n != null) {
                return n.toBuilder().recordIndex(recordIndex).build();
            }
        }
        return r;
    }

    private Rejection encodeChecked(long recordIndex, EndpointDefinition d) {
        Rejection unsupported = Unwritable.unsupportedMember(recordIndex, d);
        if (unsupported != null) {
            return unsupported;
        }
        // Fields straight from the model in Field's canonical order (cheaper than Field.text per column).
        int status;
        if ((status = fixed(Field.ID, d.id())) != CsvText.OK
                || (status = fixed(Field.CHANNEL_TYPE, d.channelTypeAsString())) != CsvText.OK
                || (status = fixed(Field.ADDRESS, d.address())) != CsvText.OK
                || (status = fixed(Field.OPT_OUT, d.optOutAsString())) != CsvText.OK
                || (status = fixed(Field.REQUEST_ID, d.requestId())) != CsvText.OK) {
            return unwritable(recordIndex, failed.path(), status);
        }
        Location l = d.location();
        if (l != null) {
            if ((status = fixed(Field.LOCATION_COUNTRY, l.country())) != CsvText.OK
                    || (status = fixed(Field.LOCATION_REGION, l.region())) != CsvText.OK
                    || (status = fixed(Field.LOCATION_CITY, l.city())) != CsvText.OK
                    || (status = fixed(Field.LOCATION_POSTAL_CODE, l.postalCode())) != CsvText.OK) {
                return unwritable(recordIndex, failed.path(), status);
            }
            Double lat = l.latitude();
            if (lat != null) {
                if (!Double.isFinite(lat)) {
                    return Unwritable.notFiniteNumber(d, recordIndex);
                }
                addNumber(lat);
                addEntry(Field.LOCATION_LATITUDE.ordinal(), 1);
            }
            Double lon = l.longitude();
            if (lon != null) {
                if (!Double.isFinite(lon)) {
                    return Unwritable.notFiniteNumber(d, recordIndex);
                }
                addNumber(lon);
                addEntry(Field.LOCATION_LONGITUDE.ordinal(), 1);
            }
        }
        Demographic g = d.demographic();
        if (g != null) {
            if ((status = fixed(Field.DEMOGRAPHIC_PLATFORM, g.platform())) != CsvText.OK
                    || (status = fixed(Field.DEMOGRAPHIC_PLATFORM_VERSION, g.platformVersion())) != CsvText.OK
                    || (status = fixed(Field.DEMOGRAPHIC_MAKE, g.make())) != CsvText.OK
                    || (status = fixed(Field.DEMOGRAPHIC_MODEL, g.model())) != CsvText.OK
                    || (status = fixed(Field.DEMOGRAPHIC_MODEL_VERSION, g.modelVersion())) != CsvText.OK
                    || (status = fixed(Field.DEMOGRAPHIC_APP_VERSION, g.appVersion())) != CsvText.OK
                    || (status = fixed(Field.DEMOGRAPHIC_LOCALE, g.locale())) != CsvText.OK
                    || (status = fixed(Field.DEMOGRAPHIC_TIMEZONE, g.timezone())) != CsvText.OK) {
                return unwritable(recordIndex, failed.path(), status);
            }
        }
        EndpointUser u = d.user();
        if (u != null && (status = fixed(Field.USER_USER_ID, u.userId())) != CsvText.OK) {
            return unwritable(recordIndex, failed.path(), status);
        }
        Rejection r = multi(recordIndex, KIND_ATTRIBUTE, attributeIds, d.attributes());
        if (r != null) {
            return r;
        }
        for (Map.Entry<String, Double> e : d.metrics().entrySet()) {
            double value = e.getValue();
            if (!Double.isFinite(value)) {
                return Unwritable.notFiniteNumber(d, recordIndex);
            }
            int col = columnId(KIND_METRIC, metricIds, e.getKey());
            if (col < 0) {
                return unwritableName(recordIndex, KIND_METRIC, e.getKey(), -col);
            }
            addNumber(value);
            addEntry(col, 1);
        }
        if (u != null) {
            r = multi(recordIndex, KIND_USER_ATTRIBUTE, userAttributeIds, u.userAttributes());
            if (r != null) {
                return r;
            }
        }
        if (entryCount == 0) {
            return Rejection.builder()
                    .recordIndex(recordIndex)
                    .rule(Rule.CSV_UNWRITABLE_VALUE)
                    .message("the endpoint has no member at all; a CSV row cannot express that")
                    .build();
        }
        return null;
    }

    /** Adds a fixed member's value if present; on failure remembers the field in {@link #failed}. */
    private int fixed(Field field, String text) {
        if (text == null) {
            return CsvText.OK;
        }
        int status = addValue(text);
        if (status != CsvText.OK) {
            failed = field;
            return status;
        }
        addEntry(field.ordinal(), 1);
        return CsvText.OK;
    }

    private Rejection multi(long recordIndex, int kind, Map<String, Integer> ids, Map<String, List<String>> map) {
        for (Map.Entry<String, List<String>> e : map.entrySet()) {
            String name = e.getKey();
            List<String> list = e.getValue();
            if (list.isEmpty()) {
                return Rejection.builder()
                        .recordIndex(recordIndex)
                        .rule(Rule.CSV_UNWRITABLE_VALUE)
                        .field(PREFIX[kind] + name)
                        .message(PREFIX[kind] + name + " has no values; CSV cannot tell that from an absent attribute"
                                + " (write JSON, or leave the attribute out)")
                        .build();
            }
            int col = columnId(kind, ids, name);
            if (col < 0) {
                return unwritableName(recordIndex, kind, name, -col);
            }
            for (int i = 0, n = list.size(); i < n; i++) {
                int status = addValue(list.get(i));
                if (status != CsvText.OK) {
                    return unwritable(recordIndex, PREFIX[kind] + name + "[" + i + "]", status);
                }
            }
            addEntry(col, list.size());
        }
        return null;
    }

    private int addValue(String text) {
        int status = CsvText.append(values, text);
        if (status == CsvText.OK) {
            if (valueCount == valueEnd.length) {
                valueEnd = Arrays.copyOf(valueEnd, valueCount * 2);
            }
            valueEnd[valueCount++] = values.size();
        }
        return status;
    }

    /** Adds a finite number's text; numbers never need quoting. */
    private void addNumber(double value) {
        Numbers.append(values, value);
        if (valueCount == valueEnd.length) {
            valueEnd = Arrays.copyOf(valueEnd, valueCount * 2);
        }
        valueEnd[valueCount++] = values.size();
    }

    private void addEntry(int column, int valueCountOfEntry) {
        if (entryCount == entryColumn.length) {
            entryColumn = Arrays.copyOf(entryColumn, entryCount * 2);
            entryValues = Arrays.copyOf(entryValues, entryCount * 2);
        }
        entryColumn[entryCount] = column;
        entryValues[entryCount] = valueCountOfEntry;
        entryCount++;
    }

    /** Returns the column id, or minus the CsvText status when the column name itself cannot be written. */
    private int columnId(int kind, Map<String, Integer> ids, String name) {
        Integer id = ids.get(name);
        if (id != null) {
            return id;
        }
        ByteSink cell = new ByteSink(name.length() + 24);
        int status = CsvText.append(cell, PREFIX[kind] + name);
        if (status != CsvText.OK) {
            return -status;
        }
        int col = register(kind, name, Arrays.copyOf(cell.array(), cell.size()));
        ids.put(name, col);
        return col;
    }

    private int register(int kind, String name, byte[] headerCell) {
        if (columnCount == kinds.length) {
            kinds = Arrays.copyOf(kinds, columnCount * 2);
            names = Arrays.copyOf(names, columnCount * 2);
            headerCells = Arrays.copyOf(headerCells, columnCount * 2);
        }
        kinds[columnCount] = kind;
        names[columnCount] = name;
        headerCells[columnCount] = headerCell;
        longestHeaderCell = Math.max(longestHeaderCell, headerCell.length);
        return columnCount++;
    }

    private static Rejection unwritable(long recordIndex, String field, int status) {
        return Rejection.builder()
                .recordIndex(recordIndex)
                .rule(Rule.CSV_UNWRITABLE_VALUE)
                .field(field)
                .message(field
                        + (status == CsvText.BREAK_OR_TAB
                                ? " contains a line break or a tab, which a CSV import file cannot carry"
                                : " contains a lone UTF-16 surrogate, which UTF-8 cannot encode")
                        + " (the JSON format can carry it)")
                .build();
    }

    private static Rejection unwritableName(long recordIndex, int kind, String name, int status) {
        String field = PREFIX[kind] + name;
        return Rejection.builder()
                .recordIndex(recordIndex)
                .rule(Rule.CSV_UNWRITABLE_VALUE)
                .field(field)
                .message("the name of "
                        + (status == CsvText.BREAK_OR_TAB
                                ? "this attribute contains a line break or a tab, which a CSV header cannot carry"
                                : "this attribute contains a lone UTF-16 surrogate, which UTF-8 cannot encode"))
                .build();
    }

    // --- the last encoded record ---

    /** @return entries (logical columns) in the last encoded record */
    public int entryCount() {
        return entryCount;
    }

    /**
     * @param entry entry index
     * @return its logical column id
     */
    public int entryColumn(int entry) {
        return entryColumn[entry];
    }

    /**
     * @param entry entry index
     * @return how many values (cells) it has; more than one only for custom attributes
     */
    public int entryValueCount(int entry) {
        return entryValues[entry];
    }

    /** @return all values' encoded bytes, back to back, in entry order */
    public ByteSink values() {
        return values;
    }

    /** @return total values in the last record */
    public int valueCount() {
        return valueCount;
    }

    /**
     * @param value value index, over all entries in order
     * @return the end offset of its bytes in {@link #values()}; it starts where the previous one ends
     */
    public int valueEnd(int value) {
        return valueEnd[value];
    }

    // --- the column registry ---

    /** @return how many logical columns are known so far */
    public int columnCount() {
        return columnCount;
    }

    /**
     * @param column a logical column id
     * @return its header cell, encoded and quoted as needed ({@code Attributes.Interests})
     */
    public byte[] headerCell(int column) {
        return headerCells[column];
    }

    /** @return the length of the longest header cell of any column so far */
    public int longestHeaderCell() {
        return longestHeaderCell;
    }

    /**
     * @param column a logical column id
     * @return the header text ({@code Attributes.Interests})
     */
    public String headerName(int column) {
        return PREFIX[kinds[column]] + names[column];
    }

    /**
     * Orders logical columns as the header lists them: fixed members in canonical order, then {@code Attributes.*},
     * {@code Metrics.*}, {@code User.UserAttributes.*}, each sorted by name ({@link String#compareTo}).
     *
     * @param a a column id
     * @param b another column id
     * @return negative, zero or positive
     */
    public int compareColumns(int a, int b) {
        if (kinds[a] != kinds[b]) {
            return Integer.compare(kinds[a], kinds[b]);
        }
        return kinds[a] == KIND_FIXED ? Integer.compare(a, b) : names[a].compareTo(names[b]);
    }
}
