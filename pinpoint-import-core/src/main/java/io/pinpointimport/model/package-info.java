/**
 * Typed, immutable endpoint definitions: everything one row of an import file may carry (the service's
 * {@code EndpointBatchItem}). Values are made only through builders and never print personal data in
 * {@code toString()}.
 */
package io.pinpointimport.model;
