package dev.herald.client;

import static dev.herald.client.ScriptedServer.page;
import static dev.herald.client.ScriptedServer.status;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.util.List;
import org.junit.jupiter.api.Test;

/** RFC 8288 Link headers as Mercure discovery uses them. */
class DiscoveryTest {

    private static final URI RESOURCE = URI.create("https://example.com/books/1");

    @Test
    void aMercureLinkNamesTheHub() {
        Discovery.Found found = Discovery.fromHeaders(RESOURCE,
                List.of("<https://hub.example.com/.well-known/mercure>; rel=\"mercure\""));

        assertThat(found.hubs()).containsExactly(URI.create("https://hub.example.com/.well-known/mercure"));
    }

    @Test
    void severalLinksInOneHeaderAndSeveralHeadersAllCount() {
        Discovery.Found found = Discovery.fromHeaders(RESOURCE, List.of(
                "<https://a.example/.well-known/mercure>; rel=mercure, <https://example.com/books/1>; rel=\"self\"",
                "<https://b.example/.well-known/mercure>; rel=\"mercure\""));

        assertThat(found.hubs()).containsExactly(URI.create("https://a.example/.well-known/mercure"),
                URI.create("https://b.example/.well-known/mercure"));
        assertThat(found.self()).hasValue(RESOURCE);
    }

    @Test
    void aRelativeHubResolvesAgainstTheResource() {
        Discovery.Found found = Discovery.fromHeaders(RESOURCE, List.of("</.well-known/mercure>; rel=\"mercure\""));

        assertThat(found.hubs()).containsExactly(URI.create("https://example.com/.well-known/mercure"));
    }

    @Test
    void relationTypesCompareCaseInsensitivelyAndMayBeListed() {
        Discovery.Found found = Discovery.fromHeaders(RESOURCE,
                List.of("<https://hub.example/m>; title=\"the hub\"; rel=\"alternate MERCURE\""));

        assertThat(found.hubs()).containsExactly(URI.create("https://hub.example/m"));
    }

    @Test
    void commasAndSemicolonsInsideTheUriOrAQuotedParameterDoNotSplitLinks() {
        Discovery.Found found = Discovery.fromHeaders(RESOURCE, List.of(
                "<https://hub.example/m?a=1,2;b>; title=\"x, y; z\"; rel=\"mercure\", <https://other.example/>; rel=next"));

        assertThat(found.hubs()).containsExactly(URI.create("https://hub.example/m?a=1,2;b"));
    }

    @Test
    void linksOfOtherRelationsAndMalformedLinksAreIgnored() {
        Discovery.Found found = Discovery.fromHeaders(RESOURCE, List.of(
                "<https://example.com/next>; rel=next", "<no closing bracket; rel=mercure", "<https://x.example/>"));

        assertThat(found.hubs()).isEmpty();
        assertThat(found.self()).isEmpty();
    }

    @Test
    void theTopicIsSelfWhenGivenElseTheResource() {
        assertThat(Discovery.fromHeaders(RESOURCE, List.of("<https://example.com/b/1>; rel=self")).topic(RESOURCE))
                .isEqualTo("https://example.com/b/1");
        assertThat(Discovery.fromHeaders(RESOURCE, List.of()).topic(RESOURCE)).isEqualTo(RESOURCE.toString());
    }

    @Test
    void discoverFetchesTheResourceAndReadsItsLinks() throws Exception {
        try (ScriptedServer app = new ScriptedServer(page("</.well-known/mercure>; rel=\"mercure\"",
                "<https://example.com/books/1>; rel=\"self\""))) {
            Discovery.Found found = Discovery.discover(HttpClient.newHttpClient(), app.uri());

            assertThat(found.hubs()).containsExactly(app.uri().resolve("/.well-known/mercure"));
            assertThat(found.topic(app.uri())).isEqualTo("https://example.com/books/1");
        }
    }

    @Test
    void aResourceThatNamesNoHubIsAnError() {
        try (ScriptedServer app = new ScriptedServer(page())) {
            assertThatThrownBy(() -> Discovery.discover(HttpClient.newHttpClient(), app.uri()))
                    .isInstanceOf(IOException.class).hasMessageContaining("names no hub");
        }
    }

    @Test
    void aResourceThatIsNotThereIsAnError() {
        try (ScriptedServer app = new ScriptedServer(status(404, "text/plain", "not found"))) {
            assertThatThrownBy(() -> Discovery.discover(HttpClient.newHttpClient(), app.uri()))
                    .isInstanceOf(IOException.class).hasMessageContaining("answered 404");
        }
    }

    @Test
    void theHubLinksAttributesGiveTheCursorTheEventTypeAndTheContentType() {
        Discovery.Found found = Discovery.fromHeaders(RESOURCE, List.of("<https://hub.example/.well-known/mercure>; "
                + "rel=\"mercure\"; last-event-id=\"urn:uuid:5e94c686\"; type=book; Content-Type=\"application/merge-patch+json\""));

        assertThat(found.lastEventId()).hasValue("urn:uuid:5e94c686");
        assertThat(found.eventType()).hasValue("book");
        assertThat(found.contentType()).as("attribute names compare case-insensitively").hasValue("application/merge-patch+json");
    }

    @Test
    void theDiscoveredOptionsStartAfterTheCursorOnEveryHub() {
        Discovery.Found found = Discovery.fromHeaders(RESOURCE, List.of(
                "<https://a.example/.well-known/mercure>; rel=mercure; last-event-id=\"urn:uuid:1\"",
                "<https://b.example/.well-known/mercure>; rel=mercure"));

        SubscribeOptions options = found.subscribeOptions(RESOURCE);

        assertThat(options.hubs()).containsExactly(URI.create("https://a.example/.well-known/mercure"),
                URI.create("https://b.example/.well-known/mercure"));
        assertThat(options.matchers()).containsExactly(TopicMatcher.topic(RESOURCE.toString()));
        assertThat(options.lastEventId()).isEqualTo("urn:uuid:1");
    }

    @Test
    void withoutACursorTheDiscoveredOptionsAreLive() {
        Discovery.Found found = Discovery.fromHeaders(RESOURCE, List.of("<https://a.example/.well-known/mercure>; rel=mercure"));

        assertThat(found.lastEventId()).isEmpty();
        assertThat(found.subscribeOptions(RESOURCE).lastEventId()).isEmpty();
    }
}
