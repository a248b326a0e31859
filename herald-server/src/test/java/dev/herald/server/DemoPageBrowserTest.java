package dev.herald.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.InstanceOfAssertFactories.STRING;
import static org.awaitility.Awaitility.await;

import dev.herald.server.support.Chromium;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.awaitility.core.ConditionFactory;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.WindowType;

/**
 * The demo page as a person uses it, in Debian's headless Chromium against a hub started in-process:
 * send from one tab and watch every tab, the connection status, the language, multi-line messages.
 */
class DemoPageBrowserTest {

    /** The promise: a message sent in one tab shows in both "at once". */
    private static final Duration AT_ONCE = Duration.ofSeconds(2);
    /** Starting Chromium, loading the page and opening the stream on a busy 2-core machine. */
    private static final Duration PAGE_READY = Duration.ofSeconds(15);
    /** The demo API appends the server's time to every message. */
    private static final String SERVER_TIME = " - \\d{2}:\\d{2}:\\d{2}";

    /** What the browser says it prefers: its UI language and its Accept-Language / navigator.languages. */
    private record Language(String ui, String accepted) {
    }

    private static final Language ENGLISH = new Language("en-US", "en-US,en");
    private static final Language CHINESE = new Language("zh-CN", "zh-CN,zh");

    private static HeraldServer server;

    @TempDir
    Path profiles;
    private final List<WebDriver> browsers = new ArrayList<>();

