package dev.herald.server.mercure;

import static java.util.Map.entry;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.herald.server.ServerOptions;
import dev.herald.server.support.AccessTokens;
import dev.herald.server.support.Chromium;
import dev.herald.server.support.MercureClient;
import dev.herald.server.support.RunningHub;
import dev.herald.server.support.SubscriberApp;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.awaitility.core.ConditionFactory;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebDriver;

/**
 * A Mercure 1.0 (draft-08) subscriber in Debian's headless Chromium, written as its users write it
 * ({@code mercure08/books.html}): {@code new EventSource(hub + '?match=…&match_urlpattern=…')} with the
 * access token in the {@code __Secure-mercure_access_token} cookie its application set, and
 * {@code last_event_id=} from discovery. Publishers are the test, with {@code at+jwt} bearer tokens.
 * Every test asserts the exact events the page saw: ids, data, order.
 *
 * <p>Chromium (156) keeps a {@code __Secure-} cookie set over plain HTTP by {@code localhost} or
 * {@code 127.0.0.1}: both are secure contexts. So these tests run over HTTP on loopback; on any other
 * host the cookie needs HTTPS, as draft-08 requires anyway.
 */
class Draft08BrowserTest {

    private static final String BOOK = "https://example.com/books/1";
    private static final String AUTHOR_1 = "https://example.com/authors/1";
    private static final String AUTHOR_7 = "https://example.com/authors/7";
    /** Starting Chromium and loading a page on a busy 2-core machine. */
    private static final Duration PAGE_READY = Duration.ofSeconds(20);
    /** The reconnection time the publisher sets ({@code retry}): the page stays disconnected this long after a cut. */
    private static final Duration RECONNECTION_TIME = Duration.ofSeconds(4);
    /** Streams end after 80-100 % of this: 2.4 to 3 s, so every test sees the hub cut its streams. */
    private static final Duration CUTTING_LIFETIME = Duration.ofSeconds(3);
    /** The page's reader: books/1 exactly and authors by URL pattern, and its cookie grants the private ones. */
    private static final String READER_TOKEN = AccessTokens.token(AccessTokens.YEAR_2100, AccessTokens.detail(
            List.of("subscribe"), List.of(Map.of("match", "https://example.com/books/:id", "match_type", "urlpattern"),
                    Map.of("match", AUTHOR_1))));
    private static final String PUBLISHER_TOKEN = AccessTokens.publisher("*");

    /** One event as the page's onmessage saw it. */
    private record Seen(String id, String data) {
    }

    /** What a stream of the page saw, and its EventSource's state. */
    private record Stream(List<Seen> events, long opens, long errors, long readyState) {
        static final long CONNECTING = 0;
        static final long OPEN = 1;
    }

    @TempDir
    Path profile;
    private final SubscriberApp app = SubscriberApp.start();
    private RunningHub hub;
    private MercureClient publisher;
    private WebDriver browser;

    @BeforeAll
    static void requireBrowser() {
        Chromium.requireInstalled();
    }

    @AfterEach
    void stop() {
        if (browser != null) {
            browser.quit();
        }
        if (hub != null) {
            hub.close();
        }
        app.close();
    }

    @Test
    void privateUpdatesReachOnlyThePageWhoseCookieGrantsThemInPublishOrder() {
        startHub(ServerOptions.DEFAULT_MAX_CONNECTION_LIFETIME);
        openPage("");
        awaitOpen("reader", 1);
        script("follow('anonymous', false)");
        awaitOpen("anonymous", 1);

        String first = publish(BOOK, "first", false);
        String multiLine = publish(BOOK, "line one\nline two", true);
        publish(AUTHOR_7, "private, not granted", true);
        String granted = publish(AUTHOR_1, "private, granted exactly", true);
        String pattern = publish(AUTHOR_7, "public, by URL pattern", false);
        publish(BOOK + "/reviews", "not subscribed", false);
        String last = publish(BOOK, "last", false);

        // Delivery is in publish order, so once the last shows, every earlier update was decided.
        List<Seen> reader = awaitEventsUntil("reader", last);
        List<Seen> anonymous = awaitEventsUntil("anonymous", last);
        assertThat(reader).as("the cookie's page gets the public updates and the private ones its token grants, in order")
                .containsExactly(new Seen(first, "first"), new Seen(multiLine, "line one\nline two"),
                        new Seen(granted, "private, granted exactly"), new Seen(pattern, "public, by URL pattern"),
                        new Seen(last, "last"));
        assertThat(anonymous).as("an EventSource without credentials sends no cookie and gets the public updates only")
                .containsExactly(new Seen(first, "first"), new Seen(pattern, "public, by URL pattern"), new Seen(last, "last"));
    }

    @Test
    void afterEachCutThePageResumesFromItsOwnLastEventIdNotTheUrlsWithoutLossOrDuplicate() {
        startHub(CUTTING_LIFETIME);
        publish(BOOK, "published before discovery", false);
        String discovered = publish(BOOK, "the discovery cursor", false);
        String missed = publishWithRetry(BOOK, "published between discovery and the page");
        String missedPrivate = publish(AUTHOR_1, "private, between discovery and the page", true);
        List<Seen> expected = new ArrayList<>(List.of(new Seen(missed, "published between discovery and the page"),
                new Seen(missedPrivate, "private, between discovery and the page")));

        openPage(discovered);
        assertThat(awaitEventsUntil("reader", missedPrivate)).as("last_event_id= in the URL replays what came after it")
                .containsExactlyElementsOf(expected);

        // The URL still says last_event_id=<discovered>: each reconnection must resume from the browser's
        // Last-Event-ID header instead (draft-08: the header takes precedence), or the page sees duplicates.
        for (int cut = 1; cut <= 2; cut++) {
            awaitCut(cut);
            expected.add(new Seen(publish(BOOK, "while cut " + cut, false), "while cut " + cut));
            expected.add(new Seen(publish(AUTHOR_1, "private, while cut " + cut, true), "private, while cut " + cut));
            expected.add(new Seen(publish(AUTHOR_7, "by URL pattern, while cut " + cut, false), "by URL pattern, while cut " + cut));
            assertThat(stream("reader").opens()).as("the page had not reconnected yet: these can only come from the history")
                    .isEqualTo(cut);

            awaitOpen("reader", cut + 1);
            String live = publish(BOOK, "live after cut " + cut, false);
            expected.add(new Seen(live, "live after cut " + cut));
            assertThat(awaitEventsUntil("reader", live)).as("after cut %d: everything once, in publish order", cut)
                    .containsExactlyElementsOf(expected);
        }
    }

