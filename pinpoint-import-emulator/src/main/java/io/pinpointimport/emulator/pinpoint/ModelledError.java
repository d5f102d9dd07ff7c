package io.pinpointimport.emulator.pinpoint;

/**
 * The seven errors the Pinpoint model lists for every import operation, with their HTTP status. The emulator
 * sends the name in the {@code x-amzn-ErrorType} header and a JSON body {@code {"Message":…,"RequestID":…}}, so
 * the SDK for Java v2 throws the exception class of the same name and the AWS CLI prints it.
 */
public enum ModelledError {
    /** HTTP 400, {@code BadRequestException}: the request is malformed or breaks a rule. */
    BAD_REQUEST(400, "BadRequestException"),
    /** HTTP 403, {@code ForbiddenException}: access to the resource is forbidden. */
    FORBIDDEN(403, "ForbiddenException"),
    /** HTTP 404, {@code NotFoundException}: no such application, job, endpoint, segment or path. */
    NOT_FOUND(404, "NotFoundException"),
    /** HTTP 405, {@code MethodNotAllowedException}: the path exists but not with this method. */
    METHOD_NOT_ALLOWED(405, "MethodNotAllowedException"),
    /** HTTP 413, {@code PayloadTooLargeException}: the request body is over the 7 MB API payload limit. */
    PAYLOAD_TOO_LARGE(413, "PayloadTooLargeException"),
    /** HTTP 429, {@code TooManyRequestsException}: throttled, or the active-job quota is full (refuse mode). */
    TOO_MANY_REQUESTS(429, "TooManyRequestsException"),
    /** HTTP 500, {@code InternalServerErrorException}: an unexpected failure in the service. */
    INTERNAL_SERVER_ERROR(500, "InternalServerErrorException");

    private final int status;
    private final String errorType;

    ModelledError(int status, String errorType) {
        this.status = status;
        this.errorType = errorType;
    }

    /** @return the HTTP status code */
    public int status() {
        return status;
    }

    /** @return the model's shape name, sent as {@code x-amzn-ErrorType}, e.g. {@code NotFoundException} */
    public String errorType() {
        return errorType;
    }

    /** @return a short default message for injected faults, e.g. {@code "Injected TooManyRequestsException"} */
    String defaultMessage() {
        return "Injected " + errorType;
    }
}
