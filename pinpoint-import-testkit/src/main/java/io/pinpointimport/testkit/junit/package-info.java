/**
 * JUnit 5 support: {@link io.pinpointimport.testkit.junit.PinpointEmulatorExtension} (or the
 * {@link io.pinpointimport.testkit.junit.PinpointEmulatorTest} annotation) starts a local S3 server and the Pinpoint
 * emulator, and injects ready clients, a bucket and a fresh application per test.
 */
@NullMarked
package io.pinpointimport.testkit.junit;

import org.jspecify.annotations.NullMarked;
