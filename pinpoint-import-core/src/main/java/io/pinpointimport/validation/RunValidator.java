package io.pinpointimport.validation;

import io.pinpointimport.internal.ToStringBuilder;
import io.pinpointimport.model.EndpointDefinition;
import io.pinpointimport.model.EndpointUser;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
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
 * records in input order when that must be repeatable. Memory grows with the number of distinct user ids and
 * endpoint ids seen.
 *
 * <pre>{@code
 * RunValidator run = EndpointValidator.ofDefaults().newRun();
 * List<Rejection> rejections = run.validate(0, endpoint);
 * }</pre>
 */
public final class RunValidator {
    private final EndpointValidator validator;
    private final Object lock = new Object();
    // Qualified names ("Attributes.x", "Metrics.x", "User.UserAttributes.x") of accepted records.
    private final Set<String> customNames = new HashSet<>();
    private final Map<String, UserEndpoints> users = new HashMap<>();

    RunValidator(EndpointValidator validator) {
        this.validator = validator;
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
     */
    public List<Rejection> validate(long recordIndex, EndpointDefinition definition) {
        List<Rejection> recordRejections = validator.validate(recordIndex, definition);
        Set<String> names = qualifiedNames(definition);
        EndpointUser user = definition.user();
        String userId = user == null || user.userId() == null || user.userId().isEmpty() ? null : user.userId();
        String endpointKey = endpointKey(definition.id());
        synchronized (lock) {
            EndpointValidator.Collector c = new EndpointValidator.Collector(recordIndex);
            checkNames(names, c);
            UserEndpoints endpoints = userId == null ? null : users.get(userId);
            if (userId != null) {
                int count = endpoints == null ? 0 : endpoints.count();
                boolean known = endpoints != null && endpointKey != null && endpoints.ids.contains(endpointKey);
                if (!known && count >= validator.maxEndpointsPerUser()) {
                    c.add("User.UserId", Rule.TOO_MANY_ENDPOINTS_PER_USER, "The user of this record already has "
                            + count + " endpoints in this run; the service allows at most "
                            + EndpointValidator.DEFAULT_MAX_ENDPOINTS_PER_USER + " per user id"
                            + (validator.maxEndpointsPerUser() < EndpointValidator.DEFAULT_MAX_ENDPOINTS_PER_USER
                                    ? " and this run allows " + validator.maxEndpointsPerUser() : "")
                            + ".");
                }
            }
            List<Rejection> runRejections = c.result();
            if (recordRejections.isEmpty() && runRejections.isEmpty()) {
                customNames.addAll(names);
                if (userId != null) {
                    users.computeIfAbsent(userId, k -> new UserEndpoints()).add(endpointKey);
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
            return customNames.size();
        }
    }

    private void checkNames(Set<String> names, EndpointValidator.Collector c) {
        int max = validator.maxCustomAttributeNames();
        int total = customNames.size();
        for (String name : names) {
            if (customNames.contains(name)) {
                continue;
            }
            total++;
            if (total > max) {
                c.add(pathOf(name), Rule.TOO_MANY_CUSTOM_ATTRIBUTES, "This custom attribute name would be name "
                        + total + " of the run, over the limit of " + max + " distinct names (Attributes, Metrics "
                        + "and User.UserAttributes together; the service's default quota is "
                        + EndpointValidator.DEFAULT_MAX_CUSTOM_ATTRIBUTE_NAMES
                        + " per project, names already in the project included).");
            }
        }
    }

    private static Set<String> qualifiedNames(EndpointDefinition d) {
        Set<String> names = new LinkedHashSet<>();
        d.attributes().keySet().forEach(n -> names.add("Attributes." + n));
        d.metrics().keySet().forEach(n -> names.add("Metrics." + n));
        if (d.user() != null) {
            d.user().userAttributes().keySet().forEach(n -> names.add("User.UserAttributes." + n));
        }
        return names;
    }

    private static String pathOf(String qualifiedName) {
        int dot = qualifiedName.startsWith("User.") ? qualifiedName.indexOf('.', "User.".length())
                : qualifiedName.indexOf('.');
        return qualifiedName.substring(0, dot + 1) + Checks.pathSegment(qualifiedName.substring(dot + 1));
    }

    /** Endpoint ids are case-insensitive in the service; fold them so that {@code Ab} and {@code aB} are one. */
    private static String endpointKey(String id) {
        if (id == null || id.isBlank()) {
            return null;
        }
        return id.toUpperCase(Locale.ROOT).toLowerCase(Locale.ROOT);
    }

    @Override
    public String toString() {
        synchronized (lock) {
            return ToStringBuilder.of("RunValidator")
                    .add("validator", validator)
                    .add("customAttributeNames", customNames.size())
                    .add("users", users.size())
                    .build();
        }
    }

    /** The endpoints of one user seen in the run: the ids, and how many records came without one. */
    private static final class UserEndpoints {
        private final Set<String> ids = new HashSet<>();
        private int withoutId;

        int count() {
            return ids.size() + withoutId;
        }

        void add(String endpointKey) {
            if (endpointKey == null) {
                withoutId++;
            } else {
                ids.add(endpointKey);
            }
        }
    }
}
