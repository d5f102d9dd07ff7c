package io.pinpointimport.emulator.pinpoint.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;

/** The service's list pages: {@code page-size}, an opaque {@code token}, and {@code {"Item": […], "NextToken": …}}. */
final class Paging {

    private static final String OFFSET = "offset:";

    private Paging() {}

    /** @return the requested page size, or {@code fallback} when none was asked for */
    static int pageSize(@Nullable String pageSizeText, int fallback) {
        if (pageSizeText == null) {
            return fallback;
        }
        int pageSize;
        try {
            pageSize = Integer.parseInt(pageSizeText.trim());
        } catch (NumberFormatException e) {
            throw ServiceError.badRequest("page-size must be a whole number");
        }
        if (pageSize < 1) {
            throw ServiceError.badRequest("page-size must be at least 1");
        }
        return pageSize;
    }

    /** @return the offset a token this service gave stands for (as written in it), 0 for none */
    static int offset(@Nullable String token) {
        if (token == null || token.isEmpty()) {
            return 0;
        }
        try {
            String decoded = new String(Base64.getUrlDecoder().decode(token), StandardCharsets.UTF_8);
            if (!decoded.startsWith(OFFSET)) {
                throw new IllegalArgumentException(decoded);
            }
            return Integer.parseInt(decoded.substring(OFFSET.length()));
        } catch (IllegalArgumentException e) {
            throw ServiceError.badRequest("Invalid token");
        }
    }

    /**
     * Fills {@code node} with one page of {@code all}: {@code Item} from {@code offset} (at least 0) up to
     * {@code offset + pageSize}, and {@code NextToken} when more follow.
     */
    static <T> ObjectNode page(ObjectNode node, List<T> all, int offset, int pageSize, Function<T, JsonNode> render) {
        ArrayNode items = node.putArray("Item");
        int end = Math.min(all.size(), offset + pageSize);
        for (int i = Math.max(0, offset); i < end; i++) {
            items.add(render.apply(all.get(i)));
        }
        if (end < all.size()) {
            node.put(
                    "NextToken",
                    Base64.getUrlEncoder()
                            .withoutPadding()
                            .encodeToString((OFFSET + end).getBytes(StandardCharsets.UTF_8)));
        }
        return node;
    }
}
