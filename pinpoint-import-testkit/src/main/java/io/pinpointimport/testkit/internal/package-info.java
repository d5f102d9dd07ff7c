/**
 * Internals shared by the emulator and the WireMock helpers. No promises: names and behaviour may change in any
 * release.
 */
package io.pinpointimport.testkit.internal;
