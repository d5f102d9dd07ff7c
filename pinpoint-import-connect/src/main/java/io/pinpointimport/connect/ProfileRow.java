package io.pinpointimport.connect;

import java.util.Collections;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import org.jspecify.annotations.Nullable;

/**
 * One row of a Customer Profiles upload file: the profile's key (the upload job's {@code UniqueKey}) and the profile
 * fields this row sets, each named by its path under {@code _profile} ({@code EmailAddress}, {@code Address.City},
 * {@code Attributes.APNS_Address}). A field this row does not set is left as it is in the profile (an empty cell),
 * which is how several endpoints of one user fill one profile.
 *
 * <p>Values are personal data: {@link #toString()} shows only the field names.
 */
public final class ProfileRow {
    private final @Nullable String key;
    private final Map<String, String> fields;

    private ProfileRow(Builder b) {
        this.key = b.key;
        this.fields = Collections.unmodifiableMap(new TreeMap<>(b.fields));
    }

    /** @return a new, empty builder */
    public static Builder builder() {
        return new Builder();
    }

    /** @return a builder holding this row's key and fields */
    public Builder toBuilder() {
        Builder b = new Builder();
        b.key = key;
        b.fields.putAll(fields);
        return b;
    }

    /** @return the profile's key: the user id, or the endpoint id of an endpoint without a user; empty when unset */
    public Optional<String> key() {
        return Optional.ofNullable(key);
    }

    /** @return field path under {@code _profile} to value, sorted by path; never null, unmodifiable */
    public Map<String, String> fields() {
        return fields;
    }

    @Override
    public boolean equals(@Nullable Object o) {
        if (this == o) {
            return true;
        }
        if (!(o instanceof ProfileRow other)) {
            return false;
        }
        return Objects.equals(key, other.key) && fields.equals(other.fields);
    }

    @Override
    public int hashCode() {
        return Objects.hash(key, fields);
    }

    @Override
    public String toString() {
        return "ProfileRow{key=" + (key == null ? "unset" : "set") + ", fields=" + fields.keySet() + "}";
    }

    /**
     * Builds a {@link ProfileRow}; a {@link ProfileMapping} step gets one holding what the steps before it set.
     * Field paths are checked when they are put: a standard profile field ({@link ProfileMapping#STANDARD_FIELDS})
     * or {@code Attributes.<name>}.
     */
    public static final class Builder {
        private @Nullable String key;
        private final Map<String, String> fields = new TreeMap<>();

        private Builder() {}

        /**
         * @param key the profile's key; null to unset it
         * @return this builder
         */
        public Builder key(@Nullable String key) {
            this.key = key;
            return this;
        }

        /** @return the key set so far, if any */
        public Optional<String> key() {
            return Optional.ofNullable(key);
        }

        /**
         * Sets a field, replacing what an earlier step set there. A null or empty value removes the field (an empty
         * cell never clears a profile field).
         *
         * @param path a standard profile field such as {@code EmailAddress} or {@code Address.City}, or
         *     {@code Attributes.<name>}
         * @param value the value
         * @return this builder
         * @throws IllegalArgumentException when the path names no profile field
         */
        public Builder put(String path, @Nullable String value) {
            ProfileMapping.checkPath(path);
            if (value == null || value.isEmpty()) {
                fields.remove(path);
            } else {
                fields.put(path, value);
            }
            return this;
        }

        /**
         * @param name a profile attribute's name (no dot)
         * @param value the value; null or empty removes it
         * @return this builder
         */
        public Builder attribute(String name, @Nullable String value) {
            return put(ProfileMapping.ATTRIBUTES_PREFIX + name, value);
        }

        /**
         * @param path the field to remove
         * @return this builder
         */
        public Builder remove(String path) {
            fields.remove(path);
            return this;
        }

        /** @return the field paths set so far */
        public Set<String> paths() {
            return Collections.unmodifiableSet(fields.keySet());
        }

        /**
         * @param path a field path
         * @return its value so far, if set
         */
        public Optional<String> get(String path) {
            return Optional.ofNullable(fields.get(path));
        }

        /** @return the row */
        public ProfileRow build() {
            return new ProfileRow(this);
        }
    }
}
