package io.pinpointimport.emulator.profiles;

/**
 * The five errors the Customer Profiles model lists for every upload-job operation, with their HTTP status. The
 * emulator sends the name in the {@code x-amzn-ErrorType} header and a JSON body {@code {"Message":…}}, so the SDK
 * for Java v2 throws the exception class of the same name and the AWS CLI prints it.
 */
public enum ProfilesError {
    /** HTTP 400, {@code BadRequestException}: the request is malformed or breaks a rule. */
    BAD_REQUEST(400, "BadRequestException"),
    /** HTTP 403, {@code AccessDeniedException}: the caller may not do this. */
    ACCESS_DENIED(403, "AccessDeniedException"),
    /** HTTP 404, {@code ResourceNotFoundException}: no such domain or job. */
    RESOURCE_NOT_FOUND(404, "ResourceNotFoundException"),
    /** HTTP 429, {@code ThrottlingException}: too many requests. */
    THROTTLING(429, "ThrottlingException"),
    /** HTTP 500, {@code InternalServerException}: an unexpected failure in the service. */
    INTERNAL_SERVER(500, "InternalServerException");

    private final int status;
    private final String errorType;

    ProfilesError(int status, String errorType) {
        this.status = status;
        this.errorType = errorType;
    }

    /** @return the HTTP status code */
    public int status() {
        return status;
    }

    /** @return the model's shape name, sent as {@code x-amzn-ErrorType}, e.g. {@code ThrottlingException} */
    public String errorType() {
        return errorType;
    }

    String defaultMessage() {
        return "Injected " + errorType;
    }
}
