package io.pinpointimport.testkit.profiles;

import static org.assertj.core.api.Assertions.assertThat;

import io.pinpointimport.EndpointImporter;
import io.pinpointimport.ImportRun;
import io.pinpointimport.ImportSummary;
import io.pinpointimport.connect.CustomerProfilesImportTarget;
import io.pinpointimport.connect.ProfileMapping;
import io.pinpointimport.emulator.profiles.CustomerProfilesEmulator;
import io.pinpointimport.model.ChannelType;
import io.pinpointimport.model.EndpointDefinition;
import io.pinpointimport.model.EndpointUser;
import io.pinpointimport.validation.EndpointValidator;
import io.pinpointimport.validation.Rejection;
import io.pinpointimport.validation.Rule;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.customerprofiles.CustomerProfilesAsyncClient;
import software.amazon.awssdk.services.customerprofiles.model.GetUploadJobPathResponse;
import software.amazon.awssdk.services.customerprofiles.model.GetUploadJobResponse;
import software.amazon.awssdk.services.customerprofiles.model.ObjectTypeField;
import software.amazon.awssdk.services.customerprofiles.model.Profile;
import software.amazon.awssdk.services.customerprofiles.model.UploadJobItem;
import software.amazon.awssdk.services.customerprofiles.model.UploadJobStatus;

/**
 * What {@link ProfileMapping}'s check accepts, the Customer Profiles emulator's upload job accepts, value by value
 * (rule {@code target.value-invalid}): a table of tricky values for the fields with a declared content type or an
 * enumeration goes through the local check; then into one emulator upload job with the {@code Fields} the real target
 * declares (learned from a clean run through it), since the target itself never writes a row its check refuses. A
 * row the emulator takes leaves a profile under its key; a row it fails leaves none. The verdicts must be the same
 * for every row.
 */
class ProfileContentDifferentialEmulatorTest {
    static final String DOMAIN = "audience";

    /** A value for a profile path: custom (a mapping step puts it there) or an address through the default table. */
    record Case(String path, String value, ChannelType channel) {
        static Case custom(String path, String value) {
            return new Case(path, value, null);
        }

        static Case address(ChannelType channel, String value) {
            return new Case(null, value, channel);
        }
    }

    static final List<Case> CASES = cases();

