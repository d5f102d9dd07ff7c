package io.pinpointimport.bench;

import io.pinpointimport.model.EndpointDefinition;
import io.pinpointimport.testkit.fixtures.EndpointFixtures;
import java.util.Iterator;

/** The records every benchmark serializes: the testkit's seeded realistic endpoints, generated once per trial. */
final class BenchData {
    /** Records per benchmark operation; scores are normalized to records by {@code @OperationsPerInvocation}. */
    static final int BATCH = 10_000;

    private BenchData() {}

    static EndpointDefinition[] records() {
        EndpointDefinition[] out = new EndpointDefinition[BATCH];
        Iterator<EndpointDefinition> it = EndpointFixtures.ofDefaults().iterator();
        for (int i = 0; i < BATCH; i++) {
            out[i] = it.next();
        }
        return out;
    }
}
