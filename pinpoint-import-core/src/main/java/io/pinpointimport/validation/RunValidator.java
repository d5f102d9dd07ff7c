package io.pinpointimport.validation;

import io.pinpointimport.internal.ToStringBuilder;
import io.pinpointimport.internal.validation.Fingerprint;
import io.pinpointimport.internal.validation.FingerprintTable;
import io.pinpointimport.model.EndpointDefinition;
import io.pinpointimport.model.EndpointUser;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;

/**
 * Checks the records of one run, fed one by one: every per-record rule of its {@link EndpointValidator}, plus the
 * rules that hold across the run. Made by {@link EndpointValidator#newRun()}; use a new one for each run.
 *
 * <p>Across a run:
 * <ul>
 *   <li>{@link Rule#TOO_MANY_CUSTOM_ATTRIBUTES}: at most {@link EndpointValidator#maxCustomAttributeNames()}
 *       distinct custom names, counting {@code Attributes}, {@code Metrics} and {@code User.UserAttributes} names
 *       together; the same name under two of them counts twice (a conservative reading). Names are case-sensitive.
 *       The service counts per project, names of earlier imports included; the library sees only this run.</li>
 *   <li>{@link Rule#TOO_MANY_ENDPOINTS_PER_USER}: at most {@link EndpointValidator#maxEndpointsPerUser()} distinct
 *       endpoints per {@code User.UserId} (user ids compared exactly). Records with the same {@code Id} for the same
 *       user are one endpoint; ids are compared ignoring case, as the service does. A record without an {@code Id}
 *       always counts as a new endpoint. The service also counts endpoints the user already has in the project.</li>
 * </ul>
 *
 * <p>Budget: only an accepted record (one with no rejection at all) adds its names and endpoint to the run's
 * counts. The record that would pass a limit is rejected; records accepted before it stay accepted. A rejected
 * record still gets the run rules it would break reported, together with its per-record rejections.
 *
 * <p>Thread-safe: the per-record checks run in parallel, the run's counts are updated under a lock. When records
 * are validated concurrently, the order in which they reach the lock decides which one passes a limit; feed
 * records in input order when that must be repeatable.
 *
 * <p>Memory: flat. The names are at most {@link EndpointValidator#maxCustomAttributeNames()}. For the endpoints per
 * user, the run keeps 128-bit fingerprints (MurmurHash3, fixed seed) rather than the ids: a set of (user id,
 * case-folded endpoint id) pairs and a count per user id, in two open-addressing tables of 16 bytes per slot (at
 * most 70 % full) without an object per entry. While both tables together fit {@value #DEFAULT_HEAP_BUDGET_BYTES}
 * bytes they stay in the heap; past that they move to memory-mapped temporary files (in the directory given to
 * {@link EndpointValidator#newRun(Path)}, else {@code java.io.tmpdir}), so the heap holds about as much whatever the
 * run's size, and the operating system's page cache holds the tables: 23 to 46 bytes per distinct pair and per
 * distinct user (16 bytes per slot, 35 to 70 % full), counted in the process's resident memory (RSS) while the pages
 * are resident, and reclaimable by the system (it writes them to the file first). The files are sparse, opened to
 * be deleted on close (on Linux and macOS they have no name from the start, so a killed JVM leaves nothing behind),
 * and given back by {@link #close()}.
 *
 * <p>A false merge (two different users, or two different endpoints of one user, taken as one) needs two
 * fingerprints to collide: for data not crafted to collide the chance is below 10<sup>-20</sup> at 10<sup>8</sup>
 * distinct users and 10<sup>8</sup> distinct endpoints (user keys are 120 bits, pair keys 128). A false merge would
 * let one endpoint too many through or reject one record too early; it never loses a record. The seed is fixed so
 * that a resumed run, in another JVM, takes the same decisions.
 *
 * <p>{@link #close()} it when the run ends (the importer does, whatever the outcome); a run validator that is never
 * closed holds its tables until the garbage collector finds it.
 *
 * <pre>{@code
 * try (RunValidator run = EndpointValidator.ofDefaults().newRun()) {
 *     List<Rejection> rejections = run.validate(0, endpoint);
 * }
 * }</pre>
 */
