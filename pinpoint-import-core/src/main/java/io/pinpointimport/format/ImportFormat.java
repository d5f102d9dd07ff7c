package io.pinpointimport.format;

/**
 * The file formats an import job reads, named as the service names them.
 */
public enum ImportFormat {
    /** Comma-separated values with a header of dot-notation columns ({@code Location.Country}). */
    CSV("csv", "text/csv"),
    /** Newline-delimited JSON: one complete object per line, no enclosing array. */
    JSON("json", "application/x-ndjson");

    private final String extension;
    private final String contentType;

    ImportFormat(String extension, String contentType) {
        this.extension = extension;
        this.contentType = contentType;
    }

    /** @return the file extension without the dot: {@code csv} or {@code json} */
    public String extension() {
        return extension;
    }

    /** @return the media type to store objects with: {@code text/csv} or {@code application/x-ndjson} */
    public String contentType() {
        return contentType;
    }
}
