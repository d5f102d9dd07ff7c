package io.pinpointimport.connect.internal;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The SSE-C headers of an upload to a Customer Profiles pre-signed URL. The service calls its {@code ClientToken}
 * "the plaintext data key used to encrypt the upload file" without saying how it is encoded. It is sent as given in
 * {@code x-amz-server-side-encryption-customer-key}. Its MD5 follows S3's SSE-C rule: when the token is base64 of a
 * 256-bit key (S3's form of the key header), the MD5 is of those 32 decoded bytes; otherwise of the token's UTF-8
 * bytes. Both as base64. No promises: internal.
 */
public final class Sse {
    /** The algorithm header. */
    public static final String ALGORITHM = "x-amz-server-side-encryption-customer-algorithm";
    /** The key header. */
    public static final String KEY = "x-amz-server-side-encryption-customer-key";
    /** The key's MD5 header. */
    public static final String KEY_MD5 = "x-amz-server-side-encryption-customer-key-MD5";

    private Sse() {}

    /**
     * @param clientToken the token from {@code GetUploadJobPath}
     * @return the three headers, in order
     */
    public static Map<String, String> headers(String clientToken) {
        if (clientToken == null || clientToken.isEmpty()) {
            throw new IllegalArgumentException("GetUploadJobPath answered without a ClientToken");
        }
        Map<String, String> h = new LinkedHashMap<>();
        h.put(ALGORITHM, "AES256");
        h.put(KEY, clientToken);
        h.put(KEY_MD5, keyMd5(clientToken));
        return h;
    }

    /**
     * @param clientToken the token
     * @return base64 of the MD5 of the key bytes, as the rule above says
     */
    public static String keyMd5(String clientToken) {
        byte[] key = null;
        try {
            byte[] decoded = Base64.getDecoder().decode(clientToken);
            if (decoded.length == 32) {
                key = decoded;
            }
        } catch (IllegalArgumentException notBase64) {
            // an opaque token: its own bytes are the key
        }
        if (key == null) {
            key = clientToken.getBytes(StandardCharsets.UTF_8);
        }
        try {
            return Base64.getEncoder()
                    .encodeToString(MessageDigest.getInstance("MD5").digest(key));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform must provide MD5", e);
        }
    }
}
