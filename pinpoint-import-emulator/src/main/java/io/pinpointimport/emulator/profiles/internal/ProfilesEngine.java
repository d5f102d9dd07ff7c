package io.pinpointimport.emulator.profiles.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.pinpointimport.emulator.Pace;
import io.pinpointimport.emulator.profiles.CustomerProfilesEmulator;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.net.URI;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The emulated Customer Profiles service: domains, upload jobs, upload URLs and profiles. Every operation runs under
 * this object's lock; the HTTP front turns answers and {@link ProfilesServiceError}s into responses. Behaviour AWS
 * does not document is chosen in one place, {@code docs/emulator-customer-profiles.md}; the constants below name
 * the section that explains them.
 */
public final class ProfilesEngine {

    /** An answer with a status and a bare JSON body. */
    public record Answer(int status, JsonNode body) {}

    /** What the builder set. */
    public record Settings(
            Pace pace,
            boolean keepProfiles,
            Clock clock,
            Duration uploadUrlValidity,
            long maxFileBytes,
            int defaultPageSize,
            Path uploadDirectory) {}

    /** An S3-style refusal of an upload: status, S3 error code, message. */
    public static final class UploadRefused extends RuntimeException {
        private static final long serialVersionUID = 1L;
        final int status;
        final String code;

        UploadRefused(int status, String code, String message) {
            super(message, null, false, false);
            this.status = status;
            this.code = code;
        }
    }

    /** The default {@code DataExpiry} (days) when a job leaves it out: two weeks, as the model says. */
    public static final int DEFAULT_DATA_EXPIRY_DAYS = 14;
    /** Page size of {@code ListUploadJobs} without {@code max-results} (undocumented; see the doc page). */
    static final int DEFAULT_LIST_PAGE_SIZE = 20;
    /** Page size of {@code SearchProfiles} without {@code max-results}: 20, as the model says. */
    static final int DEFAULT_SEARCH_PAGE_SIZE = 20;
    /** How many steps of a timed pace a started job stays {@code IN_PROGRESS}. */
    static final int TIMED_STEPS_IN_PROGRESS = 2;

    private static final Pattern DOMAIN_NAME = Pattern.compile("[a-zA-Z0-9_-]{1,64}");
    private static final DateTimeFormatter AMZ_DATE =
            DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'").withZone(ZoneOffset.UTC);
    private static final HexFormat HEX = HexFormat.of();

    private static final class Domain {
        final String name;
        final Instant createdAt;
        final int defaultExpirationDays;
        final ObjectNode echoed;
        final LinkedHashMap<String, Job> jobs = new LinkedHashMap<>();
        final Map<String, Profile> profiles = new LinkedHashMap<>(); // key: the UniqueKey value (full mode)
        final Set<String> keys = new HashSet<>(); // the UniqueKey values (lean mode)
        final Set<String> uniqueKeyNames = new HashSet<>();
        long objectCount;
        long totalSize;
        Instant lastUpdatedAt;

        Domain(String name, Instant createdAt, int defaultExpirationDays, ObjectNode echoed) {
            this.name = name;
            this.createdAt = createdAt;
            this.lastUpdatedAt = createdAt;
            this.defaultExpirationDays = defaultExpirationDays;
            this.echoed = echoed;
        }

        int profileCount(boolean full) {
            return full ? profiles.size() : keys.size();
        }
    }

    private static final class Profile {
        final String id;
        final String key;
        final TreeMap<String, String> values = new TreeMap<>(); // path below _profile., Attributes excluded
        final TreeMap<String, String> attributes = new TreeMap<>();

        Profile(String id, String key) {
            this.id = id;
            this.key = key;
        }

        Profile copy() {
            Profile copy = new Profile(id, key);
            copy.values.putAll(values);
            copy.attributes.putAll(attributes);
            return copy;
        }
    }

    private record Mapping(String fieldKey, String column, String path, String contentType) {}

    private static final class Job {
        final String id;
        final Domain domain;
        final String displayName;
        final ObjectNode fields;
        final List<Mapping> mappings;
        final String uniqueKey;
        final int dataExpiry;
        final Instant createdAt;
        String status = "CREATED";
        String statusReason;
        Instant completedAt;
        long created;
        long updated;
        long failed;
        Path file;
        long fileBytes;
        int getsSinceStart;
        ScheduledFuture<?> ticker;

