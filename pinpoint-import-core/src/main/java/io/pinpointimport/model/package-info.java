/**
 * Typed, immutable endpoint definitions: everything one row of an import file may carry (the service's
 * {@code EndpointBatchItem}). Values are made only through builders and never print personal data in
 * {@code toString()}.
 *
 * <p>Unlike the rest of the API, which returns {@code Optional} for values that may be absent, the members of these
 * types are {@link org.jspecify.annotations.Nullable @Nullable} returns, as in the AWS SDK's model: they mirror the
 * service's {@code EndpointBatchItem}, and the serializers read them once per record. Maps and lists are never
 * {@code null}.
 */
@NullMarked
package io.pinpointimport.model;

import org.jspecify.annotations.NullMarked;
