package io.pinpointimport.model;

import io.pinpointimport.internal.ToStringBuilder;
import java.util.Objects;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;

/**
 * Where an endpoint is: the service's {@code EndpointLocation}. Every member is optional.
 *
 * <p>{@code toString()} shows the country and region only; city, postal code and coordinates are masked because
 * together they can point at a person.
 *
 * <pre>{@code
 * Location home = Location.builder().country("US").region("WA").city("Seattle").latitude(47.6).longitude(-122.3).build();
 * }</pre>
 */
public final class Location {
    private final String country;
    private final String region;
    private final String city;
    private final String postalCode;
    private final Double latitude;
    private final Double longitude;

    private Location(BuilderImpl b) {
        this.country = b.country;
        this.region = b.region;
        this.city = b.city;
        this.postalCode = b.postalCode;
        this.latitude = b.latitude;
        this.longitude = b.longitude;
    }

    /**
     * Starts an empty location.
     *
     * @return a new builder
     */
    public static Builder builder() {
        return new BuilderImpl();
    }

    /**
     * A builder holding this location's values.
     *
     * @return a new builder
     */
    public Builder toBuilder() {
        return new BuilderImpl(this);
    }

    /** @return the country (the service documents ISO 3166-1 alpha-2, such as {@code US}), or {@code null} */
    public @Nullable String country() {
        return country;
    }

    /** @return the region, such as a US state, or {@code null} */
    public @Nullable String region() {
        return region;
    }

    /** @return the city, or {@code null} */
    public @Nullable String city() {
        return city;
    }

    /** @return the postal code, or {@code null} */
    public @Nullable String postalCode() {
        return postalCode;
    }

    /** @return the latitude in degrees, or {@code null} */
    public @Nullable Double latitude() {
        return latitude;
    }

    /** @return the longitude in degrees, or {@code null} */
    public @Nullable Double longitude() {
        return longitude;
    }

    /** @return whether no member is set */
    public boolean isEmpty() {
        return country == null
                && region == null
                && city == null
                && postalCode == null
                && latitude == null
                && longitude == null;
    }

    @Override
    public boolean equals(Object o) {
        if (this == o) {
            return true;
        }
        if (!(o instanceof Location other)) {
            return false;
        }
        return Objects.equals(country, other.country)
                && Objects.equals(region, other.region)
                && Objects.equals(city, other.city)
                && Objects.equals(postalCode, other.postalCode)
                && Objects.equals(latitude, other.latitude)
                && Objects.equals(longitude, other.longitude);
    }

    @Override
    public int hashCode() {
        return Objects.hash(country, region, city, postalCode, latitude, longitude);
    }

    @Override
    public String toString() {
        return ToStringBuilder.of("Location")
                .add("country", country)
                .add("region", region)
                .addMasked("city", city)
                .addMasked("postalCode", postalCode)
                .addMasked("latitude", latitude)
                .addMasked("longitude", longitude)
                .build();
    }

    /** Builds a {@link Location}. Not thread-safe; {@link #build()} may be called more than once. */
    public interface Builder {
        /**
         * @param country the country; {@code null} clears it
         * @return this builder
         */
        Builder country(@Nullable String country);

        /**
         * @param region the region; {@code null} clears it
         * @return this builder
         */
        Builder region(@Nullable String region);

        /**
         * @param city the city; {@code null} clears it
         * @return this builder
         */
        Builder city(@Nullable String city);

        /**
         * @param postalCode the postal code; {@code null} clears it
         * @return this builder
         */
        Builder postalCode(@Nullable String postalCode);

        /**
         * @param latitude degrees in [-90, 90]; {@code null} clears it
         * @return this builder
         */
        Builder latitude(@Nullable Double latitude);

        /**
         * @param longitude degrees in [-180, 180]; {@code null} clears it
         * @return this builder
         */
        Builder longitude(@Nullable Double longitude);

        /**
         * Applies a change to this builder, so that code can be shared between builders.
         *
         * @param mutation the change
         * @return this builder
         */
        default Builder applyMutation(Consumer<Builder> mutation) {
            mutation.accept(this);
            return this;
        }

        /** @return an immutable location */
        Location build();
    }

    private static final class BuilderImpl implements Builder {
        private String country;
        private String region;
        private String city;
        private String postalCode;
        private Double latitude;
        private Double longitude;

        BuilderImpl() {}

        BuilderImpl(Location l) {
            this.country = l.country;
            this.region = l.region;
            this.city = l.city;
            this.postalCode = l.postalCode;
            this.latitude = l.latitude;
            this.longitude = l.longitude;
        }

        @Override
        public Builder country(@Nullable String country) {
            this.country = country;
            return this;
        }

        @Override
        public Builder region(@Nullable String region) {
            this.region = region;
            return this;
        }

        @Override
        public Builder city(@Nullable String city) {
            this.city = city;
            return this;
        }

        @Override
        public Builder postalCode(@Nullable String postalCode) {
            this.postalCode = postalCode;
            return this;
        }

        @Override
        public Builder latitude(@Nullable Double latitude) {
            this.latitude = latitude;
            return this;
        }

        @Override
        public Builder longitude(@Nullable Double longitude) {
            this.longitude = longitude;
            return this;
        }

        @Override
        public Location build() {
            return new Location(this);
        }
    }
}