public final class RunValidator implements AutoCloseable {
    /**
     * Most bytes of heap the endpoints-per-user tables use before they move to memory-mapped files: {@value}
     * (8 MiB, both tables together).
     */
    public static final long DEFAULT_HEAP_BUDGET_BYTES = 8L << 20;

    private final EndpointValidator validator;
    private final Path spillDirectory;
    private final long heapBudgetBytes;
    private final Object lock = new Object();
    // The custom names of accepted records, one set per kind (a name under two kinds counts twice).
    private final Set<String> attributeNames = new HashSet<>();
    private final Set<String> metricNames = new HashSet<>();
    private final Set<String> userAttributeNames = new HashSet<>();
    // Made at the first accepted record with a user id: most runs without user ids never need them.
    private FingerprintTable users;
    private FingerprintTable pairs;
    private boolean closed;

    RunValidator(EndpointValidator validator, Path spillDirectory, long heapBudgetBytes) {
        this.validator = validator;
        this.spillDirectory = Objects.requireNonNull(spillDirectory, "spillDirectory");
        this.heapBudgetBytes = heapBudgetBytes;
    }

    /** @return the validator whose settings and per-record rules this run applies */
    public EndpointValidator validator() {
        return validator;
    }

    /**
     * Checks one record against the per-record rules and the run's rules, and counts it when it is accepted.
     *
     * @param recordIndex the record's 0-based position in the run's input, copied into each rejection
     * @param definition the record
     * @return every rule the record breaks; empty when it was accepted; unmodifiable
     * @throws IllegalStateException when this run validator is closed
     * @throws io.pinpointimport.ImportException when its state cannot be moved to a temporary file
     */
    public List<Rejection> validate(long recordIndex, EndpointDefinition definition) {
        List<Rejection> recordRejections = validator.validate(recordIndex, definition);
        EndpointUser user = definition.user();
        String userId = user == null || user.userId() == null || user.userId().isEmpty() ? null : user.userId();
        // hashed outside the lock, as the per-record checks are
        Fingerprint userKey = userId == null ? null : Fingerprint.of(userId);
        Fingerprint pairKey = userId == null ? null : pairKey(userId, definition.id());
        synchronized (lock) {
            if (closed) {
                throw new IllegalStateException("This run validator is closed");
            }
            EndpointValidator.Collector c = new EndpointValidator.Collector(recordIndex);
            boolean newNames = checkNames(definition, c);
            if (userId != null) {
                int count = users == null ? 0 : users.count(userKey);
                boolean known = count > 0 && pairKey != null && pairs.contains(pairKey);
                if (!known && count >= validator.maxEndpointsPerUser()) {
                    c.add(
                            "User.UserId",
                            Rule.TOO_MANY_ENDPOINTS_PER_USER,
                            "The user of this record already has "
                                    + count + " endpoints in this run; the service allows at most "
                                    + EndpointValidator.DEFAULT_MAX_ENDPOINTS_PER_USER + " per user id"
                                    + (validator.maxEndpointsPerUser()
                                                    < EndpointValidator.DEFAULT_MAX_ENDPOINTS_PER_USER
                                            ? " and this run allows " + validator.maxEndpointsPerUser()
                                            : "")
                                    + ".");
                }
            }
            List<Rejection> runRejections = c.result();
            if (recordRejections.isEmpty() && runRejections.isEmpty()) {
                if (newNames) {
                    addNames(definition);
                }
                if (userId != null) {
                    count(userKey, pairKey);
                }
                return List.of();
            }
            if (runRejections.isEmpty()) {
                return recordRejections;
            }
            List<Rejection> all = new ArrayList<>(recordRejections.size() + runRejections.size());
            all.addAll(recordRejections);
            all.addAll(runRejections);
            return Collections.unmodifiableList(all);
        }
    }

    /** @return how many distinct custom attribute names the accepted records used so far */
    public int customAttributeNameCount() {
        synchronized (lock) {
            return nameCount();
        }
    }

