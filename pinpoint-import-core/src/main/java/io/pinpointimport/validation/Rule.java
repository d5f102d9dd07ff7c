package io.pinpointimport.validation;

/**
 * The rules a record can break, each with a stable id that programs may match on. The ids never change once
 * released; new rules get new ids.
 */
public enum Rule {
    // --- the endpoint itself ---
    /** A new endpoint (no {@code Id}) needs a channel type. */
    CHANNEL_TYPE_REQUIRED("channel-type.required"),
    /** A new endpoint (no {@code Id}) needs an address. */
    ADDRESS_REQUIRED("address.required"),
    /** The channel type is not one of the service's 13 values. */
    CHANNEL_TYPE_UNKNOWN("channel-type.unknown"),
    /** {@code OptOut} is neither {@code ALL} nor {@code NONE}. */
    OPT_OUT_UNKNOWN("opt-out.unknown"),
    /**
     * {@code EndpointStatus} is neither {@code ACTIVE} nor {@code INACTIVE}.
     *
     * @deprecated no longer reported: the import takes no {@code EndpointStatus} at all, see
     *     {@link #MEMBER_UNSUPPORTED}; the id stays reserved
     */
    @Deprecated
    ENDPOINT_STATUS_UNKNOWN("endpoint-status.unknown"),
    /**
     * A member the import does not support: {@code EndpointStatus} (the service sets it itself) or
     * {@code EffectiveDate} (the user guide says imports do not support it, while its own table lists it). The
     * service would fail the row, or, for a CSV file, every row of the file, so the record is refused before it is
     * written; leave the member out.
     */
    MEMBER_UNSUPPORTED("member.unsupported"),
    /** The endpoint id contains {@code $}, <code>{</code> or <code>}</code>, or is blank. */
    ID_INVALID("id.invalid"),
    /** An SMS or VOICE address is not a phone number in the form the chosen level requires. */
    ADDRESS_PHONE_FORMAT("address.phone-format"),
    /** An EMAIL address is not an email address. */
    ADDRESS_EMAIL_FORMAT("address.email-format"),
    /** A push channel address is blank or contains white space; a CUSTOM or IN_APP address is blank. */
    ADDRESS_TOKEN_FORMAT("address.token-format"),
    /**
     * A custom attribute, user attribute or metric name is empty, starts or ends with white space, or contains a character that breaks a dot-notation CSV header (or, at the STRICT level, one
     * the console cannot display).
     */
    NAME_INVALID("name.invalid"),
    /**
     * A custom attribute, user attribute or metric name is longer than 50 characters, counted in UTF-16 code units
     * (a character outside the Basic Multilingual Plane counts as 2).
     */
    NAME_TOO_LONG("name.too-long"),
    /**
     * An attribute or user attribute value is longer than 100 characters, counted in UTF-16 code units (a character
     * outside the Basic Multilingual Plane, such as most emoji, counts as 2).
     */
    VALUE_TOO_LONG("value.too-long"),
    /**
     * A text member or an attribute value is the empty string, or an attribute has no values. An empty CSV cell
     * means "absent", so the import cannot carry an empty value the same way in both formats; leave the member or
     * value out.
     */
    VALUE_EMPTY("value.empty"),
    /** An attribute or user attribute has more than 50 values. */
    TOO_MANY_VALUES("values.too-many"),
    /** A latitude outside [-90, 90] or not a finite number. */
    LATITUDE_RANGE("latitude.range"),
    /** A longitude outside [-180, 180] or not a finite number. */
    LONGITUDE_RANGE("longitude.range"),
    /** A metric that is NaN or infinite. */
    METRIC_NOT_FINITE("metric.not-finite"),
    /**
     * A date ({@code EffectiveDate}) that is not ISO 8601 in the form the validation level takes.
     *
     * @deprecated no longer reported: the import takes no {@code EffectiveDate} at all, see
     *     {@link #MEMBER_UNSUPPORTED}; the id stays reserved
     */
    @Deprecated
    DATE_FORMAT("date.format"),
    /** The encoded endpoint is larger than the service's 15 KB. */
    ENDPOINT_TOO_LARGE("endpoint.too-large"),

    // --- the import target's own rules (io.pinpointimport.spi.ImportTarget#recordCheck) ---
    /** A value is longer than the chosen import target stores (its limit is in the message). */
    TARGET_VALUE_TOO_LONG("target.value-too-long"),
    /**
     * A value is not of the kind the chosen import target declares for where it goes (an email address, a phone
     * number, one of an enumeration's values); what is expected is in the message.
     */
    TARGET_VALUE_INVALID("target.value-invalid"),
    /** A name (attribute, key) is one the chosen import target cannot store under (empty, too long, a dot...). */
    TARGET_NAME_INVALID("target.name-invalid"),
    /** The record cannot be mapped onto what the chosen import target stores (no key, two values for one place). */
    TARGET_UNMAPPABLE("target.unmappable"),

    // --- across a run ---
    /** More than 250 distinct custom attribute names (Attributes, Metrics and UserAttributes together). */
    TOO_MANY_CUSTOM_ATTRIBUTES("run.custom-attributes.too-many"),
    /** More than 15 endpoints for one user id. */
    TOO_MANY_ENDPOINTS_PER_USER("run.endpoints-per-user.too-many"),

    // --- writing ---
    /** A value contains a line break or tab, which CSV import files cannot carry. */
    CSV_UNWRITABLE_VALUE("csv.unwritable-value"),
    /** The record alone is larger than the shard limit. */
    RECORD_LARGER_THAN_SHARD("shard.record-too-large"),

    // --- reading ---
    /** A line of an input file could not be parsed. */
    MALFORMED_INPUT("input.malformed"),
    /** A CSV header column or JSON member that the service does not accept. */
    UNKNOWN_FIELD("input.unknown-field"),
    /** A value of the wrong type, such as text where a number belongs. */
    WRONG_TYPE("input.wrong-type");

    private final String id;

    Rule(String id) {
        this.id = id;
    }

    /** @return the stable id, such as {@code address.required} */
    public String id() {
        return id;
    }
}
