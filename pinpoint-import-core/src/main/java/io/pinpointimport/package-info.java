/**
 * pinpoint-import: bulk import of endpoint definitions into Amazon Pinpoint. Start with
 * {@code EndpointImporter}; the model lives in {@link io.pinpointimport.model}.
 *
 * <h2>Conventions of the public API</h2>
 * Every published package of this library (core, {@code pinpoint-import-s3}, the testkit) follows these rules.
 * <ul>
 *   <li><b>Factories.</b> Values are made by {@code builder()...build()}; a type with a ready-made default has
 *       {@code ofDefaults()} (never {@code defaults()} or {@code ofDefault()}), and its default settings are public
 *       {@code DEFAULT_*} constants.</li>
 *   <li><b>Nested configuration.</b> A builder setter that takes a configured value (options, a validator, a
 *       location) also has a {@code Consumer<X.Builder>} overload that starts from {@code X.builder()} (the
 *       defaults) and applies the change.</li>
 *   <li><b>Rival setters.</b> When two setters say the same thing in two ways (for example
 *       {@code EndpointImporter.Builder.validator} and {@code validationLevel}, or {@code importTarget} and
 *       {@code pinpoint}), calling both is a mistake: {@code build()} throws {@link java.lang.IllegalStateException}
 *       naming both. No setter is ever silently ignored. (A setter that only means something with another, such
 *       as {@code JobOptions.Builder.segmentName} without {@code defineSegment(true)}, makes {@code build()} throw
 *       {@link java.lang.IllegalArgumentException}.)</li>
 *   <li><b>Nullability.</b> Every package is {@link org.jspecify.annotations.NullMarked @NullMarked}: no parameter,
 *       return value or type argument is {@code null} unless it is marked
 *       {@link org.jspecify.annotations.Nullable @Nullable}. A null where none is allowed fails fast with a
 *       {@link java.lang.NullPointerException} naming the parameter.</li>
 *   <li><b>Getters.</b> A value that may be absent is returned as {@link java.util.Optional} (or
 *       {@link java.util.OptionalInt} / {@link java.util.OptionalLong} for numbers), never {@code null}; a collection
 *       or map is never {@code null} but empty when there is nothing. One deliberate exception: the endpoint model
 *       ({@link io.pinpointimport.model}) mirrors the service's {@code EndpointBatchItem} as the AWS SDK's model
 *       types do, and its members are read once per record on the serializer's hot path, so an absent member is a
 *       {@code @Nullable} return there. Builder setters of optional values take {@code @Nullable} and clear the value
 *       when given {@code null}.</li>
 * </ul>
 */
@NullMarked
package io.pinpointimport;

import org.jspecify.annotations.NullMarked;
