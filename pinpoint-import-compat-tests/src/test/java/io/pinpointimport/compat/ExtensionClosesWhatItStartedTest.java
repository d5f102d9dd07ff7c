package io.pinpointimport.compat;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import java.io.IOException;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.Socket;
import org.junit.jupiter.api.Test;
import org.junit.platform.launcher.Launcher;
import org.junit.platform.launcher.LauncherDiscoveryRequest;
import org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder;
import org.junit.platform.launcher.core.LauncherFactory;
import org.junit.platform.launcher.listeners.SummaryGeneratingListener;
import org.junit.platform.launcher.listeners.TestExecutionSummary;

/**
 * The extension closes the emulator and S3 server it started once their test class (or, shared, the run) ends,
 * on the JUnit this module runs with: 5.10 and 6.x in .ci/run, the build's own otherwise. Before the fix, JUnit
 * 5.10 to 5.12 left both servers listening.
 */
class ExtensionClosesWhatItStartedTest {
    @Test
    void everyPortIsClosedOnceItsClassOrRunHasEnded() {
        EmulatorSample.PORTS.clear();
        LauncherDiscoveryRequest request = LauncherDiscoveryRequestBuilder.request()
                .selectors(
                        selectClass(EmulatorSample.PerClass.class),
                        selectClass(EmulatorSample.Registered.class),
                        selectClass(EmulatorSample.Shared.class))
                .build();
        Launcher launcher = LauncherFactory.create();
        SummaryGeneratingListener listener = new SummaryGeneratingListener();

        launcher.execute(request, listener);

        TestExecutionSummary summary = listener.getSummary();
        assertThat(summary.getFailures()).as("failures of the sample tests").isEmpty();
        assertThat(summary.getTestsSucceededCount()).isEqualTo(4);
        // two per test: emulator and S3; the per-class pair is the same for both tests of PerClass
        assertThat(EmulatorSample.PORTS).hasSize(8);
        assertThat(EmulatorSample.PORTS.subList(0, 2)).isEqualTo(EmulatorSample.PORTS.subList(2, 4));
        for (int port : EmulatorSample.PORTS) {
            assertThatThrownBy(() -> connect(port))
                    .as("port %d must be closed", port)
                    .isInstanceOf(ConnectException.class);
        }
    }

    private static void connect(int port) throws IOException {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", port), 5_000);
        }
    }
}