        Job(
                String id,
                Domain domain,
                String displayName,
                ObjectNode fields,
                List<Mapping> mappings,
                String uniqueKey,
                int dataExpiry,
                Instant createdAt) {
            this.id = id;
            this.domain = domain;
            this.displayName = displayName;
            this.fields = fields;
            this.mappings = mappings;
            this.uniqueKey = uniqueKey;
            this.dataExpiry = dataExpiry;
            this.createdAt = createdAt;
        }

        boolean terminal() {
            return !status.equals("CREATED") && !status.equals("IN_PROGRESS");
        }
    }

    private record Upload(String id, Job job, String clientToken, Instant validUntil) {}

    private final Settings settings;
    private final UploadJobFaults faults;
    private final ScheduledExecutorService scheduler;
    private final ObjectMapper mapper;
    private final SecureRandom random = new SecureRandom();
    private final byte[] urlKey = new byte[32];
    private final Map<String, Domain> domains = new LinkedHashMap<>();
    private final Map<String, Upload> uploads = new HashMap<>();

    public ProfilesEngine(
            Settings settings, UploadJobFaults faults, ScheduledExecutorService scheduler, ObjectMapper mapper) {
        this.settings = settings;
        this.faults = faults;
        this.scheduler = scheduler;
        this.mapper = mapper;
        random.nextBytes(urlKey);
    }

    // ---------------------------------------------------------------- domains

    public synchronized void createDomain(String name, int defaultExpirationDays) {
        requireDomainName(name);
        if (!domains.containsKey(name)) {
            domains.put(name, new Domain(name, now(), defaultExpirationDays, mapper.createObjectNode()));
        }
    }

    synchronized Answer createDomain(String name, JsonNode body) {
        requireDomainName(name);
        if (body == null || !body.isObject()) {
            throw ProfilesServiceError.badRequest("The request body must be a CreateDomainRequest JSON object");
        }
        int days = expirationDays(body, "DefaultExpirationDays", true);
        if (domains.containsKey(name)) {
            throw ProfilesServiceError.badRequest("Domain " + name + " already exists");
        }
        ObjectNode echoed = mapper.createObjectNode();
        for (String member : List.of("DefaultEncryptionKey", "DeadLetterQueueUrl", "Tags")) {
            if (body.hasNonNull(member)) {
                echoed.set(member, body.get(member).deepCopy());
            }
        }
        Domain domain = new Domain(name, now(), days, echoed);
        domains.put(name, domain);
        return new Answer(200, renderDomain(domain, false));
    }

    synchronized Answer getDomain(String name) {
        return new Answer(200, renderDomain(domain(name), true));
    }

    public synchronized long profileCount(String name) {
        return domain(name).profileCount(settings.keepProfiles());
    }

    private ObjectNode renderDomain(Domain domain, boolean stats) {
        ObjectNode node = mapper.createObjectNode();
        node.put("DomainName", domain.name);
        node.put("DefaultExpirationDays", domain.defaultExpirationDays);
        domain.echoed
                .fields()
                .forEachRemaining(e -> node.set(e.getKey(), e.getValue().deepCopy()));
        if (stats) {
            ObjectNode statsNode = node.putObject("Stats");
            long count = domain.profileCount(settings.keepProfiles());
            statsNode.put("ProfileCount", count);
            statsNode.put("MeteringProfileCount", count);
            statsNode.put("ObjectCount", domain.objectCount);
            statsNode.put("TotalSize", domain.totalSize);
        }
        node.put("CreatedAt", epochSeconds(domain.createdAt));
        node.put("LastUpdatedAt", epochSeconds(domain.lastUpdatedAt));
        return node;
    }

    private Domain domain(String name) {
        requireDomainName(name);
        Domain domain = domains.get(name);
        if (domain == null) {
            throw ProfilesServiceError.notFound("Domain " + name + " does not exist");
        }
        return domain;
    }

