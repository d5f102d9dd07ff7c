package io.pinpointimport.emulator.profiles.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.math.BigDecimal;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.HexFormat;
import org.jspecify.annotations.Nullable;

/**
 * What every part of the engine reads: the settings, the JSON mapper, the clock, the random source of ids and keys,
 * and the service's way of reading members and writing timestamps.
 */
final class ProfilesContext {

    /** The default {@code DataExpiry} (days) when a job leaves it out: two weeks, as the model says. */
    static final int DEFAULT_DATA_EXPIRY_DAYS = 14;

    private static final HexFormat HEX = HexFormat.of();

    final ProfilesSettings settings;
    final ObjectMapper mapper;
    final SecureRandom random = new SecureRandom();

    ProfilesContext(ProfilesSettings settings, ObjectMapper mapper) {
        this.settings = settings;
        this.mapper = mapper;
    }

    /** @return the settings' clock's time */
    Instant now() {
        return settings.clock().instant();
    }

    /** @return a new id: 32 lower-case hex characters */
    String newId() {
        byte[] bytes = new byte[16];
        random.nextBytes(bytes);
        return HEX.formatHex(bytes);
    }

    /** Epoch seconds with milliseconds, as rest-json writes timestamps (a JSON number, never in E notation). */
    static BigDecimal epochSeconds(Instant instant) {
        return BigDecimal.valueOf(instant.toEpochMilli(), 3);
    }

    /** @return the member's text, or {@code null} when it is missing or not a string */
    static @Nullable String text(JsonNode body, String member) {
        JsonNode value = body.get(member);
        return value != null && value.isTextual() ? value.textValue() : null;
    }

    /** @return a {@code DefaultExpirationDays} or {@code DataExpiry}: 1 to 1098 days */
    static int expirationDays(JsonNode body, String member, boolean required) {
        JsonNode value = body.get(member);
        if (value == null || value.isNull()) {
            if (required) {
                throw ProfilesServiceError.badRequest(member + " is required");
            }
            return DEFAULT_DATA_EXPIRY_DAYS;
        }
        if (!value.canConvertToInt() || !value.isIntegralNumber() || value.intValue() < 1 || value.intValue() > 1098) {
            throw ProfilesServiceError.badRequest(member + " must be a whole number of days from 1 to 1098");
        }
        return value.intValue();
    }
}
