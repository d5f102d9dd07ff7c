package io.pinpointimport.cli;

/** The seed's three endpoints as import files (the same text as core's {@code SeedExamples}). */
public final class SeedText {
    /** The seed's CSV. */
    public static final String CSV = """
            ChannelType,Address,Location.Country,Demographic.Platform,Demographic.Make,User.UserId
            SMS,2065550182,CAN,Android,LG,example-user-id-1
            APNS,1a2b3c4d5e6f7g8h9i0j1a2b3c4d5e6f,USA,iOS,Apple,example-user-id-2
            EMAIL,john.stiles@example.com,USA,iOS,Apple,example-user-id-2
            """;

    /** The seed's newline-delimited JSON. */
    public static final String NDJSON = """
            {"ChannelType":"SMS","Address":"2065550182","Location":{"Country":"CAN"},"Demographic":{"Platform":"Android","Make":"LG"},"User":{"UserId":"example-user-id-1"}}
            {"ChannelType":"APNS","Address":"1a2b3c4d5e6f7g8h9i0j1a2b3c4d5e6f","Location":{"Country":"USA"},"Demographic":{"Platform":"iOS","Make":"Apple"},"User":{"UserId":"example-user-id-2"}}
            {"ChannelType":"EMAIL","Address":"john.stiles@example.com","Location":{"Country":"USA"},"Demographic":{"Platform":"iOS","Make":"Apple"},"User":{"UserId":"example-user-id-2"}}
            """;

    private SeedText() {
    }
}