    private static void requireDomainName(String name) {
        if (name == null || !DOMAIN_NAME.matcher(name).matches()) {
            throw ProfilesServiceError.badRequest("DomainName must be 1-64 characters of a-z, A-Z, 0-9, _ and -");
        }
    }

    // ---------------------------------------------------------------- upload jobs

    synchronized Answer createUploadJob(String domainName, JsonNode body) {
        Domain domain = domain(domainName);
        if (body == null || !body.isObject()) {
            throw ProfilesServiceError.badRequest("The request body must be a CreateUploadJobRequest JSON object");
        }
        String displayName = text(body, "DisplayName");
        if (displayName == null || displayName.isEmpty() || displayName.length() > 255) {
            throw ProfilesServiceError.badRequest("DisplayName is required and must be 1-255 characters");
        }
        JsonNode fields = body.get("Fields");
        if (fields == null || !fields.isObject() || fields.isEmpty()) {
            throw ProfilesServiceError.badRequest("Fields is required: a map of field names to ObjectTypeField");
        }
        List<Mapping> mappings = new ArrayList<>();
        Iterator<Map.Entry<String, JsonNode>> entries = fields.fields();
        while (entries.hasNext()) {
            Map.Entry<String, JsonNode> entry = entries.next();
            mappings.add(mapping(entry.getKey(), entry.getValue()));
        }
        String uniqueKey = text(body, "UniqueKey");
        if (uniqueKey == null || uniqueKey.isEmpty() || uniqueKey.length() > 1000) {
            throw ProfilesServiceError.badRequest("UniqueKey is required and must be 1-1000 characters");
        }
        int dataExpiry = body.has("DataExpiry") ? expirationDays(body, "DataExpiry", false) : DEFAULT_DATA_EXPIRY_DAYS;
        String id = newId();
        Job job = new Job(
                id,
                domain,
                displayName,
                (ObjectNode) fields.deepCopy(),
                List.copyOf(mappings),
                uniqueKey,
                dataExpiry,
                now());
        domain.jobs.put(id, job);
        ObjectNode node = mapper.createObjectNode();
        node.put("JobId", id);
        return new Answer(200, node);
    }

    private static Mapping mapping(String key, JsonNode field) {
        if (!ProfileFields.validFieldName(key)) {
            throw ProfilesServiceError.badRequest("Fields keys must be 1-64 characters of a-z, A-Z, 0-9, _, . and -");
        }
        if (field == null || !field.isObject()) {
            throw ProfilesServiceError.badRequest("Fields." + key + " must be an ObjectTypeField object");
        }
        String column = ProfileFields.sourceColumn(text(field, "Source"));
        if (column == null) {
            throw ProfilesServiceError.badRequest(
                    "Fields." + key + ".Source must be _source.<Column>, with a column name without dots");
        }
        String path = ProfileFields.targetPath(text(field, "Target"));
        if (path == null) {
            throw ProfilesServiceError.badRequest("Fields." + key + ".Target must name a standard profile field,"
                    + " such as _profile.EmailAddress, _profile.Address.City or _profile.Attributes.<name>");
        }
        String contentType = field.has("ContentType") ? text(field, "ContentType") : "STRING";
        if (contentType == null || !ProfileFields.CONTENT_TYPES.contains(contentType)) {
            throw ProfilesServiceError.badRequest(
                    "Fields." + key + ".ContentType must be STRING, NUMBER, PHONE_NUMBER, EMAIL_ADDRESS or NAME");
        }
        return new Mapping(key, column, path, contentType);
    }

