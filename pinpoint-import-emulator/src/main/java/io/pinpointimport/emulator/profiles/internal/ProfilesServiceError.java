package io.pinpointimport.emulator.profiles.internal;

import io.pinpointimport.emulator.profiles.ProfilesError;

/** An error answer of the emulated service: becomes the status, the error-type header and the JSON body. */
public final class ProfilesServiceError extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final ProfilesError error;

    ProfilesServiceError(ProfilesError error, String message) {
        super(message, null, false, false);
        this.error = error;
    }

    ProfilesError error() {
        return error;
    }

    static ProfilesServiceError badRequest(String message) {
        return new ProfilesServiceError(ProfilesError.BAD_REQUEST, message);
    }

    static ProfilesServiceError notFound(String message) {
        return new ProfilesServiceError(ProfilesError.RESOURCE_NOT_FOUND, message);
    }
}
