package io.pinpointimport.emulator.profiles.internal;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * One entry of an upload job's {@code Fields}: the field key, the source column, the target path below
 * {@code _profile.} and the {@code ContentType}.
 */
record FieldMapping(String fieldKey, String column, String path, String contentType) {

    /** @return the entry {@code Fields.<key>} as the service checks it, or a {@code BadRequestException} */
    static FieldMapping of(String key, JsonNode field) {
        if (!ProfileFields.validFieldName(key)) {
            throw ProfilesServiceError.badRequest("Fields keys must be 1-64 characters of a-z, A-Z, 0-9, _, . and -");
        }
        if (field == null || !field.isObject()) {
            throw ProfilesServiceError.badRequest("Fields." + key + " must be an ObjectTypeField object");
        }
        String column = ProfileFields.sourceColumn(ProfilesContext.text(field, "Source"));
        if (column == null) {
            throw ProfilesServiceError.badRequest(
                    "Fields." + key + ".Source must be _source.<Column>, with a column name without dots");
        }
        String path = ProfileFields.targetPath(ProfilesContext.text(field, "Target"));
        if (path == null) {
            throw ProfilesServiceError.badRequest("Fields." + key + ".Target must name a standard profile field,"
                    + " such as _profile.EmailAddress, _profile.Address.City or _profile.Attributes.<name>");
        }
        String contentType = field.has("ContentType") ? ProfilesContext.text(field, "ContentType") : "STRING";
        if (contentType == null || !ProfileFields.CONTENT_TYPES.contains(contentType)) {
            throw ProfilesServiceError.badRequest(
                    "Fields." + key + ".ContentType must be STRING, NUMBER, PHONE_NUMBER, EMAIL_ADDRESS or NAME");
        }
        return new FieldMapping(key, column, path, contentType);
    }
}
