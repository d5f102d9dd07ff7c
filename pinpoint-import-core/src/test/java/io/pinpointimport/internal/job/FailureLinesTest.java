package io.pinpointimport.internal.job;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** A service's failure line may quote the record that failed: what reaches a WARN log keeps no value of it. */
class FailureLinesTest {
    @Test
    void quotedValuesAddressesAndNumbersAreMaskedAndTheLineShortened() {
        String line = "Row 12: Address 'john.secret@example.com' for user \"u-98765\" is invalid, phone +1 206 555 0182"
                + "\u001b]8;;http://evil\u0007";

        String masked = FailureLines.masked(line);

        assertThat(masked)
                .doesNotContain("john.secret", "example.com", "u-98765", "206 555", "\u001b", "evil\u0007")
                .contains("Row 12", "Address", "is invalid");
        assertThat(FailureLines.masked("x".repeat(500)))
                .hasSize(FailureLines.MAX_LENGTH + 1)
                .endsWith("…");
        assertThat(FailureLines.masked("unknown column EndpointStatus in the header"))
                .isEqualTo("unknown column EndpointStatus in the header");
    }
}