    @Test
    void thePageReadsMercureLastEventIdThroughCors() {
        startHub(ServerOptions.DEFAULT_MAX_CONNECTION_LIFETIME);
        String retained = publish(BOOK, "retained", false);
        openPage("");
        awaitOpen("reader", 1);

        assertThat(responseCursor(retained)).as("a retained cursor is answered as is")
                .isEqualTo(Map.of("status", 200L, "mercure", retained, "legacy", retained));
        assertThat(responseCursor("urn:uuid:00000000-0000-7000-8000-000000000000"))
                .as("an unknown cursor is answered earliest: the page can tell it may have lost updates")
                .isEqualTo(Map.of("status", 200L, "mercure", "earliest", "legacy", "earliest"));
    }

    private void startHub(Duration maxConnectionLifetime) {
        hub = RunningHub.start(ServerOptions.builder()
                .security(AccessTokens.security().withCorsOrigins(List.of(app.origin())))
                .maxConnectionLifetime(maxConnectionLifetime).build());
        publisher = new MercureClient(hub);
    }

    private String publish(String topic, String data, boolean privateUpdate) {
        List<Map.Entry<String, String>> fields = new ArrayList<>(List.of(entry("topic", topic), entry("data", data)));
        if (privateUpdate) {
            fields.add(entry("private", "on"));
        }
        return publisher.publishOk(PUBLISHER_TOKEN, fields);
    }

    /** An update whose {@code retry} sets the page's reconnection time, so a test can publish while it is cut. */
    private String publishWithRetry(String topic, String data) {
        return publisher.publishOk(PUBLISHER_TOKEN, List.of(entry("topic", topic), entry("data", data),
                entry("retry", Long.toString(RECONNECTION_TIME.toMillis()))));
    }

    private void openPage(String lastEventId) {
        String hubUrl = "http://localhost:" + hub.port() + MercureClient.PATH;
        app.serve(new SubscriberApp.Page(hubUrl, READER_TOKEN, lastEventId));
        browser = Chromium.start(profile, List.of(), Map.of());
        browser.get(app.origin() + "/");
    }

    /** The fetch() a subscriber uses to read the response's cursor, which EventSource hides. */
    private Object responseCursor(String lastEventId) {
        return ((JavascriptExecutor) browser).executeAsyncScript("""
                const done = arguments[arguments.length - 1];
                const controller = new AbortController();
                fetch(hub + "?match=" + encodeURIComponent(book) + "&last_event_id=" + encodeURIComponent(arguments[0]),
                    { credentials: "include", signal: controller.signal })
                  .then((response) => {
                    done({ status: response.status, mercure: response.headers.get("Mercure-Last-Event-ID"),
                           legacy: response.headers.get("Last-Event-ID") });
                    controller.abort();
                  }, (error) => done({ error: String(error) }));
                """, lastEventId);
    }

    private void awaitOpen(String name, long opens) {
        within(PAGE_READY).untilAsserted(() -> {
            Stream stream = stream(name);
            assertThat(stream.opens()).as("%s opened %d times", name, opens).isEqualTo(opens);
            assertThat(stream.readyState()).as("%s is open", name).isEqualTo(Stream.OPEN);
        });
    }

    /** Waits until the hub ended the page's stream for the n-th time and the page waits to reconnect. */
    private void awaitCut(int cut) {
        within(CUTTING_LIFETIME.plus(PAGE_READY)).untilAsserted(() -> {
            Stream stream = stream("reader");
            assertThat(stream.errors()).as("the hub ended the stream %d times", cut).isEqualTo(cut);
            assertThat(stream.readyState()).as("the page waits to reconnect").isEqualTo(Stream.CONNECTING);
        });
    }

    private List<Seen> awaitEventsUntil(String name, String lastId) {
        within(PAGE_READY).until(() -> stream(name).events().stream().anyMatch(seen -> seen.id().equals(lastId)));
        return stream(name).events();
    }

    @SuppressWarnings("unchecked")
    private Stream stream(String name) {
        Map<String, Object> seen = (Map<String, Object>) script("return seen(arguments[0])", name);
        List<Seen> events = ((List<Map<String, Object>>) seen.get("events")).stream()
                .map(event -> new Seen((String) event.get("id"), (String) event.get("data"))).toList();
        return new Stream(events, number(seen.get("opens")), number(seen.get("errors")), number(seen.get("state")));
    }

    private Object script(String script, Object... arguments) {
        return ((JavascriptExecutor) browser).executeScript(script, arguments);
    }

    private static long number(Object value) {
        return ((Number) value).longValue();
    }

    /** WebDriver is not thread-safe: conditions are polled on the test's own thread. */
    private static ConditionFactory within(Duration limit) {
        return await().atMost(limit).pollInterval(Duration.ofMillis(50)).pollInSameThread();
    }
}
