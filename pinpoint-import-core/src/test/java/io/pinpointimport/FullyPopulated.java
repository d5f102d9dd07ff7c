package io.pinpointimport;

import io.pinpointimport.model.ChannelType;
import io.pinpointimport.model.EndpointDefinition;

/**
 * An endpoint definition with every member an import takes set, for masking and round-trip tests. (The seed's three
 * endpoints and their CSV and NDJSON text are pinpoint-import-fixtures' {@code SeedExamples}.)
 */
public final class FullyPopulated {
    private FullyPopulated() {}

    /** @return a definition with every member an import takes set, for masking and round-trip tests */
    public static EndpointDefinition definition() {
        return EndpointDefinition.builder()
                .id("endpoint-0001")
                .channelType(ChannelType.SMS)
                .address("+12065550100")
                .optOut("NONE")
                .requestId("req-42")
                .location(l -> l.country("US")
                        .region("WA")
                        .city("Seattle")
                        .postalCode("98101")
                        .latitude(47.6)
                        .longitude(-122.3))
                .demographic(d -> d.platform("android")
                        .platformVersion("14")
                        .make("samsung")
                        .model("SM-G900F")
                        .modelVersion("2")
                        .appVersion("3.1.4")
                        .locale("en_US")
                        .timezone("America/Los_Angeles"))
                .user(u -> u.userId("secret-user-id-77")
                        .attribute("FirstName", "Zelda-secret-name")
                        .attribute("tier", "gold-secret-tier", "platinum-secret-tier"))
                .attribute("Interests", "secret-interest-science", "secret-interest-music")
                .metric("purchases", 12345.678)
                .build();
    }
}