    private static List<Case> cases() {
        List<Case> cases = new ArrayList<>();
        String[] phones = {
            "+12065550100",
            "12065550100",
            "+1 (206) 555-0100",
            "206.555.0100",
            "+1\t206 555 0100",
            " +12065550100 ",
            "1234",
            "+1234",
            "12345",
            "+12345",
            "123456789012345",
            "+123456789012345",
            "1234567890123456",
            "+1234567890123456",
            "++12065550100",
            "12065550100+",
            "+1-206-CALL-NOW",
            "abcdefgh",
            "(((12345)))",
            "-.-12345-.-",
            "1/206/555/0100",
            "+1_206_555_0100",
            "\u0661\u0662\u0663\u0664\u0665\u0666", // Arabic-Indic digits
            "\uFF11\uFF12\uFF13\uFF14\uFF15\uFF16", // full-width digits
            "12345\u00A067890", // no-break space
            "+",
            " ",
            "ext 12345"
        };
        for (String p : phones) {
            cases.add(Case.custom("PhoneNumber", p));
        }
        cases.add(Case.custom("MobilePhoneNumber", "+1555"));
        cases.add(Case.custom("HomePhoneNumber", "+1 206 555 0100"));
        cases.add(Case.custom("BusinessPhoneNumber", "call me"));
        String[] emails = {
            "user@example.com",
            "a@b",
            "@example.com",
            "user@",
            "user",
            "user@@example.com",
            "us@er@example.com",
            "user name@example.com",
            " user@example.com",
            "user@example.com ",
            "user\t@example.com",
            "ü名@例え.jp",
            "user@example..com",
            ".@.",
            "user\u00A0name@example.com",
            "\"quoted\"@example.com",
            "user+tag@example.com"
        };
        for (String e : emails) {
            cases.add(Case.custom("EmailAddress", e));
        }
        cases.add(Case.custom("PersonalEmailAddress", "no-at-sign"));
        cases.add(Case.custom("BusinessEmailAddress", "b@example.com"));
        for (String g : new String[] {"MALE", "male", "Female", "unspecified", "M", "other", "MALE ", "Ｍale"}) {
            cases.add(Case.custom("Gender", g));
        }
        for (String t : new String[] {"INDIVIDUAL", "business", "Other", "PERSON", "ındıvıdual"}) {
            cases.add(Case.custom("PartyType", t));
        }
        cases.add(Case.custom("GenderString", "anything at all"));
        cases.add(Case.custom("PartyTypeString", "PERSON"));
        cases.add(Case.custom("FirstName", "12345 not a name @"));
        cases.add(Case.custom("LastName", "+1555"));
        cases.add(Case.custom("Address.City", "+1555"));
        for (String n : new String[] {"1e5", "1E-7", " 12 ", "1 2", "0x1F", "NaN", "\u0661\u0662", "-0", "3.14"}) {
            cases.add(Case.custom("Attributes.score", n));
        }
        // the default table: addresses that Pinpoint's rules accept
        cases.add(Case.address(ChannelType.SMS, "+1555"));
        cases.add(Case.address(ChannelType.SMS, "12"));
        cases.add(Case.address(ChannelType.SMS, "+12065550100"));
        cases.add(Case.address(ChannelType.SMS, "+123456789012345"));
        cases.add(Case.address(ChannelType.VOICE, "+1234"));
        cases.add(Case.address(ChannelType.VOICE, "12345"));
        cases.add(Case.address(ChannelType.EMAIL, "user@example.com"));
        cases.add(Case.address(ChannelType.EMAIL, "ü名@例え.jp"));
        return List.copyOf(cases);
    }

    /** The same mapping on both sides: the default table, and a step that puts a custom case's value in place. */
    static final ProfileMapping MAPPING = ProfileMapping.builder()
            .customize((endpoint, row) -> {
                List<String> path = endpoint.attributes().get("path");
                List<String> value = endpoint.attributes().get("value");
                row.remove(ProfileMapping.ATTRIBUTES_PREFIX + "path")
                        .remove(ProfileMapping.ATTRIBUTES_PREFIX + "value");
                if (path != null && value != null) {
                    row.put(path.get(0), value.get(0));
                }
            })
            .build();

    static EndpointDefinition endpoint(int i, Case c) {
        EndpointDefinition.Builder b = EndpointDefinition.builder()
                .id("case-" + i)
                .user(EndpointUser.builder().userId("case-" + i).build());
        if (c.channel() != null) {
            b.channelType(c.channel()).address(c.value());
        } else {
            b.attributes(Map.of("path", List.of(c.path()), "value", List.of(c.value())));
        }
        return b.build();
    }

    CustomerProfilesEmulator emulator;
    CustomerProfilesAsyncClient client;

    @TempDir
    Path temp;

    @BeforeEach
    void start() {
        emulator = CustomerProfilesEmulator.builder().domain(DOMAIN).start();
        client = CustomerProfilesImportEmulatorTest.client(emulator);
    }

    @AfterEach
    void stop() {
        client.close();
        emulator.close();
    }

    /** The profile path a case's value goes to. */
    static String path(Case c) {
        if (c.channel() == null) {
            return c.path();
        }
        return switch (c.channel()) {
            case SMS -> "PhoneNumber";
            case VOICE -> "HomePhoneNumber";
            case EMAIL -> "EmailAddress";
            default -> throw new IllegalArgumentException(c.toString());
        };
    }

