package io.pinpointimport.emulator.profiles;

/**
 * The Customer Profiles operations the emulator serves, named as in the service model, and the upload of a file
 * to a pre-signed URL; used to aim {@link ProfilesFaults}.
 */
public enum ProfilesOperation {
    /** {@code POST /domains/{DomainName}}. */
    CREATE_DOMAIN,
    /** {@code GET /domains/{DomainName}}. */
    GET_DOMAIN,
    /** {@code POST /domains/{DomainName}/upload-jobs}. */
    CREATE_UPLOAD_JOB,
    /** {@code GET /domains/{DomainName}/upload-jobs/{JobId}/path}. */
    GET_UPLOAD_JOB_PATH,
    /** {@code PUT /domains/{DomainName}/upload-jobs/{JobId}}. */
    START_UPLOAD_JOB,
    /** {@code PUT /domains/{DomainName}/upload-jobs/{JobId}/stop}. */
    STOP_UPLOAD_JOB,
    /** {@code GET /domains/{DomainName}/upload-jobs/{JobId}}. */
    GET_UPLOAD_JOB,
    /** {@code GET /domains/{DomainName}/upload-jobs}, query {@code max-results}, {@code next-token}. */
    LIST_UPLOAD_JOBS,
    /** {@code POST /domains/{DomainName}/profiles/search}. */
    SEARCH_PROFILES,
    /**
     * The {@code PUT} of a file to the URL {@code GetUploadJobPath} gave (an S3 operation in AWS: injected errors
     * are answered as S3 would, with an XML body).
     */
    UPLOAD_FILE
}
