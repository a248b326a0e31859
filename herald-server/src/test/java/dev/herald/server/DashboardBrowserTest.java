package dev.herald.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.herald.server.support.Chromium;
import dev.herald.server.support.SseRecorder;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.logging.Level;
import org.awaitility.core.ConditionFactory;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;

/**
 * The dashboard as an operator sees it, in Debian's headless Chromium against a hub with the durable
 * store and an admin listener: every chart drawn and carrying its latest value, publishes moving the
 * published counter (over HTTP and from the page's form), both languages, and a console without errors.
 */
class DashboardBrowserTest {

    /** Starting Chromium, loading the page and its first points on a busy 2-core machine. */
    private static final Duration PAGE_READY = Duration.ofSeconds(15);
    /** A point a second: a publish shows within a few. */
    private static final Duration A_FEW_POINTS = Duration.ofSeconds(5);
    /** Every chart a hub on the durable store draws (no Redis: no Redis charts). */
    private static final List<String> STORE_HUB_CHARTS = List.of("connections", "published", "delivered", "latency",
            "disconnects", "commit-time", "updates-per-commit", "heap", "gc");

    @TempDir
    static Path data;
    private static HeraldServer server;

    @TempDir
    Path profiles;
    private final List<WebDriver> browsers = new ArrayList<>();

    @BeforeAll
    static void startServer() {
        Chromium.requireInstalled();
        server = HeraldServer.start(ServerOptions.builder().port(0).history(HistoryOptions.store(data))
                .admin(Optional.of(AdminListen.loopback(0))).build());
    }

    @AfterAll
    static void stopServer() {
        if (server != null) {
            server.close();
        }
    }

    @AfterEach
    void quitBrowsers() {
        browsers.forEach(WebDriver::quit);
    }

    @Test
    void everyChartIsDrawnAndShowsItsLatestValue() throws Exception {
        WebDriver browser = openDashboard("en-US,en");
        // Latency exists only for dispatched updates: one subscriber, one update.
        try (SseRecorder subscriber = SseRecorder.open(HttpClient.newHttpClient(), URI.create(hubUrl() + "/stream"), Map.of())) {
            publish("https://herald.local/demo", "for the latency chart");
            subscriber.awaitEvents(1);
        }

        for (String chart : STORE_HUB_CHARTS) {
            WebElement section = browser.findElement(By.cssSelector("[data-chart='" + chart + "']"));
            within(PAGE_READY).untilAsserted(() -> assertThat(section.getDomAttribute("data-latest"))
                    .as("chart %s shows its newest value", chart).matches("-?\\d+(\\.\\d+)?"));
            assertThat(section.isDisplayed()).as("chart %s is visible", chart).isTrue();
            assertThat(section.findElements(By.cssSelector(".uplot canvas"))).as("chart %s is drawn by uPlot", chart)
                    .isNotEmpty();
        }
        assertThat(browser.findElement(By.cssSelector("[data-chart='redis-lag']")).isDisplayed())
                .as("no Redis, no Redis chart").isFalse();
    }

    @Test
    void publishesOverHttpMoveThePublishedCounter() throws Exception {
        WebDriver browser = openDashboard("en-US,en");
        long before = publishedTotal(browser);

        for (int i = 0; i < 3; i++) {
            publish("https://example.com/counted", "update " + i);
        }

        within(A_FEW_POINTS).untilAsserted(() -> assertThat(publishedTotal(browser))
                .as("the published counter counts the three updates").isEqualTo(before + 3));
        assertThat(severeConsoleEntries(browser)).as("the page logged no error").isEmpty();
    }

    @Test
    void theFormPublishesATestUpdateAndTheCounterCountsIt() {
        WebDriver browser = openDashboard("en-US,en");
        long before = publishedTotal(browser);

        browser.findElement(By.id("publish-send")).click();

        within(A_FEW_POINTS).untilAsserted(() -> assertThat(browser.findElement(By.id("publish-result")).getText())
                .as("the page says the update was published, with its id")
                .matches("Published: urn:uuid:[0-9a-f-]{36}"));
        within(A_FEW_POINTS).untilAsserted(() -> assertThat(publishedTotal(browser))
                .as("the published counter counts it").isEqualTo(before + 1));
        assertThat(severeConsoleEntries(browser)).as("the page logged no error").isEmpty();
    }

    @Test
    void aBrowserPreferringChineseShowsTheDashboardInChinese() {
        WebDriver browser = openDashboard("zh-CN,zh");

        assertThat(browser.findElement(By.tagName("html")).getDomAttribute("lang")).startsWith("zh");
        assertThat(browser.findElement(By.cssSelector("[data-chart='published'] h2")).getText())
                .as("chart titles are in Chinese").isEqualTo("每秒发布的更新");
        assertThat(browser.findElement(By.id("publish-send")).getText()).as("the form is in Chinese").isEqualTo("发布");
        assertThat(browser.findElement(By.id("status")).getText()).as("the status is in Chinese").isEqualTo("实时");
    }

    /** A fresh Chromium on the dashboard, once its stream is live and the first point has arrived. */
    private WebDriver openDashboard(String languages) {
        WebDriver browser = Chromium.start(profiles.resolve("profile-" + browsers.size()),
                List.of("--lang=" + languages.split(",")[0]), Map.of("intl.accept_languages", languages));
        browsers.add(browser);
        browser.get("http://127.0.0.1:" + server.adminAddress().orElseThrow().getPort() + "/dashboard");
        within(PAGE_READY).untilAsserted(() -> {
            assertThat(browser.findElement(By.id("status")).getDomAttribute("data-state"))
                    .as("the dashboard's stats stream is open").isEqualTo("open");
            assertThat(browser.findElement(By.cssSelector("[data-chart='published']")).getDomAttribute("data-total"))
                    .as("a first point arrived").isNotNull();
        });
        return browser;
    }

    private static String hubUrl() {
        return "http://127.0.0.1:" + server.address().getPort();
    }

    /** Publishes on the public port, as any publisher does. */
    private static void publish(String topic, String data) throws Exception {
        HttpResponse<String> sent = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                        URI.create(hubUrl() + "/.well-known/mercure"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("topic=" + topic + "&data=" + data.replace(' ', '+'))).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(sent.statusCode()).as("the hub took the update: %s", sent.body()).isEqualTo(200);
    }

    private static long publishedTotal(WebDriver browser) {
        return Long.parseLong(browser.findElement(By.cssSelector("[data-chart='published']")).getDomAttribute("data-total"));
    }

    private static List<String> severeConsoleEntries(WebDriver browser) {
        return browser.manage().logs().get(LogType.BROWSER).getAll().stream()
                .filter(entry -> entry.getLevel().intValue() >= Level.SEVERE.intValue())
                .map(LogEntry::getMessage).toList();
    }

    /** WebDriver is not thread-safe: conditions are polled on the test's own thread. */
    private static ConditionFactory within(Duration limit) {
        return await().atMost(limit).pollInterval(Duration.ofMillis(100)).pollInSameThread();
    }
}