    /**
     * Gives back the run's state: the memory, and the temporary files if it spilled. Idempotent; {@link #validate}
     * throws afterwards.
     */
    @Override
    public void close() {
        synchronized (lock) {
            closed = true;
            try {
                if (users != null) {
                    users.close();
                }
            } finally {
                if (pairs != null) {
                    pairs.close();
                }
            }
        }
    }

    /** @return whether the endpoints-per-user state moved to memory-mapped files (for tests) */
    boolean spilled() {
        synchronized (lock) {
            return users != null && (users.spilled() || pairs.spilled());
        }
    }

    private void count(Fingerprint userKey, Fingerprint pairKey) {
        if (users == null) {
            users = FingerprintTable.newCounter(spillDirectory, heapBudgetBytes / 2);
            pairs = FingerprintTable.newSet(spillDirectory, heapBudgetBytes / 2);
        }
        // a record without an id is a new endpoint every time; one with an id only the first time
        if (pairKey == null || pairs.add(pairKey)) {
            users.increment(userKey);
        }
    }

    private int nameCount() {
        return attributeNames.size() + metricNames.size() + userAttributeNames.size();
    }

    /**
     * Reports the names that would pass the limit, in the record's order: attributes, metrics, user attributes.
     *
     * @return whether the record uses a name the run has not counted yet
     */
    private boolean checkNames(EndpointDefinition d, EndpointValidator.Collector c) {
        int max = validator.maxCustomAttributeNames();
        int known = nameCount();
        int total = checkNames(d.attributes().keySet(), attributeNames, "Attributes.", known, max, c);
        total = checkNames(d.metrics().keySet(), metricNames, "Metrics.", total, max, c);
        EndpointUser user = d.user();
        if (user != null) {
            total = checkNames(
                    user.userAttributes().keySet(), userAttributeNames, "User.UserAttributes.", total, max, c);
        }
        return total > known;
    }

    private static int checkNames(
            Set<String> names, Set<String> counted, String prefix, int total, int max, EndpointValidator.Collector c) {
        for (String name : names) {
            if (counted.contains(name)) {
                continue;
            }
            total++;
            if (total > max) {
                c.add(
                        prefix + Checks.pathSegment(name),
                        Rule.TOO_MANY_CUSTOM_ATTRIBUTES,
                        "This custom attribute name would be name "
                                + total + " of the run, over the limit of " + max
                                + " distinct names (Attributes, Metrics "
                                + "and User.UserAttributes together; the service's default quota is "
                                + EndpointValidator.DEFAULT_MAX_CUSTOM_ATTRIBUTE_NAMES
                                + " per project, names already in the project included).");
            }
        }
        return total;
    }

    private void addNames(EndpointDefinition d) {
        attributeNames.addAll(d.attributes().keySet());
        metricNames.addAll(d.metrics().keySet());
        EndpointUser user = d.user();
        if (user != null) {
            userAttributeNames.addAll(user.userAttributes().keySet());
        }
    }

    /**
     * The fingerprint of (user id, endpoint id folded to one case), or {@code null} without an id. Endpoint ids are
     * case-insensitive in the service; folding (upper case, then lower case, in the root locale) makes {@code Ab} and
     * {@code aB} one. An ASCII id folds to its ASCII lower case, read in place instead of copied.
     */
    private static Fingerprint pairKey(String userId, String id) {
        if (id == null || id.isBlank()) {
            return null;
        }
        for (int i = 0, n = id.length(); i < n; i++) {
            if (id.charAt(i) >= 0x80) {
                return Fingerprint.ofPair(userId, id.toUpperCase(Locale.ROOT).toLowerCase(Locale.ROOT));
            }
        }
        return Fingerprint.ofPairAsciiLowerCase(userId, id);
    }

    @Override
    public String toString() {
        synchronized (lock) {
            return ToStringBuilder.of("RunValidator")
                    .add("validator", validator)
                    .add("customAttributeNames", nameCount())
                    .add("users", users == null ? 0 : users.size())
                    .add("spilled", users != null && (users.spilled() || pairs.spilled()))
                    .add("closed", closed)
                    .build();
        }
    }
}
