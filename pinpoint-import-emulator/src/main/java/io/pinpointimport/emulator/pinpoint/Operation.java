package io.pinpointimport.emulator.pinpoint;

/**
 * The Pinpoint operations the emulator serves, named as in the service model; used to aim {@link Faults}.
 */
public enum Operation {
    /** {@code POST /v1/apps}: 201. */
    CREATE_APP,
    /** {@code GET /v1/apps/{application-id}}. */
    GET_APP,
    /** {@code GET /v1/apps}, query {@code page-size}, {@code token}. */
    GET_APPS,
    /** {@code DELETE /v1/apps/{application-id}}: 200 with the deleted application. */
    DELETE_APP,
    /** {@code POST /v1/apps/{application-id}/jobs/import}: 201. */
    CREATE_IMPORT_JOB,
    /** {@code GET /v1/apps/{application-id}/jobs/import/{job-id}}. */
    GET_IMPORT_JOB,
    /** {@code GET /v1/apps/{application-id}/jobs/import}, query {@code page-size}, {@code token}. */
    GET_IMPORT_JOBS,
    /** {@code GET /v1/apps/{application-id}/segments/{segment-id}/jobs/import}. */
    GET_SEGMENT_IMPORT_JOBS,
    /** {@code GET /v1/apps/{application-id}/segments/{segment-id}}. */
    GET_SEGMENT,
    /** {@code GET /v1/apps/{application-id}/endpoints/{endpoint-id}}. */
    GET_ENDPOINT,
    /** {@code DELETE /v1/apps/{application-id}/endpoints/{endpoint-id}}: 202. */
    DELETE_ENDPOINT,
    /** {@code GET /v1/apps/{application-id}/users/{user-id}}. */
    GET_USER_ENDPOINTS
}
