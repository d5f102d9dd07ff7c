package io.pinpointimport.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Runs the real-time confirmation once, scaled down to about a second; counts only, no timing asserted. */
class PollingConfirmTest {

    @Test
    void countsGetImportJobCallsOfEachJobAgainstTheEmulator() throws Exception {
        List<PollingConfirm.Row> rows = PollingConfirm.run(new long[] {60}, 0.02, 2);

        assertThat(rows).singleElement().satisfies(row -> {
            assertThat(row.jobs()).isEqualTo(2);
            // A job ends only after its four timed steps, so at least one GetImportJob sees it unfinished.
            assertThat(row.meanCalls()).isGreaterThanOrEqualTo(2.0);
            assertThat(row.maxCalls()).isGreaterThanOrEqualTo((int) Math.ceil(row.meanCalls()));
            assertThat(row.meanLatePct()).isGreaterThanOrEqualTo(0.0);
        });
    }
}
