package io.pinpointimport.emulator.profiles.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;

/**
 * The service's list pages: {@code max-results}, an opaque {@code next-token}, and
 * {@code {"Items": […], "NextToken": …}}. Not Pinpoint's {@code Paging}: the parameter names, the bounds, the
 * member name and the answers to a bad token differ on the wire.
 */
final class ProfilesPaging {

    private static final String OFFSET = "offset:";

    private ProfilesPaging() {}

    /** @return the requested page size, 1 to {@code max}, or {@code fallback} when none was asked for */
    static int pageSize(@Nullable String raw, int max, int fallback) {
        if (raw == null) {
            return fallback;
        }
        try {
            int size = Integer.parseInt(raw);
            if (size >= 1 && size <= max) {
                return size;
            }
        } catch (NumberFormatException e) {
            // answered below
        }
        throw ProfilesServiceError.badRequest("max-results must be a whole number from 1 to " + max);
    }

    /** @return the offset a token this service gave stands for (at least 0), 0 for none */
    static int offset(@Nullable String token) {
        if (token == null) {
            return 0;
        }
        try {
            String text = new String(Base64.getUrlDecoder().decode(token), StandardCharsets.US_ASCII);
            if (text.startsWith(OFFSET)) {
                return Math.max(0, Integer.parseInt(text.substring(OFFSET.length())));
            }
        } catch (IllegalArgumentException e) {
            // answered below
        }
        throw ProfilesServiceError.badRequest("next-token is not a token this service gave");
    }

    /**
     * Fills {@code node} with one page of {@code all}: {@code Items} from {@code offset} up to
     * {@code offset + size}, and {@code NextToken} when more follow.
     */
    static <T> ObjectNode page(ObjectNode node, List<T> all, int offset, int size, Function<T, JsonNode> render) {
        ArrayNode items = node.putArray("Items");
        int end = Math.min(all.size(), offset + size);
        for (int i = offset; i < end; i++) {
            items.add(render.apply(all.get(i)));
        }
        if (end < all.size()) {
            node.put("NextToken", token(end));
        }
        return node;
    }

    private static String token(int offset) {
        return Base64.getUrlEncoder()
                .withoutPadding()
                .encodeToString((OFFSET + offset).getBytes(StandardCharsets.US_ASCII));
    }
}