    /** A value of each path that every rule takes, to learn from the real target what it declares. */
    static String valid(String path) {
        if (path.endsWith("PhoneNumber")) {
            return "+12065550100";
        } else if (path.endsWith("EmailAddress")) {
            return "valid@example.com";
        } else if (path.equals("Gender")) {
            return "FEMALE";
        } else if (path.equals("PartyType")) {
            return "OTHER";
        }
        return "valid";
    }

    @Test
    void theLocalCheckAndTheEmulatorGiveTheSameVerdictForEveryTrickyValue() throws Exception {
        List<EndpointDefinition> records = new ArrayList<>();
        for (int i = 0; i < CASES.size(); i++) {
            records.add(endpoint(i, CASES.get(i)));
        }
        // Pinpoint's own rules take every record, so the local verdict is the mapping's alone
        EndpointValidator pinpoint = EndpointValidator.ofDefaults();
        for (int i = 0; i < records.size(); i++) {
            assertThat(pinpoint.validate(i, records.get(i)))
                    .as("Pinpoint rules, %s", CASES.get(i))
                    .isEmpty();
        }
        List<Boolean> local = new ArrayList<>();
        for (int i = 0; i < records.size(); i++) {
            int index = i;
            List<Rejection> rs = MAPPING.check(i, records.get(i));
            assertThat(rs).as("%s", CASES.get(i)).allSatisfy(r -> {
                assertThat(r.rule()).isEqualTo(Rule.TARGET_VALUE_INVALID);
                assertThat(r.recordIndex()).isEqualTo(index);
                assertThat(r.field()).hasValue(CASES.get(index).channel() == null ? path(CASES.get(index)) : "Address");
                assertThat(r.message()).contains(path(CASES.get(index)));
                if (CASES.get(index).value().length() > 5) {
                    // shorter values ("+", "M") may be words of the rule's own text
                    assertThat(r.message()).doesNotContain(CASES.get(index).value());
                }
            });
            local.add(rs.isEmpty());
        }

        // What the real target declares for each path: its Fields, from a clean run with a valid value per path.
        Map<String, String> validValues = new TreeMap<>();
        for (Case c : CASES) {
            validValues.put(path(c), valid(path(c)));
        }
        List<EndpointDefinition> clean = new ArrayList<>();
        validValues.forEach((path, value) -> clean.add(endpoint(clean.size() + 10_000, Case.custom(path, value))));
        ImportSummary summary = run(clean);
        assertThat(summary.isClean()).as(summary.toString()).isTrue();
        List<UploadJobItem> jobs =
                client.listUploadJobs(r -> r.domainName(DOMAIN)).join().items();
        assertThat(jobs).hasSize(1);
        GetUploadJobResponse declared = client.getUploadJob(
                        r -> r.domainName(DOMAIN).jobId(jobs.get(0).jobId()))
                .join();
        Map<String, String> columnOfPath = new HashMap<>();
        List<String> header = new ArrayList<>();
        for (ObjectTypeField f : declared.fields().values()) {
            String column = f.source().substring("_source.".length());
            header.add(column);
            columnOfPath.put(f.target().substring("_profile.".length()), column);
        }
        assertThat(columnOfPath.keySet()).containsAll(validValues.keySet());

        // The table, as the target would write it, with the same Fields, straight into an upload job.
        StringBuilder csv = new StringBuilder(csvLine(header));
        for (int i = 0; i < CASES.size(); i++) {
            List<String> row = new ArrayList<>();
            String column = columnOfPath.get(path(CASES.get(i)));
            String keyColumn = columnOfPath.get(ProfileMapping.KEY_FIELD);
            for (String h : header) {
                row.add(
                        h.equals(keyColumn)
                                ? "case-" + i
                                : h.equals(column) ? CASES.get(i).value() : "");
            }
            csv.append(csvLine(row));
        }
        String jobId = client.createUploadJob(r -> r.domainName(DOMAIN)
                        .displayName("differential content types")
                        .fields(declared.fields())
                        .uniqueKey(declared.uniqueKey())
                        .dataExpiry(30))
                .join()
                .jobId();
        GetUploadJobPathResponse path =
                client.getUploadJobPath(r -> r.domainName(DOMAIN).jobId(jobId)).join();
        HttpResponse<String> upload = put(path, csv.toString());
        assertThat(upload.statusCode()).as(upload.body()).isEqualTo(200);
        client.startUploadJob(r -> r.domainName(DOMAIN).jobId(jobId)).join();
        GetUploadJobResponse done =
                client.getUploadJob(r -> r.domainName(DOMAIN).jobId(jobId)).join();
        assertThat(done.status())
                .as("the emulator's pace is instant")
                .isIn(UploadJobStatus.SUCCEEDED, UploadJobStatus.PARTIALLY_SUCCEEDED);

        List<String> verdicts = new ArrayList<>();
        List<String> disagreements = new ArrayList<>();
        long emulatorFailed = 0;
        for (int i = 0; i < CASES.size(); i++) {
            String key = "case-" + i;
            List<Profile> found = client.searchProfiles(r -> r.domainName(DOMAIN)
                            .keyName(CustomerProfilesImportEmulatorTest.KEY)
                            .values(key))
                    .join()
                    .items();
            boolean emulatorTook = !found.isEmpty();
            if (!emulatorTook) {
                emulatorFailed++;
            }
            String line = CASES.get(i) + " -> local " + (local.get(i) ? "accepts" : "refuses") + ", emulator "
                    + (emulatorTook ? "accepts" : "fails the row");
            verdicts.add(line);
            if (emulatorTook != local.get(i)) {
                disagreements.add(line);
            }
        }
        assertThat(disagreements)
                .as("all verdicts:%n%s", String.join("\n", verdicts))
                .isEmpty();
        assertThat(done.resultsSummary().failedRecords()).isEqualTo(emulatorFailed);
        // the table exercises both verdicts
        assertThat(local).contains(true, false);
        assertThat(local.get(CASES.indexOf(Case.address(ChannelType.SMS, "+1555"))))
                .as("an SMS address of 4 digits, which Pinpoint accepts")
                .isFalse();
    }

