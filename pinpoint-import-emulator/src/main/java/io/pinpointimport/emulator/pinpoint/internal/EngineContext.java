package io.pinpointimport.emulator.pinpoint.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/** What every part of the engine reads: the settings, the JSON mapper, the clock, and the service's ids and ARNs. */
final class EngineContext {

    static final String ACCOUNT_ID = "123456789012";
    static final String REGION = "us-east-1";
    private static final DateTimeFormatter ISO_MILLIS =
            DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);

    final EngineSettings settings;
    final ObjectMapper mapper;

    EngineContext(EngineSettings settings, ObjectMapper mapper) {
        this.settings = settings;
        this.mapper = mapper;
    }

    /** @return the settings' clock's time as the service writes dates */
    String now() {
        return ISO_MILLIS.format(settings.clock().instant());
    }

    static String appArn(String appId) {
        return "arn:aws:mobiletargeting:" + REGION + ":" + ACCOUNT_ID + ":apps/" + appId;
    }

    /** @return a new id as the service makes them: 32 lower-case hex characters */
    static String newId() {
        return UUID.randomUUID().toString().replace("-", "");
    }

    /** @return the member's text, or {@code null} when it is missing or not a string */
    static @Nullable String text(JsonNode body, String member) {
        JsonNode value = body.get(member);
        return value != null && value.isTextual() ? value.textValue() : null;
    }
}
