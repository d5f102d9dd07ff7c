package io.pinpointimport.internal.json;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.StreamWriteFeature;
import com.fasterxml.jackson.core.json.JsonWriteFeature;

/** The one configured Jackson factory both NDJSON directions use. No promises: internal. */
public final class Json {
    /**
     * Thread-safe and immutable once built. Surrogate pairs are written as 4-byte UTF-8 instead of two
     * {@code \}{@code uXXXX} escapes (smaller, and what a person expects to see); a lone surrogate, which UTF-8
     * cannot carry, is still escaped, so it survives a round trip. Neither side closes streams it did not open.
     */
    public static final JsonFactory FACTORY = JsonFactory.builder()
            .enable(JsonWriteFeature.COMBINE_UNICODE_SURROGATES_IN_UTF8)
            .disable(StreamWriteFeature.AUTO_CLOSE_TARGET)
            .disable(StreamWriteFeature.FLUSH_PASSED_TO_STREAM)
            .build();

    private Json() {
    }
}
