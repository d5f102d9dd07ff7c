package io.pinpointimport.emulator.profiles.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.pinpointimport.emulator.profiles.CustomerProfilesEmulator;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * {@code SearchProfiles} over a domain's stored profiles: the predefined search keys and the {@code UniqueKey}s of
 * the jobs that ran in it, {@code AdditionalSearchKeys} joined with {@code AND} or {@code OR}, paged.
 */
final class ProfileSearch {

    /** Page size of {@code SearchProfiles} without {@code max-results}: 20, as the model says. */
    static final int DEFAULT_SEARCH_PAGE_SIZE = 20;

    private final ProfilesContext context;
    private final Domains domains;

    ProfileSearch(ProfilesContext context, Domains domains) {
        this.context = context;
        this.domains = domains;
    }

    Answer search(String domainName, @Nullable String maxResults, @Nullable String nextToken, @Nullable JsonNode body) {
        Domain domain = domains.domain(domainName);
        if (body == null || !body.isObject()) {
            throw ProfilesServiceError.badRequest("The request body must be a SearchProfilesRequest JSON object");
        }
        int size = ProfilesPaging.pageSize(maxResults, 100, DEFAULT_SEARCH_PAGE_SIZE);
        int offset = ProfilesPaging.offset(nextToken);
        if (!context.settings.keepProfiles()) {
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
        String operator = body.hasNonNull("LogicalOperator") ? ProfilesContext.text(body, "LogicalOperator") : "AND";
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
        return new Answer(
                200,
                ProfilesPaging.page(
                        context.mapper.createObjectNode(), new ArrayList<>(found), offset, size, this::render));
    }

    /** The profiles one search key finds; which key names exist is set out on the doc page, "Searching". */
    private Set<Profile> match(Domain domain, JsonNode key) {
        String keyName = ProfilesContext.text(key, "KeyName");
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

    private ObjectNode render(Profile profile) {
        ObjectNode node = context.mapper.createObjectNode();
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
}
