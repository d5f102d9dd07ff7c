package io.pinpointimport.emulator.profiles;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.Map;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.core.client.config.ClientOverrideConfiguration;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.customerprofiles.CustomerProfilesClient;
import software.amazon.awssdk.services.customerprofiles.model.FieldContentType;
import software.amazon.awssdk.services.customerprofiles.model.GetUploadJobPathResponse;
import software.amazon.awssdk.services.customerprofiles.model.ObjectTypeField;

/** Shared helpers of the Customer Profiles emulator tests: SDK clients and the pre-signed upload. */
final class ProfilesClients {

    static final HttpClient HTTP = HttpClient.newHttpClient();

    private ProfilesClients() {}

    static CustomerProfilesClient client(CustomerProfilesEmulator emulator) {
        return CustomerProfilesClient.builder()
                .endpointOverride(emulator.endpoint())
                .region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(
                        AwsBasicCredentials.create("whatever-the-user-has", "any-secret")))
                .overrideConfiguration(ClientOverrideConfiguration.builder()
                        .retryStrategy(AwsRetryStrategy.doNotRetry())
                        .build())
                .build();
    }

    static ObjectTypeField field(String column, String target, FieldContentType type) {
        return ObjectTypeField.builder()
                .source("_source." + column)
                .target("_profile." + target)
                .contentType(type)
                .build();
    }

    /** The fields of the small files the tests upload: UserId, Email, Phone, City, tier. */
    static Map<String, ObjectTypeField> fields() {
        return Map.of(
                "UserId", field("UserId", "AccountNumber", FieldContentType.STRING),
                "Email", field("Email", "EmailAddress", FieldContentType.EMAIL_ADDRESS),
                "Phone", field("Phone", "PhoneNumber", FieldContentType.PHONE_NUMBER),
                "City", field("City", "Address.City", FieldContentType.STRING),
                "tier", field("tier", "Attributes.tier", FieldContentType.STRING));
    }

    static HttpResponse<String> put(GetUploadJobPathResponse path, String body)
            throws IOException, InterruptedException {
        return put(path.url(), path.clientToken(), md5Of(path.clientToken()), body);
    }

    static HttpResponse<String> put(String url, String key, String keyMd5, String body)
            throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url))
                .PUT(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8));
        if (key != null) {
            request.header("x-amz-server-side-encryption-customer-algorithm", "AES256")
                    .header("x-amz-server-side-encryption-customer-key", key)
                    .header("x-amz-server-side-encryption-customer-key-MD5", keyMd5);
        }
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    static HttpResponse<String> putBytes(GetUploadJobPathResponse path, byte[] body)
            throws IOException, InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(URI.create(path.url()))
                .PUT(HttpRequest.BodyPublishers.ofByteArray(body))
                .header("x-amz-server-side-encryption-customer-algorithm", "AES256")
                .header("x-amz-server-side-encryption-customer-key", path.clientToken())
                .header("x-amz-server-side-encryption-customer-key-MD5", md5Of(path.clientToken()))
                .build();
        return HTTP.send(request, HttpResponse.BodyHandlers.ofString());
    }

    static String md5Of(String base64Key) {
        try {
            // computed here, not with the emulator's own code, so that a mistake there cannot hide
            return Base64.getEncoder()
                    .encodeToString(MessageDigest.getInstance("MD5")
                            .digest(Base64.getDecoder().decode(base64Key)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("MD5 is part of every JDK", e);
        }
    }
}
