package dev.herald.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.herald.server.support.Chromium;
import dev.herald.server.support.MercureClient;
import dev.herald.server.support.RunningHub;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebDriver;

/**
 * Browsers open at most 6 HTTP/1.1 connections per host, across all tabs: a seventh EventSource
 * hangs. Over HTTPS Herald speaks HTTP/2, which multiplexes every stream on one connection.
 */
class BrowserHttp2Test {

    private static final int STREAMS = 12;
    private static final String TOPIC = "https://example.com/tabs";
    /** Opens the streams in the page and counts what they see. */
    private static final String OPEN_STREAMS = """
            window.opened = 0; window.received = 0;
            for (let i = 0; i < arguments[0]; i++) {
              const source = new EventSource('/.well-known/mercure?topic=' + encodeURIComponent(arguments[1]) + '&n=' + i);
              source.onopen = () => { window.opened++; };
              source.onmessage = () => { window.received++; };
            }""";

    @TempDir
    Path profile;
    private RunningHub hub;
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
    }

    @Test
    void twelveEventSourcesInOnePageAllReceiveAnUpdateOverHttp2() {
        hub = RunningHub.start(ServerOptions.builder().tls(java.util.Optional.of(TlsOptions.generatedSelfSigned()))
                .activeSubscriptions(false).build());
        browser = Chromium.start(profile, List.of("--ignore-certificate-errors"), Map.of());
        browser.get("https://127.0.0.1:" + hub.port() + "/healthz");
        JavascriptExecutor page = (JavascriptExecutor) browser;
        page.executeScript(OPEN_STREAMS, STREAMS, TOPIC);
        within(Duration.ofSeconds(15)).until(() -> number(page, "window.opened") == STREAMS);

        page.executeScript("fetch('/.well-known/mercure', {method: 'POST', body: new URLSearchParams({topic: arguments[0], data: 'hi'})})", TOPIC);

        within(Duration.ofSeconds(10)).until(() -> number(page, "window.received") == STREAMS);
        assertThat(number(page, "performance.getEntriesByType('navigation')[0].nextHopProtocol === 'h2' ? 1 : 0"))
                .as("the page itself came over HTTP/2").isEqualTo(1);
    }

    @Test
    void overHttp1OnlySixOfTheTwelveOpen() {
        hub = RunningHub.start(ServerOptions.builder().activeSubscriptions(false).build());
        browser = Chromium.start(profile, List.of(), Map.of());
        browser.get("http://127.0.0.1:" + hub.port() + "/healthz");
        JavascriptExecutor page = (JavascriptExecutor) browser;
        page.executeScript(OPEN_STREAMS, STREAMS, TOPIC);
        within(Duration.ofSeconds(15)).until(() -> number(page, "window.opened") == 6);

        new MercureClient(hub).publishOk(null, List.of(Map.entry("topic", TOPIC), Map.entry("data", "hi")));

        within(Duration.ofSeconds(10)).until(() -> number(page, "window.received") == 6);
        assertThat(number(page, "window.opened")).as("the seventh EventSource hangs on HTTP/1.1").isEqualTo(6);
    }

    private static long number(JavascriptExecutor page, String expression) {
        return ((Number) page.executeScript("return " + expression + ";")).longValue();
    }

    /** WebDriver is not thread-safe: conditions are polled on the test's own thread. */
    private static org.awaitility.core.ConditionFactory within(Duration limit) {
        return await().atMost(limit).pollInterval(Duration.ofMillis(50)).pollInSameThread();
    }
}
