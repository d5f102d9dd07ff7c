package io.pinpointimport.internal.json;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonFactoryBuilder;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.StreamWriteFeature;
import com.fasterxml.jackson.core.json.JsonWriteFeature;

/** The one configured Jackson factory both NDJSON directions use. No promises: internal. */
public final class Json {
    /**
     * Thread-safe and immutable once built. Surrogate pairs are written as 4-byte UTF-8 instead of two
     * {@code \}{@code uXXXX} escapes (smaller, and what a person expects to see); a lone surrogate, which UTF-8
     * cannot carry, is still escaped, so it survives a round trip. Neither side closes streams it did not open.
     * Numbers are read with Jackson's fast double parser (FastDoubleParser), which gives the same double as
     * {@code Double.parseDouble} for every input, in less time.
     */
    public static final JsonFactory FACTORY = build();

    /**
     * {@code COMBINE_UNICODE_SURROGATES_IN_UTF8} came with jackson-core 2.18. It is looked up by name so that core
     * also runs on 2.17 (our stated floor, Spring Boot 3.3's): there a pair is written as two escapes, the same
     * text in 6 more bytes, and sizes stay right because they are measured by writing.
     */
    private static JsonFactory build() {
        JsonFactoryBuilder builder = new JsonFactoryBuilder()
                .enable(StreamReadFeature.USE_FAST_DOUBLE_PARSER)
                .disable(StreamWriteFeature.AUTO_CLOSE_TARGET)
                .disable(StreamWriteFeature.FLUSH_PASSED_TO_STREAM);
        for (JsonWriteFeature feature : JsonWriteFeature.values()) {
            if (feature.name().equals("COMBINE_UNICODE_SURROGATES_IN_UTF8")) {
                builder.enable(feature);
            }
        }
        return builder.build();
    }

    private Json() {}
}
