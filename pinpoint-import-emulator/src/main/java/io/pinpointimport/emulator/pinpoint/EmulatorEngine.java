package io.pinpointimport.emulator.pinpoint;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.pinpointimport.emulator.Pace;
import io.pinpointimport.emulator.QuotaMode;
import io.pinpointimport.emulator.internal.CsvTokenizer;
import io.pinpointimport.emulator.pinpoint.internal.RowDecoder;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;
import software.amazon.awssdk.core.ResponseInputStream;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.GetObjectResponse;
import software.amazon.awssdk.services.s3.model.NoSuchBucketException;
import software.amazon.awssdk.services.s3.model.S3Exception;
import software.amazon.awssdk.services.s3.model.S3Object;

/**
 * The emulated service's state and operations. Every public-facing operation runs under this object's lock; the
 * HTTP front turns answers and {@link ServiceError}s into responses.
 */
final class EmulatorEngine {

    static final String ACCOUNT_ID = "123456789012";
    static final String REGION = "us-east-1";
    private static final DateTimeFormatter ISO_MILLIS =
            DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);
    private static final Pattern ROLE_ARN = Pattern.compile("arn:aws[a-z-]*:iam::\\d{12}:role/[\\w+=,.@/-]{1,512}");
    private static final Pattern S3_URL = Pattern.compile("s3://([^/]+)(/.*)?");
    private static final Map<String, String> CHANNELS =
            RowDecoder.CHANNEL_TYPES.stream().collect(Collectors.toUnmodifiableMap(type -> type, type -> type));

    /** An answer with a status and a bare JSON body. */
    record Answer(int status, JsonNode body) {}

    /** What the builder set. */
    record Settings(
            Pace pace,
            int activeJobLimit,
            QuotaMode quotaMode,
            ModelledError quotaRefusal,
            long maxBytesPerJob,
            int rowsPerPiece,
            int defaultPageSize,
            Clock clock,
            boolean keepEndpoints) {}

    private static final class App {
        final String id;
        final String name;
        final String creationDate;
        final Store store = new Store();
        final Ledger ledger = new Ledger();
        final LinkedHashMap<String, Job> jobs = new LinkedHashMap<>();
        final LinkedHashMap<String, Segment> segments = new LinkedHashMap<>();

        App(String id, String name, String creationDate) {
            this.id = id;
            this.name = name;
            this.creationDate = creationDate;
        }
    }

    /** What the checks of a row read of an application's state, in either mode ({@link #checkRow}). */
    private interface RowState {
        /** @return whether an endpoint with this id (in lower case) exists */
        boolean hasEndpoint(String key);

        /** @return the user id of the existing endpoint with this id (in lower case), or {@code null} */
        @Nullable
        String userOf(String key);

        /** @return how many endpoints the user has */
        int userCount(String user);

        /** @return whether the application has this qualified custom attribute name */
        boolean hasName(String name);

        /** @return how many custom attribute names the application has */
        int nameCount();
    }

    /** The endpoints of one application, as the service would hold them. */
    private static final class Store implements RowState {
        final Map<String, ObjectNode> endpoints = new LinkedHashMap<>(); // key: id in lower case
        final Map<String, ObjectNode> userAttributes = new HashMap<>(); // key: user id
        final Map<String, Integer> userCounts = new HashMap<>();
        final Set<String> attributeNames = new HashSet<>();

        Store copy() {
            Store copy = new Store();
            endpoints.forEach((k, v) -> copy.endpoints.put(k, v.deepCopy()));
            userAttributes.forEach((k, v) -> copy.userAttributes.put(k, v.deepCopy()));
            copy.userCounts.putAll(userCounts);
            copy.attributeNames.addAll(attributeNames);
            return copy;
        }

        void replaceWith(Store other) {
            endpoints.clear();
            endpoints.putAll(other.endpoints);
            userAttributes.clear();
            userAttributes.putAll(other.userAttributes);
            userCounts.clear();
            userCounts.putAll(other.userCounts);
            attributeNames.clear();
            attributeNames.addAll(other.attributeNames);
        }

        @Override
        public boolean hasEndpoint(String key) {
            return endpoints.containsKey(key);
        }

        @Override
        public String userOf(String key) {
            ObjectNode endpoint = endpoints.get(key);
            return endpoint == null
                    ? null
                    : endpoint.path("User").path("UserId").textValue();
        }

        @Override
        public int userCount(String user) {
            return userCounts.getOrDefault(user, 0);
        }

        @Override
        public boolean hasName(String name) {
            return attributeNames.contains(name);
        }

        @Override
        public int nameCount() {
            return attributeNames.size();
        }

        void removeUser(String userId) {
            if (userId == null) {
                return;
            }
            int left = userCounts.getOrDefault(userId, 0) - 1;
            if (left <= 0) {
                userCounts.remove(userId);
                userAttributes.remove(userId);
            } else {
                userCounts.put(userId, left);
            }
        }
    }

    /** What a lean emulator knows of one endpoint: just what the checks of later rows need. */
    private record Known(String userId, String channelType) {}

    /**
     * The lean mode's state of one application, instead of a {@link Store}: endpoint ids (in lower case) with their
     * user and channel, the endpoints per user and the custom attribute names. Enough to check every later row as
     * the full store would, at a small part of its memory.
     */
    private static final class Ledger {
        final Map<String, Known> endpoints = new HashMap<>();
        final Map<String, Integer> userCounts = new HashMap<>();
        final Set<String> attributeNames = new HashSet<>();
    }

    /**
     * One job's view of a {@link Ledger}. A job that registers its endpoints writes straight into the ledger (jobs
     * are processed one at a time under the engine's lock, and such a job's work always replaces the store, so
     * this is what copying and replacing would give, without the copy); a job that does not keeps its changes in
     * overlay maps that are dropped at its end.
     */
    private static final class LedgerWork implements RowState {
        final Ledger base; // null when writing straight into the ledger
        final Map<String, Known> endpoints;
        final Map<String, Integer> userCounts;
        final Set<String> attributeNames; // direct: all names; overlay: only names the ledger does not have

        LedgerWork(Ledger ledger, boolean direct) {
            this.base = direct ? null : ledger;
            this.endpoints = direct ? ledger.endpoints : new HashMap<>();
            this.userCounts = direct ? ledger.userCounts : new HashMap<>();
            this.attributeNames = direct ? ledger.attributeNames : new HashSet<>();
        }

        @Override
        public boolean hasEndpoint(String key) {
            return get(key) != null;
        }

        @Override
        public String userOf(String key) {
            Known known = get(key);
            return known == null ? null : known.userId();
        }

        Known get(String key) {
            Known known = endpoints.get(key);
            return known != null || base == null ? known : base.endpoints.get(key);
        }

        @Override
        public int userCount(String user) {
            Integer count = userCounts.get(user);
            if (count != null) {
                return count;
            }
            return base == null ? 0 : base.userCounts.getOrDefault(user, 0);
        }

        void setUserCount(String user, int count) {
            if (count <= 0 && base == null) {
                userCounts.remove(user);
            } else {
                userCounts.put(user, count); // an overlay keeps 0 to hide the ledger's count
            }
        }

        @Override
        public boolean hasName(String name) {
            return attributeNames.contains(name) || base != null && base.attributeNames.contains(name);
        }

        @Override
        public int nameCount() {
            return attributeNames.size() + (base == null ? 0 : base.attributeNames.size());
        }
    }

    private static final class Segment {
        final String id;
        final String name;
        final String creationDate;
        String lastModifiedDate;
        int version = 1;
        long size;
        final Map<String, Integer> channelCounts = new TreeMap<>();
        final ObjectNode definition;

        Segment(String id, String name, String creationDate, ObjectNode definition) {
            this.id = id;
            this.name = name;
            this.creationDate = creationDate;
            this.lastModifiedDate = creationDate;
            this.definition = definition;
        }
    }

    /** One visible state of a job and its counters. */
    private record Step(
            String status,
            Integer totalPieces,
            Integer completedPieces,
            Integer failedPieces,
            Integer totalProcessed,
            Integer totalFailures,
            boolean showFailures) {
        boolean terminal() {
            return status.equals("COMPLETED") || status.equals("FAILED");
        }
    }

    private static final class Job {
        final String id;
        final App app;
        final ObjectNode definition;
        final String creationDate;
        boolean activated;
        List<Step> plan = List.of();
        int index;
        List<String> failures = List.of();
        String completionDate;
        ScheduledFuture<?> ticker;
        boolean createdSegment;

        Job(String id, App app, ObjectNode definition, String creationDate) {
            this.id = id;
            this.app = app;
            this.definition = definition;
            this.creationDate = creationDate;
        }

        Step step() {
            return activated ? plan.get(index) : null;
        }

        boolean running() {
            return activated && !plan.get(index).terminal();
        }
    }

    /** What processing a job found. */
    private static final class Outcome {
        int pieces;
        int failedPieces;
        int processed;
        int failed;
        final List<String> failureLines = new ArrayList<>();
        boolean fatal;

        void failure(String line) {
            failed++;
            addLine(line);
        }

        void addLine(String line) {
            if (failureLines.size() < PinpointEmulator.MAX_FAILURE_LINES) {
                failureLines.add(line);
            }
        }
    }

    private final Settings settings;
    private final Faults faults;
    private final S3Client s3;
    private final ScheduledExecutorService scheduler;
    private final ObjectMapper mapper;
    private final RowDecoder decoder;
    private final Map<String, App> apps = new LinkedHashMap<>();
    private final Deque<Job> pending = new ArrayDeque<>();

    EmulatorEngine(
            Settings settings, Faults faults, S3Client s3, ScheduledExecutorService scheduler, ObjectMapper mapper) {
        this.settings = settings;
        this.faults = faults;
        this.s3 = s3;
        this.scheduler = scheduler;
        this.mapper = mapper;
        this.decoder = new RowDecoder(mapper);
    }

    // ---------------------------------------------------------------- apps

    synchronized String createApp(String name) {
        String id = newId();
        apps.put(id, new App(id, name, now()));
        return id;
    }

    synchronized Answer createApp(JsonNode body) {
        JsonNode name = body == null ? null : body.get("Name");
        if (name == null || !name.isTextual() || name.textValue().isBlank()) {
            throw badRequest("Name is required");
        }
        String id = createApp(name.textValue());
        return new Answer(201, renderApp(apps.get(id)));
    }

    synchronized Answer getApp(String appId) {
        return new Answer(200, renderApp(app(appId)));
    }

    synchronized Answer getApps(String pageSizeText, String token) {
        int pageSize = settings.defaultPageSize();
        if (pageSizeText != null) {
            try {
                pageSize = Integer.parseInt(pageSizeText.trim());
            } catch (NumberFormatException e) {
                throw badRequest("page-size must be a whole number");
            }
            if (pageSize < 1) {
                throw badRequest("page-size must be at least 1");
            }
        }
        int offset = offset(token);
        List<App> all = new ArrayList<>(apps.values());
        ObjectNode node = mapper.createObjectNode();
        ArrayNode items = node.putArray("Item");
        int end = Math.min(all.size(), offset + pageSize);
        for (int i = offset; i < end; i++) {
            items.add(renderApp(all.get(i)));
        }
        if (end < all.size()) {
            node.put(
                    "NextToken",
                    Base64.getUrlEncoder()
                            .withoutPadding()
                            .encodeToString(("offset:" + end).getBytes(StandardCharsets.UTF_8)));
        }
        return new Answer(200, node);
    }

    /** Deletes an application with its jobs, endpoints and segments; its running jobs stop where they are. */
    synchronized Answer deleteApp(String appId) {
        App app = app(appId);
        for (Job job : app.jobs.values()) {
            if (job.ticker != null) {
                job.ticker.cancel(false);
            }
        }
        pending.removeIf(job -> job.app == app);
        apps.remove(appId);
        // its running jobs no longer hold the account's active-job quota
        while (!pending.isEmpty() && activeJobs() < settings.activeJobLimit()) {
            activate(pending.poll());
        }
        return new Answer(200, renderApp(app));
    }

    private static int offset(String token) {
        if (token == null || token.isEmpty()) {
            return 0;
        }
        try {
            String decoded = new String(Base64.getUrlDecoder().decode(token), StandardCharsets.UTF_8);
            if (!decoded.startsWith("offset:")) {
                throw new IllegalArgumentException(decoded);
            }
            return Math.max(0, Integer.parseInt(decoded.substring("offset:".length())));
        } catch (IllegalArgumentException e) {
            throw badRequest("Invalid token");
        }
    }

    private ObjectNode renderApp(App app) {
        ObjectNode node = mapper.createObjectNode();
        node.put("Arn", appArn(app.id));
        node.put("Id", app.id);
        node.put("Name", app.name);
        node.putObject("tags");
        node.put("CreationDate", app.creationDate);
        return node;
    }

    private App app(String appId) {
        App app = apps.get(appId);
        if (app == null) {
            throw new ServiceError(ModelledError.NOT_FOUND, "Application not found");
        }
        return app;
    }

    // ---------------------------------------------------------------- import jobs

    synchronized Answer createImportJob(String appId, JsonNode body) {
        App app = app(appId);
        if (body == null || !body.isObject()) {
            throw badRequest("The request body must be an ImportJobRequest JSON object");
        }
        String format = text(body, "Format");
        if (!"CSV".equals(format) && !"JSON".equals(format)) {
            throw badRequest("Format must be CSV or JSON");
        }
        String s3Url = text(body, "S3Url");
        if (s3Url == null || !S3_URL.matcher(s3Url).matches()) {
            throw badRequest("S3Url must be an S3 URL such as s3://bucket-name/prefix/");
        }
        String roleArn = text(body, "RoleArn");
        if (roleArn == null || roleArn.isEmpty()) {
            throw badRequest("RoleArn is required");
        }
        if (!ROLE_ARN.matcher(roleArn).matches()) {
            throw badRequest("RoleArn must be an IAM role ARN such as arn:aws:iam::123456789012:role/name");
        }
        for (String flag : List.of("RegisterEndpoints", "DefineSegment")) {
            JsonNode value = body.get(flag);
            if (value != null && !value.isNull() && !value.isBoolean()) {
                throw badRequest(flag + " must be a boolean");
            }
        }
        for (String member : List.of("SegmentId", "SegmentName", "ExternalId")) {
            JsonNode value = body.get(member);
            if (value != null && !value.isNull() && !value.isTextual()) {
                throw badRequest(member + " must be a string");
            }
        }
        String segmentId = text(body, "SegmentId");
        if (segmentId != null && !app.segments.containsKey(segmentId)) {
            throw new ServiceError(ModelledError.NOT_FOUND, "Segment not found");
        }
        boolean queue = false;
        if (activeJobs() >= settings.activeJobLimit()) {
            if (settings.quotaMode() == QuotaMode.REFUSE) {
                throw new ServiceError(
                        settings.quotaRefusal(),
                        "Active import job quota exceeded: " + settings.activeJobLimit()
                                + " import jobs are running; retry when one finishes");
            }
            queue = true;
        }

        ObjectNode definition = mapper.createObjectNode();
        for (String member : List.of(
                "DefineSegment",
                "ExternalId",
                "Format",
                "RegisterEndpoints",
                "RoleArn",
                "S3Url",
                "SegmentId",
                "SegmentName")) {
            JsonNode value = body.get(member);
            if (value != null && !value.isNull()) {
                definition.set(member, value.deepCopy());
            }
        }
        String creationDate = now();
        if (segmentId == null && definition.path("DefineSegment").asBoolean(false)) {
            String name = text(body, "SegmentName");
            Segment segment = new Segment(
                    newId(),
                    name != null ? name : "Import " + creationDate,
                    creationDate,
                    importDefinition(definition));
            app.segments.put(segment.id, segment);
            definition.put("SegmentId", segment.id);
        }
        Job job = new Job(newId(), app, definition, creationDate);
        job.createdSegment = segmentId == null && definition.has("SegmentId");
        app.jobs.put(job.id, job);
        if (queue) {
            pending.add(job);
            return new Answer(201, renderJob(job));
        }
        activate(job);
        // The service answers a new job as CREATED, whatever the pace.
        return new Answer(201, renderJob(job, job.plan.get(0)));
    }

    synchronized Answer getImportJob(String appId, String jobId) {
        App app = app(appId);
        Job job = app.jobs.get(jobId);
        if (job == null) {
            throw new ServiceError(ModelledError.NOT_FOUND, "Resource not found");
        }
        if (settings.pace().kind() == Pace.Kind.STEPS && job.running()) {
            advance(job);
        }
        return new Answer(200, renderJob(job));
    }

    synchronized Answer getImportJobs(String appId, String pageSize, String token) {
        App app = app(appId);
        return new Answer(200, page(new ArrayList<>(app.jobs.values()), pageSize, token));
    }

    synchronized Answer getSegmentImportJobs(String appId, String segmentId, String pageSize, String token) {
        App app = app(appId);
        if (!app.segments.containsKey(segmentId)) {
            throw new ServiceError(ModelledError.NOT_FOUND, "Segment not found");
        }
        List<Job> jobs = new ArrayList<>();
        for (Job job : app.jobs.values()) {
            if (segmentId.equals(job.definition.path("SegmentId").textValue())) {
                jobs.add(job);
            }
        }
        return new Answer(200, page(jobs, pageSize, token));
    }

    private ObjectNode page(List<Job> oldestFirst, String pageSizeText, String token) {
        int pageSize = settings.defaultPageSize();
        if (pageSizeText != null) {
            try {
                pageSize = Integer.parseInt(pageSizeText.trim());
            } catch (NumberFormatException e) {
                throw badRequest("page-size must be a whole number");
            }
            if (pageSize < 1) {
                throw badRequest("page-size must be at least 1");
            }
        }
        int offset = 0;
        if (token != null && !token.isEmpty()) {
            try {
                String decoded = new String(Base64.getUrlDecoder().decode(token), StandardCharsets.UTF_8);
                if (!decoded.startsWith("offset:")) {
                    throw new IllegalArgumentException(decoded);
                }
                offset = Integer.parseInt(decoded.substring("offset:".length()));
            } catch (IllegalArgumentException e) {
                throw badRequest("Invalid token");
            }
        }
        List<Job> newestFirst = new ArrayList<>(oldestFirst);
        Collections.reverse(newestFirst);
        ObjectNode node = mapper.createObjectNode();
        ArrayNode items = node.putArray("Item");
        int end = Math.min(newestFirst.size(), offset + pageSize);
        for (int i = Math.max(0, offset); i < end; i++) {
            items.add(renderJob(newestFirst.get(i)));
        }
        if (end < newestFirst.size()) {
            node.put(
                    "NextToken",
                    Base64.getUrlEncoder()
                            .withoutPadding()
                            .encodeToString(("offset:" + end).getBytes(StandardCharsets.UTF_8)));
        }
        return node;
    }

    private int activeJobs() {
        int active = 0;
        for (App app : apps.values()) {
            for (Job job : app.jobs.values()) {
                if (job.running()) {
                    active++;
                }
            }
        }
        return active;
    }

    private void activate(Job job) {
        job.activated = true;
        job.index = 0;
        Outcome outcome = process(job);
        job.failures = List.copyOf(outcome.failureLines);
        job.plan = plan(outcome);
        switch (settings.pace().kind()) {
            case INSTANT -> {
                job.index = job.plan.size() - 1;
                finished(job);
            }
            case STEPS -> {
                // moved on by GetImportJob
            }
            case TIMED -> {
                long nanos = settings.pace().step().toNanos();
                job.ticker = scheduler.scheduleAtFixedRate(() -> tick(job), nanos, nanos, TimeUnit.NANOSECONDS);
            }
            default -> throw new IllegalStateException(settings.pace().kind().name());
        }
    }

    private synchronized void tick(Job job) {
        if (job.running()) {
            advance(job);
        }
        if (!job.running() && job.ticker != null) {
            job.ticker.cancel(false);
        }
    }

    private void advance(Job job) {
        job.index++;
        if (job.plan.get(job.index).terminal()) {
            finished(job);
        }
    }

    private void finished(Job job) {
        job.completionDate = now();
        while (!pending.isEmpty() && activeJobs() < settings.activeJobLimit()) {
            activate(pending.poll());
        }
    }

    private static List<Step> plan(Outcome o) {
        List<Step> steps = new ArrayList<>();
        steps.add(new Step("CREATED", null, null, null, null, null, false));
        if (o.fatal) {
            steps.add(new Step("INITIALIZING", o.pieces, 0, 0, 0, 0, false));
            steps.add(new Step("FAILING", o.pieces, 0, o.failedPieces, o.processed, o.failed, true));
            steps.add(new Step("FAILED", o.pieces, 0, o.failedPieces, o.processed, o.failed, true));
            return steps;
        }
        int half = o.pieces / 2;
        int processedHalf = o.pieces == 0 ? 0 : (int) ((long) o.processed * half / o.pieces);
        int failedHalf = o.pieces == 0 ? 0 : (int) ((long) o.failed * half / o.pieces);
        int completed = o.pieces - o.failedPieces;
        steps.add(new Step("INITIALIZING", o.pieces, 0, 0, 0, 0, false));
        steps.add(new Step("PROCESSING", o.pieces, half, 0, processedHalf, failedHalf, false));
        if (o.failedPieces > 0) {
            steps.add(new Step("FAILING", o.pieces, completed, o.failedPieces, o.processed, o.failed, true));
            steps.add(new Step("FAILED", o.pieces, completed, o.failedPieces, o.processed, o.failed, true));
        } else {
            steps.add(new Step("COMPLETING", o.pieces, completed, 0, o.processed, o.failed, true));
            steps.add(new Step("COMPLETED", o.pieces, completed, 0, o.processed, o.failed, true));
        }
        return steps;
    }

    private ObjectNode renderJob(Job job) {
        return renderJob(job, job.step());
    }

    private ObjectNode renderJob(Job job, Step step) {
        ObjectNode node = mapper.createObjectNode();
        node.put("ApplicationId", job.app.id);
        if (step != null && step.completedPieces() != null) {
            node.put("CompletedPieces", step.completedPieces());
        }
        if (step != null && step.terminal()) {
            node.put("CompletionDate", job.completionDate);
        }
        node.put("CreationDate", job.creationDate);
        node.set("Definition", job.definition.deepCopy());
        if (step != null && step.failedPieces() != null) {
            node.put("FailedPieces", step.failedPieces());
        }
        if (step != null && step.showFailures() && !job.failures.isEmpty()) {
            ArrayNode failures = node.putArray("Failures");
            job.failures.forEach(failures::add);
        }
        node.put("Id", job.id);
        node.put("JobStatus", step == null ? "PENDING_JOB" : step.status());
        if (step != null && step.totalFailures() != null) {
            node.put("TotalFailures", step.totalFailures());
            node.put("TotalPieces", step.totalPieces());
            node.put("TotalProcessed", step.totalProcessed());
        }
        node.put("Type", "IMPORT");
        return node;
    }

    // ---------------------------------------------------------------- processing

    private Outcome process(Job job) {
        Outcome outcome = new Outcome();
        ObjectNode definition = job.definition;
        String s3Url = definition.path("S3Url").textValue();
        String roleArn = definition.path("RoleArn").textValue();
        String format = definition.path("Format").textValue();

        List<String> injected = faults.takeJobFailure(s3Url);
        if (injected != null) {
            outcome.pieces = 1;
            outcome.failedPieces = 1;
            injected.forEach(outcome::failure);
            return outcome;
        }
        if (faults.isDenied(roleArn, s3Url)) {
            return fatal(outcome, "Access denied: could not assume role " + roleArn + " to read " + s3Url);
        }
        Matcher url = S3_URL.matcher(s3Url);
        if (!url.matches()) {
            return fatal(outcome, "Invalid S3Url " + s3Url);
        }
        String bucket = url.group(1);
        String key = url.group(2) == null ? "" : url.group(2).substring(1);

        List<S3Object> objects;
        try {
            objects = objectsFor(bucket, key, format);
        } catch (NoSuchBucketException e) {
            return fatal(outcome, "Bucket not found: s3://" + bucket);
        } catch (S3Exception e) {
            return fatal(
                    outcome,
                    "Could not list " + s3Url + ": " + e.awsErrorDetails().errorCode());
        }
        if (objects.isEmpty()) {
            return fatal(outcome, "No " + format + " files found at " + s3Url);
        }
        long bytes = 0;
        for (S3Object object : objects) {
            bytes += object.size();
        }
        if (bytes > settings.maxBytesPerJob()) {
            return fatal(
                    outcome,
                    "The files at " + s3Url + " hold " + bytes + " bytes, more than the " + settings.maxBytesPerJob()
                            + " bytes one import job may read");
        }

        if (faults.takeDeleteBeforeRead(s3Url)) {
            // listed a moment ago, gone by the time the job reads them
            for (S3Object object : objects) {
                s3.deleteObject(b -> b.bucket(bucket).key(object.key()));
            }
        }
        boolean register = definition.path("RegisterEndpoints").asBoolean(false);
        Store work = settings.keepEndpoints() ? job.app.store.copy() : null;
        LedgerWork lean = settings.keepEndpoints() ? null : new LedgerWork(job.app.ledger, register);
        Map<String, Integer> channelCounts = new TreeMap<>();
        int imported = 0;
        for (S3Object object : objects) {
            String where = "s3://" + bucket + "/" + object.key();
            int rows = 0;
            try (ResponseInputStream<GetObjectResponse> in =
                    s3.getObject(b -> b.bucket(bucket).key(object.key()))) {
                FileResult result = "CSV".equals(format)
                        ? readCsv(in, where, work, lean, outcome, channelCounts)
                        : readJson(in, where, work, lean, outcome, channelCounts);
                rows = result.rows;
                imported += result.imported;
                if (result.brokenAt > 0) {
                    outcome.failedPieces++;
                    outcome.addLine(where + " line " + result.brokenAt + ": not valid UTF-8; the rest of the file"
                            + " was not read");
                }
            } catch (IOException | S3Exception e) {
                outcome.failedPieces++;
                outcome.addLine(where + ": could not be read (" + e.getClass().getSimpleName() + ")");
            }
            outcome.pieces += Math.max(1, (rows + settings.rowsPerPiece() - 1) / settings.rowsPerPiece());
        }
        if (register && work != null) {
            job.app.store.replaceWith(work);
        }
        String segmentId = definition.path("SegmentId").textValue();
        if (segmentId != null && job.app.segments.containsKey(segmentId)) {
            Segment segment = job.app.segments.get(segmentId);
            segment.size += imported;
            channelCounts.forEach((channel, count) -> segment.channelCounts.merge(channel, count, Integer::sum));
            segment.lastModifiedDate = now();
            if (!job.createdSegment) {
                segment.version++;
            }
        }
        return outcome;
    }

    private static Outcome fatal(Outcome outcome, String line) {
        outcome.fatal = true;
        outcome.pieces = 1;
        outcome.failedPieces = 1;
        outcome.addLine(line);
        return outcome;
    }

    private List<S3Object> objectsFor(String bucket, String key, String format) {
        if (!key.isEmpty() && !key.endsWith("/")) {
            // A single object named exactly is taken as it is; otherwise the key is a folder.
            List<S3Object> exact = new ArrayList<>();
            for (S3Object object :
                    s3.listObjectsV2Paginator(b -> b.bucket(bucket).prefix(key)).contents()) {
                if (object.key().equals(key)) {
                    exact.add(object);
                }
            }
            if (!exact.isEmpty()) {
                return exact;
            }
        }
        String prefix = key.isEmpty() || key.endsWith("/") ? key : key + "/";
        String extension = "CSV".equals(format) ? ".csv" : ".json";
        List<S3Object> objects = new ArrayList<>();
        for (S3Object object :
                s3.listObjectsV2Paginator(b -> b.bucket(bucket).prefix(prefix)).contents()) {
            if (object.key().toLowerCase(Locale.ROOT).endsWith(extension)) {
                objects.add(object);
            }
        }
        return objects;
    }

    private record FileResult(int rows, int imported, long brokenAt) {}

    private static Reader utf8(InputStream in) {
        return new InputStreamReader(
                in,
                StandardCharsets.UTF_8
                        .newDecoder()
                        .onMalformedInput(CodingErrorAction.REPORT)
                        .onUnmappableCharacter(CodingErrorAction.REPORT));
    }

    private FileResult readCsv(
            InputStream in,
            String where,
            Store work,
            LedgerWork lean,
            Outcome outcome,
            Map<String, Integer> channelCounts)
            throws IOException {
        CsvTokenizer tokenizer = new CsvTokenizer(new BufferedReader(utf8(in), 64 * 1024));
        int rows = 0;
        int imported = 0;
        long line = 1;
        try {
            CsvTokenizer.Record headerRecord = tokenizer.next();
            if (headerRecord == null) {
                return new FileResult(0, 0, 0);
            }
            RowDecoder.CsvHeader header = decoder.header(headerRecord.cells());
            String headerProblem = headerRecord.problem() != null ? headerRecord.problem() : header.problem();
            for (CsvTokenizer.Record record = tokenizer.next(); record != null; record = tokenizer.next()) {
                line = record.line();
                rows++;
                outcome.processed++;
                String problem = headerProblem != null ? "header: " + headerProblem : record.problem();
                RowDecoder.Decoded decoded = problem == null ? decoder.csvRow(header, record.cells()) : null;
                if (decoded != null) {
                    problem = decoded.problem();
                }
                if (problem == null) {
                    long bound = RowDecoder.csvSizeBound(header, record.cells());
                    problem = importRow(work, lean, decoded.item(), bound, channelCounts);
                }
                if (problem != null) {
                    outcome.failure(where + " line " + record.line() + ": " + problem);
                } else {
                    imported++;
                }
            }
        } catch (CharacterCodingException e) {
            return new FileResult(rows, imported, line + 1);
        }
        return new FileResult(rows, imported, 0);
    }

    private FileResult readJson(
            InputStream in,
            String where,
            Store work,
            LedgerWork lean,
            Outcome outcome,
            Map<String, Integer> channelCounts)
            throws IOException {
        BufferedReader reader = new BufferedReader(utf8(in), 64 * 1024);
        int rows = 0;
        int imported = 0;
        long line = 0;
        try {
            for (String text = reader.readLine(); text != null; text = reader.readLine()) {
                line++;
                if (text.isBlank()) {
                    continue;
                }
                rows++;
                outcome.processed++;
                RowDecoder.Decoded decoded = decoder.jsonLine(text);
                String problem = decoded.problem();
                if (problem == null) {
                    long bound = RowDecoder.jsonSizeBound(text, decoded.item());
                    problem = importRow(work, lean, decoded.item(), bound, channelCounts);
                }
                if (problem != null) {
                    outcome.failure(where + " line " + line + ": " + problem);
                } else {
                    imported++;
                }
            }
        } catch (CharacterCodingException e) {
            return new FileResult(rows, imported, line + 1);
        }
        return new FileResult(rows, imported, 0);
    }

    /**
     * Checks one decoded row against the application's state ({@link #checkRow}) and, when it passes, applies it:
     * to the working store, or in the lean mode to the job's view of the ledger.
     *
     * @param work the working store, or {@code null} in the lean mode
     * @param lean the job's view of the ledger in the lean mode, else {@code null}
     * @param sizeBound an upper bound of the item's size as JSON (the 15 KB check writes the item only above it)
     * @return why the row fails, or {@code null} when it was imported
     */
    private String importRow(
            Store work, LedgerWork lean, ObjectNode item, long sizeBound, Map<String, Integer> channelCounts) {
        String id = item.path("Id").textValue();
        String key = id == null ? null : id.toLowerCase(Locale.ROOT);
        Set<String> newNames = new HashSet<>();
        String problem = checkRow(work != null ? work : lean, item, key, sizeBound, newNames);
        if (problem != null) {
            return problem;
        }
        if (work != null) {
            store(work, item, id, key, newNames, channelCounts);
        } else {
            record(lean, item, key, newNames, channelCounts);
        }
        return null;
    }

    /** Applies a row that passed {@link #checkRow} to the working store, as the service would. */
    private void store(
            Store work,
            ObjectNode item,
            String id,
            String key,
            Set<String> newNames,
            Map<String, Integer> channelCounts) {
        ObjectNode existing = key == null ? null : work.endpoints.get(key);
        String oldUser =
                existing == null ? null : existing.path("User").path("UserId").textValue();
        String newUser = item.path("User").path("UserId").textValue();
        String user = newUser != null ? newUser : oldUser;

        String now = now();
        ObjectNode endpoint = existing == null ? mapper.createObjectNode() : existing;
        if (existing == null) {
            String newId = id != null ? id : UUID.randomUUID().toString();
            endpoint.put("Id", newId);
            endpoint.put("CreationDate", now);
            endpoint.put(
                    "CohortId",
                    Integer.toString(
                            Math.floorMod(newId.toLowerCase(Locale.ROOT).hashCode(), 100)));
            endpoint.put("OptOut", "NONE");
            work.endpoints.put(newId.toLowerCase(Locale.ROOT), endpoint);
        }
        for (String member : List.of("Address", "ChannelType", "OptOut", "RequestId")) {
            if (item.hasNonNull(member)) {
                endpoint.put(member, item.get(member).textValue());
            }
        }
        endpoint.put(
                "EffectiveDate",
                item.hasNonNull("EffectiveDate") ? item.get("EffectiveDate").textValue() : now);
        for (String group : List.of("Attributes", "Metrics", "Demographic", "Location")) {
            JsonNode values = item.get(group);
            if (values != null) {
                endpoint.withObjectProperty(group).setAll((ObjectNode) values);
            }
        }
        JsonNode userAttributes = item.path("User").path("UserAttributes");
        if (newUser != null && !newUser.equals(oldUser)) {
            work.removeUser(oldUser);
            work.userCounts.merge(newUser, 1, Integer::sum);
            endpoint.withObjectProperty("User").put("UserId", newUser);
        }
        if (userAttributes.isObject()) {
            ObjectNode target = user != null
                    ? work.userAttributes.computeIfAbsent(user, u -> mapper.createObjectNode())
                    : endpoint.withObjectProperty("User").withObjectProperty("UserAttributes");
            target.setAll((ObjectNode) userAttributes);
        }
        work.attributeNames.addAll(newNames);
        channelCounts.merge(endpoint.path("ChannelType").textValue(), 1, Integer::sum);
    }

    /**
     * The service's checks of one row against what the application already holds, in this order; the same for both
     * modes, so that a lean emulator fails exactly the rows a full one fails.
     *
     * @param key the row's {@code Id} in lower case, or {@code null}
     * @param newNames gets the custom attribute names the row would add
     * @return why the row fails, or {@code null}
     */
    private static String checkRow(RowState state, ObjectNode item, String key, long sizeBound, Set<String> newNames) {
        boolean known = key != null && state.hasEndpoint(key);
        if (!known) {
            if (!item.hasNonNull("Address")) {
                return "Missing Address";
            }
            if (!item.hasNonNull("ChannelType")) {
                return "Missing ChannelType";
            }
        }
        if (RowDecoder.tooLarge(item, sizeBound)) {
            return "Endpoint is larger than 15 KB";
        }
        collectNames(item.path("Attributes"), "Attributes.", state, newNames);
        collectNames(item.path("Metrics"), "Metrics.", state, newNames);
        collectNames(item.path("User").path("UserAttributes"), "User.UserAttributes.", state, newNames);
        if (state.nameCount() + newNames.size() > PinpointEmulator.MAX_CUSTOM_ATTRIBUTES) {
            return "The application would have more than " + PinpointEmulator.MAX_CUSTOM_ATTRIBUTES
                    + " custom attributes";
        }
        String oldUser = known ? state.userOf(key) : null;
        String newUser = item.path("User").path("UserId").textValue();
        if (newUser != null
                && !newUser.equals(oldUser)
                && state.userCount(newUser) >= PinpointEmulator.MAX_ENDPOINTS_PER_USER) {
            return "User already has " + PinpointEmulator.MAX_ENDPOINTS_PER_USER + " endpoints";
        }
        return null;
    }

    private static void collectNames(JsonNode map, String kind, RowState state, Set<String> into) {
        if (map.isEmpty()) {
            return;
        }
        Iterator<String> names = map.fieldNames();
        while (names.hasNext()) {
            String name = kind + names.next();
            if (!state.hasName(name)) {
                into.add(name);
            }
        }
    }

    /**
     * The lean mode's {@link #store}: records only what the checks of later rows read (id, user, channel, endpoints
     * per user, names).
     */
    private static void record(
            LedgerWork work, ObjectNode item, String key, Set<String> newNames, Map<String, Integer> channelCounts) {
        Known existing = key == null ? null : work.get(key);
        String oldUser = existing == null ? null : existing.userId();
        String newUser = item.path("User").path("UserId").textValue();
        boolean userChanges = newUser != null && !newUser.equals(oldUser);

        JsonNode channelNode = item.get("ChannelType");
        String channel = channelNode != null && !channelNode.isNull()
                ? channel(channelNode.textValue())
                : existing.channelType();
        if (userChanges) {
            if (oldUser != null) {
                work.setUserCount(oldUser, work.userCount(oldUser) - 1);
            }
            work.setUserCount(newUser, work.userCount(newUser) + 1);
        }
        String user = userChanges ? newUser : oldUser;
        if (existing == null
                || !Objects.equals(user, existing.userId())
                || !Objects.equals(channel, existing.channelType())) {
            String newKey = key != null ? key : UUID.randomUUID().toString().toLowerCase(Locale.ROOT);
            work.endpoints.put(newKey, new Known(user, channel));
        }
        work.attributeNames.addAll(newNames);
        channelCounts.merge(channel, 1, Integer::sum);
    }

    /** The channel type as one shared string per type, so that millions of ledger entries share 13 strings. */
    private static String channel(String channelType) {
        String shared = CHANNELS.get(channelType);
        return shared != null ? shared : channelType;
    }

    // ---------------------------------------------------------------- endpoints and segments

    synchronized Answer getEndpoint(String appId, String endpointId) {
        App app = app(appId);
        requireEndpoints();
        ObjectNode endpoint = app.store.endpoints.get(endpointId.toLowerCase(Locale.ROOT));
        if (endpoint == null) {
            throw new ServiceError(ModelledError.NOT_FOUND, "Resource not found");
        }
        return new Answer(200, renderEndpoint(app, endpoint));
    }

    synchronized Answer deleteEndpoint(String appId, String endpointId) {
        App app = app(appId);
        requireEndpoints();
        ObjectNode endpoint = app.store.endpoints.get(endpointId.toLowerCase(Locale.ROOT));
        if (endpoint == null) {
            throw new ServiceError(ModelledError.NOT_FOUND, "Resource not found");
        }
        ObjectNode rendered = renderEndpoint(app, endpoint);
        app.store.endpoints.remove(endpointId.toLowerCase(Locale.ROOT));
        app.store.removeUser(endpoint.path("User").path("UserId").textValue());
        return new Answer(202, rendered);
    }

    synchronized Answer getUserEndpoints(String appId, String userId) {
        App app = app(appId);
        requireEndpoints();
        ObjectNode node = mapper.createObjectNode();
        ArrayNode items = node.putArray("Item");
        for (ObjectNode endpoint : app.store.endpoints.values()) {
            if (userId.equals(endpoint.path("User").path("UserId").textValue())) {
                items.add(renderEndpoint(app, endpoint));
            }
        }
        if (items.isEmpty()) {
            throw new ServiceError(ModelledError.NOT_FOUND, "Resource not found");
        }
        return new Answer(200, node);
    }

    private void requireEndpoints() {
        if (!settings.keepEndpoints()) {
            throw badRequest(PinpointEmulator.NO_ENDPOINTS_MESSAGE);
        }
    }

    private ObjectNode renderEndpoint(App app, ObjectNode stored) {
        ObjectNode node = mapper.createObjectNode();
        node.set("Address", stored.get("Address"));
        node.put("ApplicationId", app.id);
        for (String member :
                List.of("Attributes", "ChannelType", "CohortId", "CreationDate", "Demographic", "EffectiveDate")) {
            if (stored.has(member)) {
                node.set(member, stored.get(member).deepCopy());
            }
        }
        node.put("EndpointStatus", "ACTIVE");
        node.set("Id", stored.get("Id"));
        for (String member : List.of("Location", "Metrics", "OptOut", "RequestId")) {
            if (stored.has(member)) {
                node.set(member, stored.get(member).deepCopy());
            }
        }
        JsonNode user = stored.get("User");
        if (user != null) {
            ObjectNode userNode = node.putObject("User");
            String userId = user.path("UserId").textValue();
            JsonNode attributes = userId != null ? app.store.userAttributes.get(userId) : user.get("UserAttributes");
            if (attributes != null && !attributes.isEmpty()) {
                userNode.set("UserAttributes", attributes.deepCopy());
            }
            if (userId != null) {
                userNode.put("UserId", userId);
            }
        }
        return node;
    }

    synchronized Answer getSegment(String appId, String segmentId) {
        App app = app(appId);
        Segment segment = app.segments.get(segmentId);
        if (segment == null) {
            throw new ServiceError(ModelledError.NOT_FOUND, "Segment not found");
        }
        ObjectNode node = mapper.createObjectNode();
        node.put("ApplicationId", app.id);
        node.put("Arn", appArn(app.id) + "/segments/" + segment.id);
        node.put("CreationDate", segment.creationDate);
        node.put("Id", segment.id);
        ObjectNode definition = segment.definition.deepCopy();
        ObjectNode counts = definition.putObject("ChannelCounts");
        segment.channelCounts.forEach(counts::put);
        definition.put("Size", segment.size);
        node.set("ImportDefinition", definition);
        node.put("LastModifiedDate", segment.lastModifiedDate);
        node.put("Name", segment.name);
        node.put("SegmentType", "IMPORT");
        node.put("Version", segment.version);
        return new Answer(200, node);
    }

    private ObjectNode importDefinition(ObjectNode jobDefinition) {
        ObjectNode node = mapper.createObjectNode();
        for (String member : List.of("ExternalId", "Format", "RoleArn", "S3Url")) {
            if (jobDefinition.has(member)) {
                node.set(member, jobDefinition.get(member).deepCopy());
            }
        }
        return node;
    }

    // ---------------------------------------------------------------- housekeeping

    synchronized void reset() {
        for (App app : apps.values()) {
            for (Job job : app.jobs.values()) {
                if (job.ticker != null) {
                    job.ticker.cancel(false);
                }
            }
        }
        apps.clear();
        pending.clear();
    }

    private String now() {
        return ISO_MILLIS.format(settings.clock().instant());
    }

    private static String appArn(String appId) {
        return "arn:aws:mobiletargeting:" + REGION + ":" + ACCOUNT_ID + ":apps/" + appId;
    }

    private static String newId() {
        return UUID.randomUUID().toString().replace("-", "");
    }

    private static String text(JsonNode body, String member) {
        JsonNode value = body.get(member);
        return value != null && value.isTextual() ? value.textValue() : null;
    }

    private static ServiceError badRequest(String message) {
        return new ServiceError(ModelledError.BAD_REQUEST, message);
    }
}
