package io.pinpointimport.emulator.pinpoint.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/** The applications (Pinpoint projects) of the account: {@code CreateApp}, {@code GetApp}, {@code GetApps}. */
final class Applications {

    private final EngineContext context;
    private final Map<String, Application> apps = new LinkedHashMap<>();

    Applications(EngineContext context) {
        this.context = context;
    }

    String create(String name) {
        String id = EngineContext.newId();
        apps.put(id, new Application(id, name, context.now()));
        return id;
    }

    Answer create(@Nullable JsonNode body) {
        JsonNode name = body == null ? null : body.get("Name");
        if (name == null || !name.isTextual() || name.textValue().isBlank()) {
            throw ServiceError.badRequest("Name is required");
        }
        String id = create(name.textValue());
        return new Answer(201, render(apps.get(id)));
    }

    Answer get(String appId) {
        return new Answer(200, render(app(appId)));
    }

    Answer list(@Nullable String pageSizeText, @Nullable String token) {
        int pageSize = Paging.pageSize(pageSizeText, context.settings.defaultPageSize());
        int offset = Math.max(0, Paging.offset(token));
        return new Answer(
                200,
                Paging.page(
                        context.mapper.createObjectNode(),
                        new ArrayList<>(apps.values()),
                        offset,
                        pageSize,
                        this::render));
    }

    /** @return the application, or a {@code NotFoundException} */
    Application app(String appId) {
        Application app = apps.get(appId);
        if (app == null) {
            throw ServiceError.notFound("Application not found");
        }
        return app;
    }

    Collection<Application> all() {
        return apps.values();
    }

    void remove(String appId) {
        apps.remove(appId);
    }

    void clear() {
        apps.clear();
    }

    ObjectNode render(Application app) {
        ObjectNode node = context.mapper.createObjectNode();
        node.put("Arn", EngineContext.appArn(app.id));
        node.put("Id", app.id);
        node.put("Name", app.name);
        node.putObject("tags");
        node.put("CreationDate", app.creationDate);
        return node;
    }
}
