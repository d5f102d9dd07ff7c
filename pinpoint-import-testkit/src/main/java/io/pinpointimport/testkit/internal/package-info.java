/**
 * Internals of the testkit; no compatibility promises, names and behaviour may change in any release.
 *
 * <p>The emulator's own readers for import files: a CSV tokenizer and a row decoder that turn CSV and NDJSON rows
 * into the JSON shape of an endpoint, with the service's rules. They are written independently of the library's
 * {@code format} and {@code validation} packages on purpose, so that tests can catch their mistakes.
 *
 * <p>{@code ImportJobJson}: the import-job JSON as the service puts it on the wire, shared by the emulator's
 * checks and the WireMock helpers.
 */
package io.pinpointimport.testkit.internal;
