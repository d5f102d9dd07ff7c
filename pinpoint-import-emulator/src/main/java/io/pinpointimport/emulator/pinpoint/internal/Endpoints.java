package io.pinpointimport.emulator.pinpoint.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.pinpointimport.emulator.pinpoint.PinpointEmulator;
import java.util.List;
import java.util.Locale;

/**
 * The imported endpoints as the service shows them: {@code GetEndpoint}, {@code DeleteEndpoint},
 * {@code GetUserEndpoints}; refused in the lean mode, which keeps no endpoints.
 */
final class Endpoints {

    private final EngineContext context;

    Endpoints(EngineContext context) {
        this.context = context;
    }

    Answer get(Application app, String endpointId) {
        requireEndpoints();
        ObjectNode endpoint = app.store.endpoints.get(endpointId.toLowerCase(Locale.ROOT));
        if (endpoint == null) {
            throw ServiceError.notFound("Resource not found");
        }
        return new Answer(200, render(app, endpoint));
    }

    Answer delete(Application app, String endpointId) {
        requireEndpoints();
        ObjectNode endpoint = app.store.endpoints.get(endpointId.toLowerCase(Locale.ROOT));
        if (endpoint == null) {
            throw ServiceError.notFound("Resource not found");
        }
        ObjectNode rendered = render(app, endpoint);
        app.store.endpoints.remove(endpointId.toLowerCase(Locale.ROOT));
        app.store.removeUser(endpoint.path("User").path("UserId").textValue());
        return new Answer(202, rendered);
    }

    Answer ofUser(Application app, String userId) {
        requireEndpoints();
        ObjectNode node = context.mapper.createObjectNode();
        ArrayNode items = node.putArray("Item");
        for (ObjectNode endpoint : app.store.endpoints.values()) {
            if (userId.equals(endpoint.path("User").path("UserId").textValue())) {
                items.add(render(app, endpoint));
            }
        }
        if (items.isEmpty()) {
            throw ServiceError.notFound("Resource not found");
        }
        return new Answer(200, node);
    }

    private void requireEndpoints() {
        if (!context.settings.keepEndpoints()) {
            throw ServiceError.badRequest(PinpointEmulator.NO_ENDPOINTS_MESSAGE);
        }
    }

    private ObjectNode render(Application app, ObjectNode stored) {
        ObjectNode node = context.mapper.createObjectNode();
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
}
