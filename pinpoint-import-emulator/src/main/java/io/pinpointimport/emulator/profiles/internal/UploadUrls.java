package io.pinpointimport.emulator.profiles.internal;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Base64;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.Map;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.jspecify.annotations.Nullable;

/**
 * The pre-signed upload URLs of {@code GetUploadJobPath}: issued with a client token (the SSE-C key), an expiry and
 * a signature; each upload to one is checked as S3 checks an SSE-C upload and its file handed to the job.
 */
final class UploadUrls {

    private static final DateTimeFormatter AMZ_DATE =
            DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'").withZone(ZoneOffset.UTC);
    private static final HexFormat HEX = HexFormat.of();

    private record Upload(String id, UploadJob job, String clientToken, Instant validUntil) {}

    private final ProfilesContext context;
    private final UploadJobFaults faults;
    private final byte[] urlKey = new byte[32];
    private final Map<String, Upload> uploads = new HashMap<>();

    UploadUrls(ProfilesContext context, UploadJobFaults faults) {
        this.context = context;
        this.faults = faults;
        context.random.nextBytes(urlKey);
    }

    /** {@code GetUploadJobPath}: a new URL for the job's file, given only before the job starts. */
    Answer issue(UploadJob job, URI base) {
        if (!job.status.equals(UploadJob.CREATED)) {
            throw ProfilesServiceError.badRequest("Upload job " + job.id + " is " + job.status
                    + ": upload paths are given only before StartUploadJob");
        }
        Instant now = context.now();
        Duration validity = context.settings.uploadUrlValidity();
        Instant issued = faults.takeExpiredUrl() ? now.minus(validity).minusSeconds(1) : now;
        Instant validUntil = issued.plus(validity);
        byte[] key = new byte[32];
        context.random.nextBytes(key);
        Upload upload = new Upload(context.newId(), job, Base64.getEncoder().encodeToString(key), validUntil);
        uploads.put(upload.id(), upload);
        String url = base + "/upload/" + job.domain.name + "/" + job.id + "/" + upload.id()
                + "?X-Amz-Algorithm=AWS4-HMAC-SHA256"
                + "&X-Amz-Credential=EMULATOR%2F" + AMZ_DATE.format(issued).substring(0, 8)
                + "%2Fus-east-1%2Fs3%2Faws4_request"
                + "&X-Amz-Date=" + AMZ_DATE.format(issued)
                + "&X-Amz-Expires=" + validity.toSeconds()
                + "&X-Amz-SignedHeaders=host%3Bx-amz-server-side-encryption-customer-algorithm"
                + "%3Bx-amz-server-side-encryption-customer-key%3Bx-amz-server-side-encryption-customer-key-md5"
                + "&X-Amz-Signature=" + signature(upload.id());
        ObjectNode node = context.mapper.createObjectNode();
        node.put("Url", url);
        node.put("ClientToken", upload.clientToken());
        node.put("ValidUntil", ProfilesContext.epochSeconds(validUntil));
        return new Answer(200, node);
    }

    /**
     * Checks an upload against its URL (expiry, signature, SSE-C headers), in S3's order.
     *
     * @return the upload's id, to hand to {@link #attachFile} once the body is stored
     * @throws UploadRefused the S3 error to answer
     */
    String check(
            String domainName,
            String jobId,
            String uploadId,
            @Nullable String signature,
            @Nullable String algorithm,
            @Nullable String key,
            @Nullable String keyMd5) {
        Upload upload = uploads.get(uploadId);
        if (upload == null
                || !upload.job().id.equals(jobId)
                || !upload.job().domain.name.equals(domainName)) {
            throw new UploadRefused(403, "AccessDenied", "Access Denied");
        }
        if (!context.now().isBefore(upload.validUntil())) {
            throw new UploadRefused(403, "AccessDenied", "Request has expired");
        }
        if (signature == null
                || !MessageDigest.isEqual(
                        signature.getBytes(StandardCharsets.US_ASCII),
                        signature(uploadId).getBytes(StandardCharsets.US_ASCII))) {
            throw new UploadRefused(
                    403,
                    "SignatureDoesNotMatch",
                    "The request signature we calculated does not"
                            + " match the signature you provided. Check your key and signing method.");
        }
        if (algorithm == null || key == null || keyMd5 == null) {
            throw new UploadRefused(
                    400,
                    "InvalidRequest",
                    "The upload URL was signed with the SSE-C headers"
                            + " x-amz-server-side-encryption-customer-algorithm, -key and -key-MD5; send all three");
        }
        if (!algorithm.equals("AES256")) {
            throw new UploadRefused(
                    400,
                    "InvalidEncryptionAlgorithmError",
                    "The Encryption request you specified is not valid. Supported value: AES256.");
        }
        byte[] raw;
        try {
            raw = Base64.getDecoder().decode(key);
        } catch (IllegalArgumentException e) {
            raw = new byte[0];
        }
        if (raw.length != 32) {
            throw new UploadRefused(400, "InvalidArgument", "The secret key was invalid for the specified algorithm.");
        }
        if (!MessageDigest.isEqual(
                md5Base64(raw).getBytes(StandardCharsets.US_ASCII), keyMd5.getBytes(StandardCharsets.US_ASCII))) {
            throw new UploadRefused(
                    400,
                    "InvalidArgument",
                    "The calculated MD5 hash of the key did not match the hash that was provided.");
        }
        if (!MessageDigest.isEqual(
                key.getBytes(StandardCharsets.US_ASCII), upload.clientToken().getBytes(StandardCharsets.US_ASCII))) {
            throw new UploadRefused(
                    403, "AccessDenied", "The SSE-C key is not the ClientToken given with this" + " upload URL");
        }
        if (!upload.job().status.equals(UploadJob.CREATED)) {
            throw new UploadRefused(403, "AccessDenied", "The upload job no longer takes a file");
        }
        return uploadId;
    }

    /** Gives the job the file just stored for it, replacing an earlier one; the file is the job's from now on. */
    void attachFile(String uploadId, Path file, long bytes) {
        Upload upload = uploads.get(uploadId);
        if (upload == null || !upload.job().status.equals(UploadJob.CREATED)) {
            UploadFiles.deleteQuietly(file);
            throw new UploadRefused(403, "AccessDenied", "The upload job no longer takes a file");
        }
        UploadJob job = upload.job();
        if (job.file != null) {
            UploadFiles.deleteQuietly(job.file);
        }
        job.file = file;
        job.fileBytes = bytes;
    }

    /** Forgets the job's URLs: it takes no file any more (started or stopped). */
    void forget(UploadJob job) {
        uploads.values().removeIf(u -> u.job() == job);
    }

    void clear() {
        uploads.clear();
    }

    /** @return the base64 MD5 digest of the bytes, as the SSE-C key's {@code -key-MD5} header carries it */
    static String md5Base64(byte[] bytes) {
        try {
            return Base64.getEncoder()
                    .encodeToString(MessageDigest.getInstance("MD5").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("MD5 is part of every JDK", e);
        }
    }

    private String signature(String uploadId) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(urlKey, "HmacSHA256"));
            return HEX.formatHex(mac.doFinal(uploadId.getBytes(StandardCharsets.US_ASCII)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is part of every JDK", e);
        }
    }
}
