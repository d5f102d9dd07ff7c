package io.pinpointimport.model;

import io.pinpointimport.internal.Collections2;
import io.pinpointimport.internal.ToStringBuilder;
import java.util.Arrays;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;

/**
 * The user an endpoint belongs to: the service's {@code EndpointUser}. Several endpoints (at most 15) may share a
 * user id; the service keeps user attributes in step across all of them.
 *
 * <p>{@code toString()} masks the user id and shows attribute names with value counts only.
 *
 * <pre>{@code
 * EndpointUser u = EndpointUser.builder().userId("example-user-id-2").attribute("tier", "gold").build();
 * }</pre>
 */
public final class EndpointUser {
    private final String userId;
    private final Map<String, List<String>> userAttributes;

    private EndpointUser(BuilderImpl b) {
        this.userId = b.userId;
        this.userAttributes = Collections2.copyMultiMap(
                b.frozenUserAttributes != null ? b.frozenUserAttributes : b.userAttributes, "User.UserAttributes");
    }

    /** @return a new, empty builder */
    public static Builder builder() {
        return new BuilderImpl();
    }

    /** @return a builder holding this user's values */
    public Builder toBuilder() {
        return new BuilderImpl(this);
    }

    /** @return the user id, or {@code null} */
    public @Nullable String userId() {
        return userId;
    }

    /** @return custom user attributes, name to values, in insertion order; never {@code null}, unmodifiable */
    public Map<String, List<String>> userAttributes() {
        return userAttributes;
    }

    /** @return whether neither a user id nor an attribute is set */
    public boolean isEmpty() {
        return userId == null && userAttributes.isEmpty();
    }

    @Override
    public boolean equals(Object o) {
        if (this == o) {
            return true;
        }
        if (!(o instanceof EndpointUser other)) {
            return false;
        }
        return Objects.equals(userId, other.userId) && userAttributes.equals(other.userAttributes);
    }

    @Override
    public int hashCode() {
        return Objects.hash(userId, userAttributes);
    }

    @Override
    public String toString() {
        return ToStringBuilder.of("EndpointUser")
                .addMasked("userId", userId)
                .add("userAttributes", userAttributes.isEmpty() ? null : Collections2.describeMasked(userAttributes))
                .build();
    }

    /** Builds an {@link EndpointUser}. Not thread-safe; {@link #build()} may be called more than once. */
    public interface Builder {
        /**
         * @param userId the user id; {@code null} clears it
         * @return this builder
         */
        Builder userId(@Nullable String userId);

        /**
         * Replaces all user attributes.
         *
         * @param userAttributes name to values; {@code null} clears them
         * @return this builder
         */
        Builder userAttributes(@Nullable Map<String, ? extends Collection<String>> userAttributes);

        /**
         * Sets one user attribute, replacing its values if the name is already set.
         *
         * @param name the attribute name
         * @param values its values, in order
         * @return this builder
         */
        Builder attribute(String name, String... values);

        /**
         * Sets one user attribute, replacing its values if the name is already set.
         *
         * @param name the attribute name
         * @param values its values, in order
         * @return this builder
         */
        Builder attribute(String name, Collection<String> values);

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

        /** @return an immutable user */
        EndpointUser build();
    }

    private static final class BuilderImpl implements Builder {
        private String userId;
        private final Map<String, List<String>> userAttributes = new LinkedHashMap<>();
        // A reader's frozen map (Collections2.freezeEntries), kept as it is instead of copied twice; the live map
        // above is empty while it is set, and takes its entries over at the first change.
        private Map<String, List<String>> frozenUserAttributes;

        BuilderImpl() {}

        BuilderImpl(EndpointUser u) {
            this.userId = u.userId;
            if (Collections2.isFrozen(u.userAttributes)) {
                this.frozenUserAttributes = u.userAttributes;
            } else {
                this.userAttributes.putAll(u.userAttributes);
            }
        }

        @Override
        public Builder userId(@Nullable String userId) {
            this.userId = userId;
            return this;
        }

        @Override
        @SuppressWarnings("unchecked")
        public Builder userAttributes(@Nullable Map<String, ? extends Collection<String>> attributes) {
            this.userAttributes.clear();
            this.frozenUserAttributes = null;
            if (Collections2.isFrozen(attributes)) {
                this.frozenUserAttributes = (Map<String, List<String>>) attributes;
            } else if (attributes != null) {
                attributes.forEach(this::attribute);
            }
            return this;
        }

        @Override
        public Builder attribute(String name, String... values) {
            return attribute(name, Arrays.asList(Objects.requireNonNull(values, "values")));
        }

        @Override
        public Builder attribute(String name, Collection<String> values) {
            Objects.requireNonNull(name, "User.UserAttributes: a name must not be null");
            if (frozenUserAttributes != null) {
                userAttributes.putAll(frozenUserAttributes);
                frozenUserAttributes = null;
            }
            userAttributes.put(
                    name,
                    Collections2.copyList(Objects.requireNonNull(values, "values"), "User.UserAttributes." + name));
            return this;
        }

        @Override
        public EndpointUser build() {
            return new EndpointUser(this);
        }
    }
}
