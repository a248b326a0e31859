package dev.herald.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.herald.client.sse.SseEvent;
import dev.herald.server.support.RunningHub;
import dev.herald.server.support.SseRecorder;
import io.netty.handler.ssl.util.InsecureTrustManagerFactory;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.security.GeneralSecurityException;
import java.util.Map;
import java.util.Optional;
import javax.net.ssl.SSLContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * HTTPS clients that do not speak HTTP/2 (ALPN offers only http/1.1: older clients, some proxies,
 * {@code curl --http1.1}) get their stream over HTTP/1.1 inside TLS. Regression: the stream's pipeline
 * once dropped the TLS handler with the HTTP handlers after the response head, so every event went
 * out in plain text inside the TLS connection and the client saw a TLS error instead.
 */
class TlsHttp1StreamTest {

    private static final String TOPIC = "https://example.com/tls/1";

    private final RunningHub hub = RunningHub.start(ServerOptions.builder().activeSubscriptions(false)
            .tls(Optional.of(TlsOptions.generatedSelfSigned())).build());
    private final HttpClient http1 = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .sslContext(trustingTheSelfSignedCertificate()).build();

    @AfterEach
    void stop() {
        hub.close();
    }

    @Test
    void aStreamOverHttp1InsideTlsReceivesUpdates() throws Exception {
        try (SseRecorder stream = SseRecorder.open(http1, https("/.well-known/mercure?topic=" + TOPIC), Map.of())) {
            assertThat(stream.status()).isEqualTo(200);

            HttpResponse<String> published = http1.send(HttpRequest.newBuilder(https("/.well-known/mercure"))
                    .header("Content-Type", "application/x-www-form-urlencoded")
                    .POST(HttpRequest.BodyPublishers.ofString("topic=" + TOPIC + "&data=over+tls"))
                    .build(), HttpResponse.BodyHandlers.ofString());

            assertThat(published.version()).isEqualTo(HttpClient.Version.HTTP_1_1);
            assertThat(published.statusCode()).isEqualTo(200);
            assertThat(stream.awaitEvents(1)).extracting(SseEvent::data).containsExactly("over tls");
            assertThat(stream.awaitEvents(1)).extracting(SseEvent::lastEventId).containsExactly(published.body());
        }
    }

    private URI https(String pathAndQuery) {
        return URI.create("https://127.0.0.1:" + hub.port() + pathAndQuery);
    }

    /** The hub's certificate is generated at start: this client accepts it (and only talks to loopback). */
    private static SSLContext trustingTheSelfSignedCertificate() {
        try {
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(null, InsecureTrustManagerFactory.INSTANCE.getTrustManagers(), null);
            return context;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
