/**
 * Local emulators of the services the library talks to, on their real wire protocols, for tests, demos and tools
 * such as the AWS CLI: what every emulator shares lives here, {@link io.pinpointimport.emulator.LocalS3} (an
 * in-process S3 server the emulated services read import files from), {@link io.pinpointimport.emulator.Pace}
 * (how fast emulated jobs move), {@link io.pinpointimport.emulator.QuotaMode} and
 * {@link io.pinpointimport.emulator.EmulatorMain}, the standalone launcher. Each service has its own package:
 * {@link io.pinpointimport.emulator.pinpoint} for Amazon Pinpoint's endpoint imports.
 *
 * <p>The emulators read import files with their own parsers and never use the library's formats or validators,
 * so tests against them catch the library's mistakes instead of sharing them. This module depends on no test
 * framework and not on the library itself.
 *
 * <p>Builders, factories, nullability and getters follow the library's API conventions (stated in the core
 * module's {@code io.pinpointimport} package): {@code ofDefaults()}, rival setters make {@code build()} throw,
 * absent values are {@code Optional}, nothing is null unless marked {@code @Nullable}.
 */
@NullMarked
package io.pinpointimport.emulator;

import org.jspecify.annotations.NullMarked;
