package io.pinpointimport.emulator.profiles.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/** The domains of the account: {@code CreateDomain}, {@code GetDomain} with its {@code Stats}, and lookups. */
final class Domains {

    private static final Pattern DOMAIN_NAME = Pattern.compile("[a-zA-Z0-9_-]{1,64}");

    private final ProfilesContext context;
    private final Map<String, Domain> domains = new LinkedHashMap<>();

    Domains(ProfilesContext context) {
        this.context = context;
    }

    /** Creates a domain directly, without HTTP; does nothing if it exists. */
    void create(String name, int defaultExpirationDays) {
        requireName(name);
        if (!domains.containsKey(name)) {
            domains.put(
                    name, new Domain(name, context.now(), defaultExpirationDays, context.mapper.createObjectNode()));
        }
    }

    Answer create(String name, @Nullable JsonNode body) {
        requireName(name);
        if (body == null || !body.isObject()) {
            throw ProfilesServiceError.badRequest("The request body must be a CreateDomainRequest JSON object");
        }
        int days = ProfilesContext.expirationDays(body, "DefaultExpirationDays", true);
        if (domains.containsKey(name)) {
            throw ProfilesServiceError.badRequest("Domain " + name + " already exists");
        }
        ObjectNode echoed = context.mapper.createObjectNode();
        for (String member : List.of("DefaultEncryptionKey", "DeadLetterQueueUrl", "Tags")) {
            if (body.hasNonNull(member)) {
                echoed.set(member, body.get(member).deepCopy());
            }
        }
        Domain domain = new Domain(name, context.now(), days, echoed);
        domains.put(name, domain);
        return new Answer(200, render(domain, false));
    }

    Answer get(String name) {
        return new Answer(200, render(domain(name), true));
    }

    long profileCount(String name) {
        return domain(name).profileCount(context.settings.keepProfiles());
    }

    /** @return the domain, or a {@code ResourceNotFoundException} (a {@code BadRequestException} for a bad name) */
    Domain domain(String name) {
        requireName(name);
        Domain domain = domains.get(name);
        if (domain == null) {
            throw ProfilesServiceError.notFound("Domain " + name + " does not exist");
        }
        return domain;
    }

    Collection<Domain> all() {
        return domains.values();
    }

    void clear() {
        domains.clear();
    }

    private ObjectNode render(Domain domain, boolean stats) {
        ObjectNode node = context.mapper.createObjectNode();
        node.put("DomainName", domain.name);
        node.put("DefaultExpirationDays", domain.defaultExpirationDays);
        domain.echoed
                .fields()
                .forEachRemaining(e -> node.set(e.getKey(), e.getValue().deepCopy()));
        if (stats) {
            ObjectNode statsNode = node.putObject("Stats");
            long count = domain.profileCount(context.settings.keepProfiles());
            statsNode.put("ProfileCount", count);
            statsNode.put("MeteringProfileCount", count);
            statsNode.put("ObjectCount", domain.objectCount);
            statsNode.put("TotalSize", domain.totalSize);
        }
        node.put("CreatedAt", ProfilesContext.epochSeconds(domain.createdAt));
        node.put("LastUpdatedAt", ProfilesContext.epochSeconds(domain.lastUpdatedAt));
        return node;
    }

    private static void requireName(String name) {
        if (name == null || !DOMAIN_NAME.matcher(name).matches()) {
            throw ProfilesServiceError.badRequest("DomainName must be 1-64 characters of a-z, A-Z, 0-9, _ and -");
        }
    }
}