    synchronized Answer getUploadJobPath(String domainName, String jobId, URI base) {
        Job job = job(domainName, jobId);
        if (!job.status.equals("CREATED")) {
            throw ProfilesServiceError.badRequest("Upload job " + jobId + " is " + job.status
                    + ": upload paths are given only before StartUploadJob");
        }
        Instant now = now();
        Duration validity = settings.uploadUrlValidity();
        Instant issued = faults.takeExpiredUrl() ? now.minus(validity).minusSeconds(1) : now;
        Instant validUntil = issued.plus(validity);
        byte[] key = new byte[32];
        random.nextBytes(key);
        Upload upload = new Upload(newId(), job, Base64.getEncoder().encodeToString(key), validUntil);
        uploads.put(upload.id(), upload);
        String url = base + "/upload/" + domainName + "/" + jobId + "/" + upload.id()
                + "?X-Amz-Algorithm=AWS4-HMAC-SHA256"
                + "&X-Amz-Credential=EMULATOR%2F" + AMZ_DATE.format(issued).substring(0, 8)
                + "%2Fus-east-1%2Fs3%2Faws4_request"
                + "&X-Amz-Date=" + AMZ_DATE.format(issued)
                + "&X-Amz-Expires=" + validity.toSeconds()
                + "&X-Amz-SignedHeaders=host%3Bx-amz-server-side-encryption-customer-algorithm"
                + "%3Bx-amz-server-side-encryption-customer-key%3Bx-amz-server-side-encryption-customer-key-md5"
                + "&X-Amz-Signature=" + signature(upload.id());
        ObjectNode node = mapper.createObjectNode();
        node.put("Url", url);
        node.put("ClientToken", upload.clientToken());
        node.put("ValidUntil", epochSeconds(validUntil));
        return new Answer(200, node);
    }

