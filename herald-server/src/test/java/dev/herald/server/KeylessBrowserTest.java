package dev.herald.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.herald.client.sse.SseEvent;
import dev.herald.server.support.Chromium;
import dev.herald.server.support.RunningHub;
import dev.herald.server.support.SseRecorder;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebDriver;

/**
 * The keyless hub against real browser attacks, in Debian's headless Chromium: a page of another
 * origin posting to the hub, and a page whose name resolves to 127.0.0.1 (DNS rebinding, simulated by
 * Chromium's host resolver rules). The demo page keeps working from its own origin under either
 * loopback name.
 */
class KeylessBrowserTest {

    /** Starting Chromium and loading a page on a busy 2-core machine. */
    private static final Duration PAGE_READY = Duration.ofSeconds(15);
    private static final String REBOUND = "rebound.example";

    @TempDir
    Path profile;
    private final RunningHub hub = RunningHub.start();
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
        hub.close();
    }

    @Test
    void aPageOfAnotherOriginCannotPublishWithAFormPostOrAPlainTextSend() {
        try (RunningHub other = RunningHub.start()) {
            browser = Chromium.start(profile, List.of(), Map.of());
            browser.get("http://127.0.0.1:" + other.port() + "/");
            String target = "http://127.0.0.1:" + hub.port();

            // What a hostile page can send without a CORS preflight: a form body and a text/plain body.
            Object statuses = ((JavascriptExecutor) browser).executeAsyncScript("""
                    const done = arguments[arguments.length - 1];
                    const form = new URLSearchParams({topic: "https://herald.local/demo", data: "forged"});
                    Promise.all([
                      fetch(arguments[0] + "/.well-known/mercure", {method: "POST", mode: "no-cors", body: form}),
                      fetch(arguments[0] + "/send", {method: "POST", mode: "no-cors", body: '{"message":"forged"}'}),
                    ]).then(() => done("sent"), (e) => done("failed: " + e));
                    """, target);

            assertThat(statuses).as("the browser sent both requests").isEqualTo("sent");
            assertHistoryHoldsOnlyANewMarker();
        }
    }

    @Test
    void aRebindingPageGetsMisdirectedAndPublishesNothing() {
        browser = Chromium.start(profile, List.of("--host-resolver-rules=MAP " + REBOUND + " 127.0.0.1"), Map.of());
        browser.get("http://" + REBOUND + ":" + hub.port() + "/");

        assertThat(browser.findElement(By.tagName("body")).getText())
                .as("the page the rebinding name loads is the hub's refusal, not the demo")
                .contains("only answers requests for localhost, 127.0.0.1 or [::1]");
        Object sent = ((JavascriptExecutor) browser).executeAsyncScript("""
                const done = arguments[arguments.length - 1];
                fetch("/send", {method: "POST", headers: {"Content-Type": "application/json"},
                    body: '{"message":"forged"}'}).then((r) => done(r.status), (e) => done("failed: " + e));
                """);
        assertThat(sent).as("a same-origin publish under the rebound name is misdirected").isEqualTo(421L);
        assertHistoryHoldsOnlyANewMarker();
    }

    @Test
    void theDemoPagePublishesFromLocalhostToo() {
        browser = Chromium.start(profile, List.of(), Map.of());
        browser.get("http://localhost:" + hub.port() + "/");
        await().atMost(PAGE_READY).pollInSameThread().untilAsserted(() -> assertThat(
                browser.findElement(By.id("status")).getDomAttribute("data-state")).as("the page connects").isEqualTo("open"));

        browser.findElement(By.id("message")).sendKeys("from localhost");
        browser.findElement(By.id("send")).click();

        await().atMost(PAGE_READY).pollInSameThread().untilAsserted(() -> assertThat(
                browser.findElements(By.cssSelector("#messages li"))).as("the page's own publish came back").hasSize(1));
        assertThat(browser.findElement(By.id("send-error")).isDisplayed()).as("no send error is shown").isFalse();
    }

    /** Publishes a marker the normal way and replays from earliest: the marker must be all there is. */
    private void assertHistoryHoldsOnlyANewMarker() {
        String marker = hub.send("marker");
        try (SseRecorder replay = hub.streamAfter("earliest")) {
            assertThat(replay.awaitEvents(1)).extracting(SseEvent::lastEventId)
                    .as("nothing the browser sent was published").containsExactly(marker);
        }
    }
}
