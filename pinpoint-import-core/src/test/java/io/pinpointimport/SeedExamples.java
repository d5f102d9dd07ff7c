package io.pinpointimport;

import io.pinpointimport.model.ChannelType;
import io.pinpointimport.model.EndpointDefinition;
import java.util.List;

/**
 * The three endpoints of the AWS page this project started from ("the seed's examples"), built with the builders,
 * and the seed's own CSV and NDJSON text for them. Every other module takes them from pinpoint-import-fixtures'
 * {@code SeedExamples}; core's tests keep this copy because the fixtures module depends on core (a test dependency
 * back would be a cycle Maven refuses).
 */
public final class SeedExamples {
    /** The seed's CSV example, byte for byte (header and three rows, {@code \n} line ends). */
    public static final String CSV = """
            ChannelType,Address,Location.Country,Demographic.Platform,Demographic.Make,User.UserId
            SMS,2065550182,CAN,Android,LG,example-user-id-1
            APNS,1a2b3c4d5e6f7g8h9i0j1a2b3c4d5e6f,USA,iOS,Apple,example-user-id-2
            EMAIL,john.stiles@example.com,USA,iOS,Apple,example-user-id-2
            """;

    /** The seed's newline-delimited JSON example, byte for byte. */
    public static final String NDJSON = """
            {"ChannelType":"SMS","Address":"2065550182","Location":{"Country":"CAN"},"Demographic":{"Platform":"Android","Make":"LG"},"User":{"UserId":"example-user-id-1"}}
            {"ChannelType":"APNS","Address":"1a2b3c4d5e6f7g8h9i0j1a2b3c4d5e6f","Location":{"Country":"USA"},"Demographic":{"Platform":"iOS","Make":"Apple"},"User":{"UserId":"example-user-id-2"}}
            {"ChannelType":"EMAIL","Address":"john.stiles@example.com","Location":{"Country":"USA"},"Demographic":{"Platform":"iOS","Make":"Apple"},"User":{"UserId":"example-user-id-2"}}
            """;

    private SeedExamples() {}

    /** @return the seed's three endpoints, in the seed's order */
    public static List<EndpointDefinition> endpoints() {
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

    /** @return a definition with every member an import takes set, for masking and round-trip tests */
    public static EndpointDefinition fullyPopulated() {
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