    /**
     * Checks an upload against its URL (expiry, signature, SSE-C headers), in S3's order.
     *
     * @return the upload's id, to hand to {@link #attachFile} once the body is stored
     * @throws UploadRefused the S3 error to answer
     */
    synchronized String checkUpload(
            String domainName,
            String jobId,
            String uploadId,
            String signature,
            String algorithm,
            String key,
            String keyMd5) {
        Upload upload = uploads.get(uploadId);
        if (upload == null
                || !upload.job().id.equals(jobId)
                || !upload.job().domain.name.equals(domainName)) {
            throw new UploadRefused(403, "AccessDenied", "Access Denied");
        }
        if (!now().isBefore(upload.validUntil())) {
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
        if (!upload.job().status.equals("CREATED")) {
            throw new UploadRefused(403, "AccessDenied", "The upload job no longer takes a file");
        }
        return uploadId;
    }

    /** Gives the job the file just stored for it, replacing an earlier one; the file is the job's from now on. */
    synchronized void attachFile(String uploadId, Path file, long bytes) {
        Upload upload = uploads.get(uploadId);
        if (upload == null || !upload.job().status.equals("CREATED")) {
            deleteQuietly(file);
            throw new UploadRefused(403, "AccessDenied", "The upload job no longer takes a file");
        }
        Job job = upload.job();
        if (job.file != null) {
            deleteQuietly(job.file);
        }
        job.file = file;
        job.fileBytes = bytes;
    }

    synchronized Answer startUploadJob(String domainName, String jobId) {
        Job job = job(domainName, jobId);
        switch (job.status) {
            case "CREATED" -> {
                if (job.file == null) {
                    throw ProfilesServiceError.badRequest("Upload job " + jobId + " has no file yet: PUT the file to"
                            + " the URL GetUploadJobPath gives, then start the job");
                }
                begin(job);
            }
            case "STOPPED" ->
                throw ProfilesServiceError.badRequest("Upload job " + jobId + " was stopped and cannot be started");
            default -> {
                // already started: a repeated start (a client retrying a lost answer) changes nothing
            }
        }
        return new Answer(200, mapper.createObjectNode());
    }

    private void begin(Job job) {
        job.status = "IN_PROGRESS";
        uploads.values().removeIf(u -> u.job() == job);
        switch (settings.pace().kind()) {
            case INSTANT -> finish(job);
            case STEPS -> job.getsSinceStart = 0;
            case TIMED ->
                job.ticker = scheduler.schedule(
                        () -> finishLater(job),
                        settings.pace().step().toNanos() * TIMED_STEPS_IN_PROGRESS,
                        TimeUnit.NANOSECONDS);
        }
    }

    private synchronized void finishLater(Job job) {
        if (job.status.equals("IN_PROGRESS") && job.domain.jobs.get(job.id) == job) {
            finish(job);
        }
    }

    synchronized Answer stopUploadJob(String domainName, String jobId) {
        Job job = job(domainName, jobId);
        if (job.status.equals("CREATED") || job.status.equals("IN_PROGRESS")) {
            if (job.ticker != null) {
                job.ticker.cancel(false);
            }
            job.status = "STOPPED";
            job.completedAt = now();
            uploads.values().removeIf(u -> u.job() == job);
            dropFile(job);
        } else if (!job.status.equals("STOPPED")) {
            throw ProfilesServiceError.badRequest("Upload job " + jobId + " has already finished (" + job.status + ")");
        }
        return new Answer(200, mapper.createObjectNode());
    }

    synchronized Answer getUploadJob(String domainName, String jobId) {
        Job job = job(domainName, jobId);
        if (job.status.equals("IN_PROGRESS") && settings.pace().kind() == Pace.Kind.STEPS) {
            if (job.getsSinceStart >= 1) {
                finish(job);
            }
            job.getsSinceStart++;
        }
        ObjectNode node = renderItem(job);
        node.set("Fields", job.fields.deepCopy());
        node.put("UniqueKey", job.uniqueKey);
        if (job.terminal()) {
            ObjectNode summary = node.putObject("ResultsSummary");
            summary.put("UpdatedRecords", job.updated);
            summary.put("CreatedRecords", job.created);
            summary.put("FailedRecords", job.failed);
        }
        return new Answer(200, node);
    }

    synchronized Answer listUploadJobs(String domainName, String maxResults, String nextToken) {
        Domain domain = domain(domainName);
        int size = pageSize(maxResults, 500, DEFAULT_LIST_PAGE_SIZE);
        int offset = offset(nextToken);
        List<Job> jobs = new ArrayList<>(domain.jobs.values());
        ObjectNode node = mapper.createObjectNode();
        ArrayNode items = node.putArray("Items");
        int end = Math.min(jobs.size(), offset + size);
        for (int i = offset; i < end; i++) {
            items.add(renderItem(jobs.get(jobs.size() - 1 - i))); // newest first
        }
        if (end < jobs.size()) {
            node.put("NextToken", token(end));
        }
        return new Answer(200, node);
    }

    private ObjectNode renderItem(Job job) {
        ObjectNode node = mapper.createObjectNode();
        node.put("JobId", job.id);
        node.put("DisplayName", job.displayName);
        node.put("Status", job.status);
        if (job.statusReason != null) {
            node.put("StatusReason", job.statusReason);
        }
        node.put("CreatedAt", epochSeconds(job.createdAt));
        if (job.completedAt != null) {
            node.put("CompletedAt", epochSeconds(job.completedAt));
        }
        node.put("DataExpiry", job.dataExpiry);
        return node;
    }

    private Job job(String domainName, String jobId) {
        Domain domain = domain(domainName);
        Job job = domain.jobs.get(jobId);
        if (job == null) {
            throw ProfilesServiceError.notFound("Upload job " + jobId + " does not exist in domain " + domainName);
        }
        return job;
    }

    // ---------------------------------------------------------------- processing a file

    /** What reading a job's file found; changes are staged and applied only when the job succeeds in part. */
    private static final class Outcome {
        long rows;
        long created;
        long updated;
        long failed;
        boolean fileFailed;
        final Map<String, Profile> staged = new LinkedHashMap<>();
        final Set<String> stagedKeys = new HashSet<>();
    }

    /** Moves a started job to its final state: reads its file, applies the rows, counts. */
    private void finish(Job job) {
        job.completedAt = now();
        String injected = faults.takeJobFailure(job.displayName);
        Outcome outcome = new Outcome();
        try {
            read(job, outcome, injected == null);
        } catch (CharacterCodingException e) {
            outcome.fileFailed = true;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            dropFile(job);
        }
        if (injected != null) {
            fail(job, injected, 0, 0, outcome.rows);
            return;
        }
        if (outcome.fileFailed) {
            fail(job, "VALIDATION_FAILURE", 0, 0, outcome.rows);
            return;
        }
        if (outcome.rows > 0 && outcome.failed == outcome.rows) {
            fail(job, "VALIDATION_FAILURE", 0, 0, outcome.failed);
            return;
        }
        Domain domain = job.domain;
        if (settings.keepProfiles()) {
            domain.profiles.putAll(outcome.staged);
        } else {
            domain.keys.addAll(outcome.stagedKeys);
        }
        domain.uniqueKeyNames.add(job.uniqueKey);
        domain.objectCount += outcome.created + outcome.updated;
        domain.totalSize += job.fileBytes;
        domain.lastUpdatedAt = job.completedAt;
        job.created = outcome.created;
        job.updated = outcome.updated;
        job.failed = outcome.failed;
        job.status = outcome.failed == 0 ? "SUCCEEDED" : "PARTIALLY_SUCCEEDED";
    }

    private static void fail(Job job, String reason, long created, long updated, long failed) {
        job.status = "FAILED";
        job.statusReason = reason;
        job.created = created;
        job.updated = updated;
        job.failed = failed;
    }

    private void read(Job job, Outcome outcome, boolean apply) throws IOException {
        if (job.fileBytes > settings.maxFileBytes()) {
            outcome.fileFailed = true;
            return;
        }
        try (InputStream in = Files.newInputStream(job.file);
                BufferedReader reader = new BufferedReader(
                        new InputStreamReader(
                                in,
                                StandardCharsets.UTF_8
                                        .newDecoder()
                                        .onMalformedInput(CodingErrorAction.REPORT)
                                        .onUnmappableCharacter(CodingErrorAction.REPORT)),
                        64 * 1024)) {
            reader.mark(1);
            if (reader.read() != '\uFEFF') {
                reader.reset();
            }
            UploadCsvReader csv = new UploadCsvReader(reader);
            UploadCsvReader.Row header = csv.next();
            if (header == null || header.malformed() || header.blank()) {
                outcome.fileFailed = true;
                return;
            }
            Map<String, Integer> columns = new HashMap<>();
            for (int i = 0; i < header.cells().size(); i++) {
                if (columns.put(header.cells().get(i).trim(), i) != null) {
                    outcome.fileFailed = true; // a column named twice: which one a field means is unclear
                }
            }
            int[] indexes = new int[job.mappings.size()];
            for (int i = 0; i < indexes.length; i++) {
                Integer index = columns.get(job.mappings.get(i).column());
                if (index == null) {
                    outcome.fileFailed = true;
                    indexes[i] = -1;
                } else {
                    indexes[i] = index;
                }
            }
            Integer keyIndex = uniqueKeyColumn(job, columns);
            if (keyIndex == null) {
                outcome.fileFailed = true;
            }
            boolean rowsCount = apply && !outcome.fileFailed;
            for (UploadCsvReader.Row row = csv.next(); row != null; row = csv.next()) {
                if (row.blank()) {
                    continue;
                }
                outcome.rows++;
                if (rowsCount) {
                    applyRow(job, row, header.cells().size(), indexes, keyIndex, outcome);
                }
            }
        }
    }

    /**
     * {@code UniqueKey} names a key of {@code Fields} (then its source column is meant) or a column of the file;
     * see the doc page, "UniqueKey".
     */
    private static Integer uniqueKeyColumn(Job job, Map<String, Integer> columns) {
        for (Mapping mapping : job.mappings) {
            if (mapping.fieldKey().equals(job.uniqueKey)) {
                return columns.get(mapping.column());
            }
        }
        return columns.get(job.uniqueKey);
    }

    private void applyRow(Job job, UploadCsvReader.Row row, int width, int[] indexes, int keyIndex, Outcome outcome) {
        List<String> cells = row.cells();
        if (row.malformed() || cells.size() != width) {
            outcome.failed++;
            return;
        }
        String key = cells.get(keyIndex);
        if (key.isEmpty() || key.length() > ProfileFields.MAX_VALUE_LENGTH) {
            outcome.failed++;
            return;
        }
        for (int i = 0; i < indexes.length; i++) {
            String value = cells.get(indexes[i]);
            if (!value.isEmpty()) {
                Mapping mapping = job.mappings.get(i);
                if (ProfileFields.problem(mapping.path(), mapping.contentType(), value) != null) {
                    outcome.failed++;
                    return;
                }
            }
        }
        Domain domain = job.domain;
        if (!settings.keepProfiles()) {
            boolean known = domain.keys.contains(key) || !outcome.stagedKeys.add(key);
            if (known) {
                outcome.updated++;
            } else {
                outcome.created++;
            }
            return;
        }
        Profile profile = outcome.staged.get(key);
        if (profile == null) {
            Profile existing = domain.profiles.get(key);
            profile = existing != null ? existing.copy() : new Profile(newId(), key);
            if (existing == null) {
                outcome.created++;
            } else {
                outcome.updated++;
            }
            outcome.staged.put(key, profile);
        } else {
            outcome.updated++;
        }
        for (int i = 0; i < indexes.length; i++) {
            String value = cells.get(indexes[i]);
            if (value.isEmpty()) {
                continue; // an empty cell leaves the field as it is (doc page, "Empty cells")
            }
            String path = job.mappings.get(i).path();
            if (path.startsWith(ProfileFields.ATTRIBUTES)) {
                profile.attributes.put(path.substring(ProfileFields.ATTRIBUTES.length()), value);
            } else {
                profile.values.put(path, value);
            }
        }
    }

    private void dropFile(Job job) {
        if (job.file != null) {
            deleteQuietly(job.file);
            job.file = null;
        }
    }

    // ---------------------------------------------------------------- profiles

    synchronized Answer searchProfiles(String domainName, String maxResults, String nextToken, JsonNode body) {
        Domain domain = domain(domainName);
        if (body == null || !body.isObject()) {
            throw ProfilesServiceError.badRequest("The request body must be a SearchProfilesRequest JSON object");
        }
        int size = pageSize(maxResults, 100, DEFAULT_SEARCH_PAGE_SIZE);
        int offset = offset(nextToken);
        if (!settings.keepProfiles()) {
            throw ProfilesServiceError.badRequest(CustomerProfilesEmulator.NO_PROFILES_MESSAGE);
        }
        List<Set<Profile>> matches = new ArrayList<>();
        matches.add(match(domain, body));
        JsonNode additional = body.get("AdditionalSearchKeys");
        if (additional != null && additional.isArray()) {
            if (additional.size() > 4) {
                throw ProfilesServiceError.badRequest("AdditionalSearchKeys takes at most 4 keys");
            }
            for (JsonNode key : additional) {
                matches.add(match(domain, key));
            }
        }
        String operator = body.hasNonNull("LogicalOperator") ? text(body, "LogicalOperator") : "AND";
        if (!"AND".equals(operator) && !"OR".equals(operator)) {
            throw ProfilesServiceError.badRequest("LogicalOperator must be AND or OR");
        }
        Set<Profile> found = new LinkedHashSet<>(matches.get(0));
        for (Set<Profile> more : matches.subList(1, matches.size())) {
            if (operator.equals("AND")) {
                found.retainAll(more);
            } else {
                found.addAll(more);
            }
        }
        List<Profile> list = new ArrayList<>(found);
        ObjectNode node = mapper.createObjectNode();
        ArrayNode items = node.putArray("Items");
        int end = Math.min(list.size(), offset + size);
        for (int i = offset; i < end; i++) {
            items.add(renderProfile(list.get(i)));
        }
        if (end < list.size()) {
            node.put("NextToken", token(end));
        }
        return new Answer(200, node);
    }

    /** The profiles one search key finds; which key names exist is set out on the doc page, "Searching". */
    private Set<Profile> match(Domain domain, JsonNode key) {
        String keyName = text(key, "KeyName");
        JsonNode valuesNode = key.get("Values");
        if (keyName == null || keyName.isEmpty() || valuesNode == null || !valuesNode.isArray()) {
            throw ProfilesServiceError.badRequest("KeyName and Values are required");
        }
        Set<String> values = new HashSet<>();
        for (JsonNode value : valuesNode) {
            values.add(normalise(keyName, value.asText()));
        }
        Set<Profile> found = new LinkedHashSet<>();
        if (domain.uniqueKeyNames.contains(keyName)) {
            for (String value : values) {
                Profile profile = domain.profiles.get(value);
                if (profile != null) {
                    found.add(profile);
                }
            }
            return found;
        }
        Set<String> paths = switch (keyName) {
            case "_profileId" -> Set.of();
            case "_account" -> Set.of("AccountNumber");
            case "_email" -> ProfileFields.EMAIL_FIELDS;
            case "_phone" -> ProfileFields.PHONE_FIELDS;
            case "_fullName" -> Set.of();
            default ->
                throw ProfilesServiceError.badRequest("KeyName " + keyName + " is not a search key of domain "
                        + domain.name + " (predefined keys _profileId, _account, _email, _phone, _fullName, or the"
                        + " UniqueKey of an upload job that ran in it)");
        };
        for (Profile profile : domain.profiles.values()) {
            boolean hit = switch (keyName) {
                case "_profileId" -> values.contains(profile.id);
                case "_fullName" -> values.contains(normalise(keyName, fullName(profile)));
                default ->
                    paths.stream()
                            .map(profile.values::get)
                            .anyMatch(v -> v != null && values.contains(normalise(keyName, v)));
            };
            if (hit) {
                found.add(profile);
            }
        }
        return found;
    }

    private static String normalise(String keyName, String value) {
        return switch (keyName) {
            case "_email", "_fullName" -> value.trim().toLowerCase(Locale.ROOT);
            case "_phone" -> value.replaceAll("[\\s().-]", "");
            default -> value;
        };
    }

    private static String fullName(Profile profile) {
        StringBuilder name = new StringBuilder();
        for (String part : List.of("FirstName", "MiddleName", "LastName")) {
            String value = profile.values.get(part);
            if (value != null) {
                name.append(name.length() == 0 ? "" : " ").append(value);
            }
        }
        return name.toString();
    }

    private ObjectNode renderProfile(Profile profile) {
        ObjectNode node = mapper.createObjectNode();
        node.put("ProfileId", profile.id);
        profile.values.forEach((path, value) -> {
            int dot = path.indexOf('.');
            if (dot < 0) {
                node.put(path, value);
            } else {
                node.withObjectProperty(path.substring(0, dot)).put(path.substring(dot + 1), value);
            }
        });
        if (!profile.attributes.isEmpty()) {
            ObjectNode attributes = node.putObject("Attributes");
            profile.attributes.forEach(attributes::put);
        }
        return node;
    }

    // ---------------------------------------------------------------- housekeeping

    public synchronized void reset() {
        for (Domain domain : domains.values()) {
            for (Job job : domain.jobs.values()) {
                if (job.ticker != null) {
                    job.ticker.cancel(false);
                }
                dropFile(job);
            }
        }
        domains.clear();
        uploads.clear();
    }

    private Instant now() {
        return settings.clock().instant();
    }

    /** Epoch seconds with milliseconds, as rest-json writes timestamps (a JSON number, never in E notation). */
    private static BigDecimal epochSeconds(Instant instant) {
        return BigDecimal.valueOf(instant.toEpochMilli(), 3);
    }

    private static int expirationDays(JsonNode body, String member, boolean required) {
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

    private static int pageSize(String raw, int max, int fallback) {
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

    private static String token(int offset) {
        return Base64.getUrlEncoder()
                .withoutPadding()
                .encodeToString(("offset:" + offset).getBytes(StandardCharsets.US_ASCII));
    }

    private static int offset(String token) {
        if (token == null) {
            return 0;
        }
        try {
            String text = new String(Base64.getUrlDecoder().decode(token), StandardCharsets.US_ASCII);
            if (text.startsWith("offset:")) {
                return Math.max(0, Integer.parseInt(text.substring("offset:".length())));
            }
        } catch (IllegalArgumentException e) {
            // answered below
        }
        throw ProfilesServiceError.badRequest("next-token is not a token this service gave");
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

    public static String md5Base64(byte[] bytes) {
        try {
            return Base64.getEncoder()
                    .encodeToString(MessageDigest.getInstance("MD5").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("MD5 is part of every JDK", e);
        }
    }

    private String newId() {
        byte[] bytes = new byte[16];
        random.nextBytes(bytes);
        return HEX.formatHex(bytes);
    }

    private static String text(JsonNode body, String member) {
        JsonNode value = body.get(member);
        return value != null && value.isTextual() ? value.textValue() : null;
    }

    public static void deleteQuietly(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            // a temporary file the emulator owns; the directory goes on close
        }
    }
}