    @BeforeAll
    static void startServer() {
        Chromium.requireInstalled();
        server = HeraldServer.start(ServerOptions.defaults().withPort(0));
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
    void messageSentInOneTabAppearsInBothTabsAtOnce() {
        WebDriver browser = openBrowser(ENGLISH);
        String sender = openConnectedPage(browser, server);
        browser.switchTo().newWindow(WindowType.TAB);
        String watcher = openConnectedPage(browser, server);

        browser.switchTo().window(sender);
        browser.findElement(By.id("message")).sendKeys("hello from the first tab");
        browser.findElement(By.id("send")).click();

        String expected = Pattern.quote("hello from the first tab") + SERVER_TIME;
        within(AT_ONCE).untilAsserted(() -> {
            assertThat(messagesIn(browser, sender)).as("the sending tab shows the message with the server's time")
                    .singleElement(STRING).matches(expected);
            assertThat(messagesIn(browser, watcher)).as("the other tab shows the same message")
                    .singleElement(STRING).matches(expected);
        });
    }

    @Test
    void statusShowsOpenOnceConnected() {
        WebDriver browser = openBrowser(ENGLISH);
        browser.get(pageUrl(server));

        within(PAGE_READY).untilAsserted(() -> {
            WebElement status = browser.findElement(By.id("status"));
            assertThat(status.getDomAttribute("data-state")).as("the status says the stream is open").isEqualTo("open");
            assertThat(status.getText()).as("the status tells a person so").isEqualTo("Connected");
        });
    }

    @Test
    void browserPreferringChineseShowsChinesePage() {
        WebDriver browser = openBrowser(CHINESE);
        browser.get(pageUrl(server));

        assertThat(browser.findElement(By.tagName("html")).getDomAttribute("lang"))
                .as("the page declares Chinese as its language").startsWith("zh");
        assertThat(browser.findElement(By.id("send")).getText()).as("the send button is in Chinese").isEqualTo("发送");
        assertThat(browser.findElement(By.cssSelector("label[for=message]")).getText())
                .as("the input's label is in Chinese").isEqualTo("消息");
    }

    @Test
    void browserPreferringEnglishShowsEnglishPage() {
        WebDriver browser = openBrowser(ENGLISH);
        browser.get(pageUrl(server));

        assertThat(browser.findElement(By.tagName("html")).getDomAttribute("lang"))
                .as("the page declares English as its language").startsWith("en");
        assertThat(browser.findElement(By.id("send")).getText()).as("the send button is in English").isEqualTo("Send");
        assertThat(browser.findElement(By.cssSelector("label[for=message]")).getText())
                .as("the input's label is in English").isEqualTo("Message");
    }

    @Test
    void multiLineMessageShowsBothLinesInOneItem() throws Exception {
        WebDriver browser = openBrowser(ENGLISH);
        openConnectedPage(browser, server);

        HttpResponse<String> sent = HttpClient.newHttpClient().send(
                HttpRequest.newBuilder(URI.create(pageUrl(server) + "send"))
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString("{\"message\": \"line one\\nline two\"}"))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(sent.statusCode()).as("the hub accepts the message: %s", sent.body()).isEqualTo(200);

        within(AT_ONCE).untilAsserted(() -> assertThat(messagesIn(browser, browser.getWindowHandle()))
                .as("both lines show, one under the other, in a single list item")
                .singleElement(STRING).matches(Pattern.quote("line one\nline two") + SERVER_TIME));
    }

    @Test
    void pressingEnterInTheInputSends() {
        WebDriver browser = openBrowser(ENGLISH);
        String page = openConnectedPage(browser, server);

        browser.findElement(By.id("message")).sendKeys("sent with Enter", Keys.ENTER);

        within(AT_ONCE).untilAsserted(() -> assertThat(messagesIn(browser, page))
                .as("Enter sends like the button").singleElement(STRING).matches("sent with Enter" + SERVER_TIME));
        assertThat(browser.findElement(By.id("message")).getDomProperty("value"))
                .as("the input is cleared for the next message").isEmpty();
    }

    @Test
    void emptyInputSendsNothing() {
        WebDriver browser = openBrowser(ENGLISH);
        String page = openConnectedPage(browser, server);

        browser.findElement(By.id("send")).click();
        browser.findElement(By.id("message")).sendKeys("   ");
        browser.findElement(By.id("send")).click();
        browser.findElement(By.id("message")).clear();
        browser.findElement(By.id("message")).sendKeys("the only message");
        browser.findElement(By.id("send")).click();

        // The stream delivers in order, so once this message shows, an empty one sent before it would too.
        within(AT_ONCE).untilAsserted(() -> assertThat(messagesIn(browser, page))
                .as("only the non-blank message was sent").singleElement(STRING).matches("the only message" + SERVER_TIME));
    }

    @Test
    void sendErrorShowsTheServersReasonAndKeepsTheMessage() {
        try (HeraldServer strict = HeraldServer.start(ServerOptions.builder().port(0).maxBodyBytes(1024).build())) {
            WebDriver browser = openBrowser(ENGLISH);
            openConnectedPage(browser, strict);
            String tooLong = "x".repeat(2000);
            ((JavascriptExecutor) browser).executeScript("document.getElementById('message').value = arguments[0]", tooLong);

            browser.findElement(By.id("send")).click();

            within(AT_ONCE).untilAsserted(() -> assertThat(browser.findElement(By.id("send-error")).getText())
                    .as("the page shows why the hub refused the message")
                    .isEqualTo("Not sent: request body is larger than 1024 bytes"));
            assertThat(browser.findElement(By.id("message")).getDomProperty("value"))
                    .as("the refused message is back in the input to edit").isEqualTo(tooLong);
            assertThat(browser.findElement(By.id("status")).getDomAttribute("data-state"))
                    .as("the stream is unaffected").isEqualTo("open");
        }
    }

    /** One Chromium per call, with its own fresh profile; quit after each test. */
    private WebDriver openBrowser(Language language) {
        WebDriver browser = Chromium.start(profiles.resolve("profile-" + browsers.size()),
                List.of("--lang=" + language.ui()), Map.of("intl.accept_languages", language.accepted()));
        browsers.add(browser);
        return browser;
    }

    /** Loads the page in the current tab and waits until its stream is open; returns the tab's handle. */
    private static String openConnectedPage(WebDriver browser, HeraldServer hub) {
        browser.get(pageUrl(hub));
        within(PAGE_READY).untilAsserted(() -> assertThat(browser.findElement(By.id("status")).getDomAttribute("data-state"))
                .as("the page connects to the stream").isEqualTo("open"));
        return browser.getWindowHandle();
    }

    private static List<String> messagesIn(WebDriver browser, String tab) {
        browser.switchTo().window(tab);
        return browser.findElements(By.cssSelector("#messages li")).stream().map(WebElement::getText).toList();
    }

    private static String pageUrl(HeraldServer hub) {
        return "http://127.0.0.1:" + hub.address().getPort() + "/";
    }

    /** WebDriver is not thread-safe: conditions are polled on the test's own thread. */
    private static ConditionFactory within(Duration limit) {
        return await().atMost(limit).pollInterval(Duration.ofMillis(50)).pollInSameThread();
    }
}
