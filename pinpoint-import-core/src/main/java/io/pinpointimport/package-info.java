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
 * </ul>
 */
package io.pinpointimport;
