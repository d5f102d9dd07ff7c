package io.pinpointimport.emulator.pinpoint.internal;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/** The endpoints of one application, as the service would hold them. */
final class EndpointStore implements RowState {
    final Map<String, ObjectNode> endpoints = new LinkedHashMap<>(); // key: id in lower case
    final Map<String, ObjectNode> userAttributes = new HashMap<>(); // key: user id
    final Map<String, Integer> userCounts = new HashMap<>();
    final Set<String> attributeNames = new HashSet<>();

    EndpointStore copy() {
        EndpointStore copy = new EndpointStore();
        endpoints.forEach((k, v) -> copy.endpoints.put(k, v.deepCopy()));
        userAttributes.forEach((k, v) -> copy.userAttributes.put(k, v.deepCopy()));
        copy.userCounts.putAll(userCounts);
        copy.attributeNames.addAll(attributeNames);
        return copy;
    }

    void replaceWith(EndpointStore other) {
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
    public @Nullable String userOf(String key) {
        ObjectNode endpoint = endpoints.get(key);
        return endpoint == null ? null : endpoint.path("User").path("UserId").textValue();
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

    void removeUser(@Nullable String userId) {
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
