/**
 * The Amazon Pinpoint endpoint-import emulator: {@link io.pinpointimport.emulator.pinpoint.PinpointEmulator}, a
 * local service on the real REST wire protocol backed by a {@link io.pinpointimport.emulator.LocalS3};
 * {@link io.pinpointimport.emulator.pinpoint.Faults} scripts errors, failed jobs and slow or lost answers;
 * {@link io.pinpointimport.emulator.pinpoint.ImportJobJson} renders the service's job JSON byte for byte, for stubs
 * that must answer exactly as the service does.
 */
@NullMarked
package io.pinpointimport.emulator.pinpoint;

import org.jspecify.annotations.NullMarked;
