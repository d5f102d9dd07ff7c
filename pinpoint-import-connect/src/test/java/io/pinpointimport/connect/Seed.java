package io.pinpointimport.connect;

import io.pinpointimport.model.ChannelType;
import io.pinpointimport.model.EndpointDefinition;
import java.util.List;

/** The three example endpoints of the Pinpoint developer guide's import page (the project's seed). */
final class Seed {
    private Seed() {}

    static List<EndpointDefinition> endpoints() {
        return List.of(
                EndpointDefinition.builder()
                        .channelType(ChannelType.SMS)
                        .address("2065550182")
                        .location(l -> l.country("CAN"))
                        .demographic(d -> d.platform("Android").make("LG"))
                        .user(u -> u.userId("example-user-id-1"))
                        .build(),
                EndpointDefinition.builder()
                        .channelType(ChannelType.APNS)
                        .address("1a2b3c4d5e6f7g8h9i0j1a2b3c4d5e6f")
                        .location(l -> l.country("USA"))
                        .demographic(d -> d.platform("iOS").make("Apple"))
                        .user(u -> u.userId("example-user-id-2"))
                        .build(),
                EndpointDefinition.builder()
                        .channelType(ChannelType.EMAIL)
                        .address("john.stiles@example.com")
                        .location(l -> l.country("USA"))
                        .demographic(d -> d.platform("iOS").make("Apple"))
                        .user(u -> u.userId("example-user-id-2"))
                        .build());
    }
}