    private ImportSummary run(List<EndpointDefinition> records) throws Exception {
        CustomerProfilesImportTarget target = CustomerProfilesImportTarget.builder()
                .client(client)
                .domainName(DOMAIN)
                .dataExpiry(Duration.ofDays(30))
                .workDirectory(temp)
                .mapping(MAPPING)
                .build();
        try (EndpointImporter importer = EndpointImporter.builder()
                .importTarget(target)
                .tempDirectory(temp)
                .polling(p -> p.earlyInterval(Duration.ofMillis(10))
                        .minInterval(Duration.ofMillis(10))
                        .maxInterval(Duration.ofMillis(50)))
                .build()) {
            ImportRun run = importer.importEndpoints(records);
            return run.summary().get(180, TimeUnit.SECONDS);
        }
    }

    private static String csvLine(List<String> cells) {
        StringBuilder sb = new StringBuilder();
        for (String cell : cells) {
            if (sb.length() > 0) {
                sb.append(',');
            }
            sb.append('"').append(cell.replace("\"", "\"\"")).append('"');
        }
        return sb.append('\n').toString();
    }

    private static HttpResponse<String> put(GetUploadJobPathResponse path, String body)
            throws IOException, InterruptedException {
        String md5 = Base64.getEncoder()
                .encodeToString(md5().digest(Base64.getDecoder().decode(path.clientToken())));
        HttpRequest request = HttpRequest.newBuilder(URI.create(path.url()))
                .PUT(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8))
                .header("x-amz-server-side-encryption-customer-algorithm", "AES256")
                .header("x-amz-server-side-encryption-customer-key", path.clientToken())
                .header("x-amz-server-side-encryption-customer-key-MD5", md5)
                .build();
        return HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofString());
    }

    private static MessageDigest md5() {
        try {
            return MessageDigest.getInstance("MD5");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
