package io.pinpointimport.emulator.pinpoint.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.pinpointimport.emulator.pinpoint.PinpointEmulator;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;

/**
 * One decoded row against an application's endpoints: the service's checks (the same in both modes, so that a lean
 * emulator fails exactly the rows a full one fails), then the row applied to the working store or, in the lean mode,
 * to the job's view of the ledger.
 */
final class RowImporter {

    private static final Map<String, String> CHANNELS =
            RowDecoder.CHANNEL_TYPES.stream().collect(Collectors.toUnmodifiableMap(type -> type, type -> type));

    private final EngineContext context;

    RowImporter(EngineContext context) {
        this.context = context;
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
    @Nullable
    String importRow(
            @Nullable EndpointStore work,
            EndpointLedger.@Nullable View lean,
            ObjectNode item,
            long sizeBound,
            Map<String, Integer> channelCounts) {
        String id = item.path("Id").textValue();
        String key = id == null ? null : id.toLowerCase(Locale.ROOT);
        Set<String> newNames = new HashSet<>();
        String problem = checkRow(work != null ? work : Objects.requireNonNull(lean), item, key, sizeBound, newNames);
        if (problem != null) {
            return problem;
        }
        if (work != null) {
            store(work, item, id, key, newNames, channelCounts);
        } else {
            record(Objects.requireNonNull(lean), item, key, newNames, channelCounts);
        }
        return null;
    }

    /** Applies a row that passed {@link #checkRow} to the working store, as the service would. */
    private void store(
            EndpointStore work,
            ObjectNode item,
            @Nullable String id,
            @Nullable String key,
            Set<String> newNames,
            Map<String, Integer> channelCounts) {
        ObjectNode existing = key == null ? null : work.endpoints.get(key);
        String oldUser =
                existing == null ? null : existing.path("User").path("UserId").textValue();
        String newUser = item.path("User").path("UserId").textValue();
        String user = newUser != null ? newUser : oldUser;

        String now = context.now();
        ObjectNode endpoint = existing == null ? context.mapper.createObjectNode() : existing;
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
                    ? work.userAttributes.computeIfAbsent(user, u -> context.mapper.createObjectNode())
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
    static @Nullable String checkRow(
            RowState state, ObjectNode item, @Nullable String key, long sizeBound, Set<String> newNames) {
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
            EndpointLedger.View work,
            ObjectNode item,
            @Nullable String key,
            Set<String> newNames,
            Map<String, Integer> channelCounts) {
        EndpointLedger.Known existing = key == null ? null : work.get(key);
        String oldUser = existing == null ? null : existing.userId();
        String newUser = item.path("User").path("UserId").textValue();
        boolean userChanges = newUser != null && !newUser.equals(oldUser);

        JsonNode channelNode = item.get("ChannelType");
        String channel = channelNode != null && !channelNode.isNull()
                ? channel(channelNode.textValue())
                : Objects.requireNonNull(existing).channelType();
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
            work.endpoints.put(newKey, new EndpointLedger.Known(user, channel));
        }
        work.attributeNames.addAll(newNames);
        channelCounts.merge(channel, 1, Integer::sum);
    }

    /** The channel type as one shared string per type, so that millions of ledger entries share 13 strings. */
    private static String channel(String channelType) {
        String shared = CHANNELS.get(channelType);
        return shared != null ? shared : channelType;
    }
}
