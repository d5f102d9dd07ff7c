package io.pinpointimport.model;

import io.pinpointimport.internal.ToStringBuilder;
import java.util.Objects;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;

/**
 * The device and locale behind an endpoint: the service's {@code EndpointDemographic}, all eight members, all
 * optional strings.
 *
 * <pre>{@code
 * Demographic d = Demographic.builder().platform("iOS").make("Apple").locale("en_US").timezone("America/Los_Angeles").build();
 * }</pre>
 */
public final class Demographic {
    private final String platform;
    private final String platformVersion;
    private final String make;
    private final String model;
    private final String modelVersion;
    private final String appVersion;
    private final String locale;
    private final String timezone;

    private Demographic(BuilderImpl b) {
        this.platform = b.platform;
        this.platformVersion = b.platformVersion;
        this.make = b.make;
        this.model = b.model;
        this.modelVersion = b.modelVersion;
        this.appVersion = b.appVersion;
        this.locale = b.locale;
        this.timezone = b.timezone;
    }

    /** @return a new, empty builder */
    public static Builder builder() {
        return new BuilderImpl();
    }

    /** @return a builder holding this demographic's values */
    public Builder toBuilder() {
        return new BuilderImpl(this);
    }

    /** @return the platform, such as {@code ios} or {@code android}, or {@code null} */
    public @Nullable String platform() {
        return platform;
    }

    /** @return the platform version, or {@code null} */
    public @Nullable String platformVersion() {
        return platformVersion;
    }

    /** @return the manufacturer, such as {@code apple}, or {@code null} */
    public @Nullable String make() {
        return make;
    }

    /** @return the model, such as {@code iPhone}, or {@code null} */
    public @Nullable String model() {
        return model;
    }

    /** @return the model version, or {@code null} */
    public @Nullable String modelVersion() {
        return modelVersion;
    }

    /** @return the app version, or {@code null} */
    public @Nullable String appVersion() {
        return appVersion;
    }

    /** @return the locale, ISO 639-1 language and ISO 3166-1 country joined by {@code _} ({@code en_US}), or {@code null} */
    public @Nullable String locale() {
        return locale;
    }

    /** @return the tz database time zone ({@code America/Los_Angeles}), or {@code null} */
    public @Nullable String timezone() {
        return timezone;
    }

    /** @return whether no member is set */
    public boolean isEmpty() {
        return platform == null
                && platformVersion == null
                && make == null
                && model == null
                && modelVersion == null
                && appVersion == null
                && locale == null
                && timezone == null;
    }

    @Override
    public boolean equals(Object o) {
        if (this == o) {
            return true;
        }
        if (!(o instanceof Demographic other)) {
            return false;
        }
        return Objects.equals(platform, other.platform)
                && Objects.equals(platformVersion, other.platformVersion)
                && Objects.equals(make, other.make)
                && Objects.equals(model, other.model)
                && Objects.equals(modelVersion, other.modelVersion)
                && Objects.equals(appVersion, other.appVersion)
                && Objects.equals(locale, other.locale)
                && Objects.equals(timezone, other.timezone);
    }

    @Override
    public int hashCode() {
        return Objects.hash(platform, platformVersion, make, model, modelVersion, appVersion, locale, timezone);
    }

    @Override
    public String toString() {
        return ToStringBuilder.of("Demographic")
                .add("platform", platform)
                .add("platformVersion", platformVersion)
                .add("make", make)
                .add("model", model)
                .add("modelVersion", modelVersion)
                .add("appVersion", appVersion)
                .add("locale", locale)
                .add("timezone", timezone)
                .build();
    }

    /** Builds a {@link Demographic}. Not thread-safe; {@link #build()} may be called more than once. */
    public interface Builder {
        /**
         * @param platform the platform; {@code null} clears it
         * @return this builder
         */
        Builder platform(@Nullable String platform);

        /**
         * @param platformVersion the platform version; {@code null} clears it
         * @return this builder
         */
        Builder platformVersion(@Nullable String platformVersion);

        /**
         * @param make the manufacturer; {@code null} clears it
         * @return this builder
         */
        Builder make(@Nullable String make);

        /**
         * @param model the model; {@code null} clears it
         * @return this builder
         */
        Builder model(@Nullable String model);

        /**
         * @param modelVersion the model version; {@code null} clears it
         * @return this builder
         */
        Builder modelVersion(@Nullable String modelVersion);

        /**
         * @param appVersion the app version; {@code null} clears it
         * @return this builder
         */
        Builder appVersion(@Nullable String appVersion);

        /**
         * @param locale the locale, such as {@code en_US}; {@code null} clears it
         * @return this builder
         */
        Builder locale(@Nullable String locale);

        /**
         * @param timezone the tz database name; {@code null} clears it
         * @return this builder
         */
        Builder timezone(@Nullable String timezone);

        /**
         * Applies a change to this builder.
         *
         * @param mutation the change
         * @return this builder
         */
        default Builder applyMutation(Consumer<Builder> mutation) {
            mutation.accept(this);
            return this;
        }

        /** @return an immutable demographic */
        Demographic build();
    }

    private static final class BuilderImpl implements Builder {
        private String platform;
        private String platformVersion;
        private String make;
        private String model;
        private String modelVersion;
        private String appVersion;
        private String locale;
        private String timezone;

        BuilderImpl() {}

        BuilderImpl(Demographic d) {
            this.platform = d.platform;
            this.platformVersion = d.platformVersion;
            this.make = d.make;
            this.model = d.model;
            this.modelVersion = d.modelVersion;
            this.appVersion = d.appVersion;
            this.locale = d.locale;
            this.timezone = d.timezone;
        }

        @Override
        public Builder platform(@Nullable String platform) {
            this.platform = platform;
            return this;
        }

        @Override
        public Builder platformVersion(@Nullable String platformVersion) {
            this.platformVersion = platformVersion;
            return this;
        }

        @Override
        public Builder make(@Nullable String make) {
            this.make = make;
            return this;
        }

        @Override
        public Builder model(@Nullable String model) {
            this.model = model;
            return this;
        }

        @Override
        public Builder modelVersion(@Nullable String modelVersion) {
            this.modelVersion = modelVersion;
            return this;
        }

        @Override
        public Builder appVersion(@Nullable String appVersion) {
            this.appVersion = appVersion;
            return this;
        }

        @Override
        public Builder locale(@Nullable String locale) {
            this.locale = locale;
            return this;
        }

        @Override
        public Builder timezone(@Nullable String timezone) {
            this.timezone = timezone;
            return this;
        }

        @Override
        public Demographic build() {
            return new Demographic(this);
        }
    }
}
