/**
 * Testing import code without AWS: {@link io.pinpointimport.testkit.PinpointEmulator}, a local Pinpoint
 * endpoint-import service on the real REST wire protocol, backed by {@link io.pinpointimport.testkit.LocalS3}, an
 * in-process S3 server; {@link io.pinpointimport.testkit.Faults} scripts errors, failed jobs and slow or lost
 * answers; {@link io.pinpointimport.testkit.EmulatorMain} runs both standalone for the AWS CLI.
 *
 * <p>The emulator reads import files with its own parsers and never uses the library's formats or validators,
 * so tests against it catch the library's mistakes instead of sharing them.
 *
 * <p>Builders, factories, nullability and getters follow the conventions stated in {@link io.pinpointimport}:
 * {@code ofDefaults()}, rival setters make {@code build()} throw, absent values are {@code Optional}.
 */
@NullMarked
package io.pinpointimport.testkit;

import org.jspecify.annotations.NullMarked;
