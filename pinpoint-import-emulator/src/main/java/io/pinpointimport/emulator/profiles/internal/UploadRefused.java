package io.pinpointimport.emulator.profiles.internal;

/** An S3-style refusal of an upload to a pre-signed URL: status, S3 error code, message. */
public final class UploadRefused extends RuntimeException {
    private static final long serialVersionUID = 1L;

    final int status;
    final String code;

    UploadRefused(int status, String code, String message) {
        super(message, null, false, false);
        this.status = status;
        this.code = code;
    }
}
