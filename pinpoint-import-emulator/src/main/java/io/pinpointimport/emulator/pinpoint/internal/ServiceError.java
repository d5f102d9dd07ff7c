package io.pinpointimport.emulator.pinpoint.internal;

import io.pinpointimport.emulator.pinpoint.ModelledError;

/** An error answer of the emulated service: becomes the status, the error-type header and the JSON body. */
public final class ServiceError extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final ModelledError error;

    /**
     * @param error the modelled error
     * @param message the {@code Message} of the error body
     */
    public ServiceError(ModelledError error, String message) {
        super(message, null, false, false);
        this.error = error;
    }

    /** @return the modelled error */
    public ModelledError error() {
        return error;
    }

    static ServiceError badRequest(String message) {
        return new ServiceError(ModelledError.BAD_REQUEST, message);
    }

    static ServiceError notFound(String message) {
        return new ServiceError(ModelledError.NOT_FOUND, message);
    }
}
