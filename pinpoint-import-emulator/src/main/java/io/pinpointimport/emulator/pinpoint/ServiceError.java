package io.pinpointimport.emulator.pinpoint;

/** An error answer of the emulated service: becomes the status, the error-type header and the JSON body. */
final class ServiceError extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final ModelledError error;

    ServiceError(ModelledError error, String message) {
        super(message, null, false, false);
        this.error = error;
    }

    ModelledError error() {
        return error;
    }
}
