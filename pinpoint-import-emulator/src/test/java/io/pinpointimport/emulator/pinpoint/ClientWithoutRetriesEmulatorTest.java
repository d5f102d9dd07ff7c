package io.pinpointimport.emulator.pinpoint;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.pinpoint.PinpointAsyncClient;
import software.amazon.awssdk.services.pinpoint.model.BadRequestException;

/**
 * The emulator's client without retries keeps no connection between calls. After an error answer the SDK closes
 * the connection the answer came on, from another thread and sometimes only after handing it to the next call, which
 * then fails with "The connection was closed during the request" before anything is sent; a client with retries
 * makes a second attempt, one without (as {@code ModelledErrorsEmulatorTest}'s, under load) fails. Counted on a TCP
 * relay between the client and the emulator.
 */
class ClientWithoutRetriesEmulatorTest {

    @Test
    void everyCallGoesOnAConnectionOfItsOwnAndEveryAnswerArrives() throws IOException {
        try (PinpointEmulator emulator = PinpointEmulator.start();
                Relay relay = new Relay(emulator.endpoint());
                PinpointAsyncClient client = PinpointEmulator.withoutRetries(
                                emulator.asyncClientBuilder().endpointOverride(relay.endpoint()))
                        .build()) {
            String app = emulator.createApp("connections");
            int calls = 0;
            for (int i = 0; i < 5; i++) {
                emulator.faults().failNext(Operation.GET_IMPORT_JOBS, 1, ModelledError.BAD_REQUEST, "scripted");
                assertThatThrownBy(() ->
                                client.getImportJobs(r -> r.applicationId(app)).join())
                        .hasCauseExactlyInstanceOf(BadRequestException.class);
                assertThat(client.getImportJobs(r -> r.applicationId(app))
                                .join()
                                .importJobsResponse()
                                .item())
                        .isEmpty();
                calls += 2;
            }
            assertThat(relay.connections())
                    .as("connections for %d calls", calls)
                    .isEqualTo(calls);
        }
    }

    /** Relays TCP connections to a server and counts them. */
    static final class Relay implements AutoCloseable {
        private final ServerSocket listener;
        private final URI target;
        private final AtomicInteger connections = new AtomicInteger();
        private final List<Socket> sockets = new CopyOnWriteArrayList<>();
        private final List<Thread> threads = new CopyOnWriteArrayList<>();

        Relay(URI target) throws IOException {
            this.target = target;
            this.listener = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
            start(this::accept);
        }

        URI endpoint() {
            return URI.create("http://127.0.0.1:" + listener.getLocalPort());
        }

        int connections() {
            return connections.get();
        }

        private void accept() {
            try {
                while (true) {
                    Socket client = listener.accept();
                    Socket server = new Socket(target.getHost(), target.getPort());
                    sockets.add(client);
                    sockets.add(server);
                    connections.incrementAndGet();
                    start(() -> pump(client, server));
                    start(() -> pump(server, client));
                }
            } catch (IOException e) {
                // the relay was closed
            }
        }

        /** Copies one direction until its end, then ends the other side's output likewise. */
        private static void pump(Socket from, Socket to) {
            byte[] buffer = new byte[64 * 1024];
            try {
                InputStream in = from.getInputStream();
                OutputStream out = to.getOutputStream();
                for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
                    out.write(buffer, 0, n);
                    out.flush();
                }
                to.shutdownOutput();
            } catch (IOException e) {
                closeQuietly(from);
                closeQuietly(to);
            }
        }

        private void start(Runnable task) {
            Thread thread = new Thread(task, "relay-" + threads.size());
            thread.setDaemon(true);
            threads.add(thread);
            thread.start();
        }

        private static void closeQuietly(Socket socket) {
            try {
                socket.close();
            } catch (IOException e) {
                // already closed
            }
        }

        @Override
        public void close() throws IOException {
            listener.close();
            sockets.forEach(Relay::closeQuietly);
            for (Thread thread : threads) {
                try {
                    thread.join(5_000);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
        }
    }
}
