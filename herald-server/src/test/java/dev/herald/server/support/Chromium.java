package dev.herald.server.support;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

/** Debian's headless Chromium through Debian's chromedriver: never a browser a test tool downloads. */
public final class Chromium {

    private static final File BROWSER = new File("/usr/bin/chromium");
    private static final File DRIVER = new File("/usr/bin/chromedriver");

    private Chromium() {
    }

    /** A missing browser must fail the build, not skip: a skipped UI test hides a broken page. */
    public static void requireInstalled() {
        for (File executable : List.of(BROWSER, DRIVER)) {
            assertThat(executable.canExecute())
                    .as("%s is missing: run ./test.sh, which installs Debian's chromium and chromium-driver", executable)
                    .isTrue();
        }
    }

    /** A fresh headless browser with its own profile directory; the caller quits it. */
    public static WebDriver start(Path profile, List<String> arguments, Map<String, Object> preferences) {
        ChromeOptions options = new ChromeOptions();
        options.setBinary(BROWSER);
        List<String> all = new ArrayList<>(List.of("--headless=new", "--no-sandbox", "--disable-gpu",
                "--disable-dev-shm-usage", "--disable-quic", "--no-first-run", "--disable-background-networking",
                "--disable-component-update", "--disable-sync", "--window-size=1024,768", "--user-data-dir=" + profile));
        all.addAll(arguments);
        options.addArguments(all);
        // Keeps the page's console, so a test can require that a page logs no error (LogType.BROWSER).
        options.setCapability("goog:loggingPrefs", Map.of("browser", "ALL"));
        if (!preferences.isEmpty()) {
            options.setExperimentalOption("prefs", preferences);
        }
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(DRIVER)
                .usingAnyFreePort()
                .build();
        return new ChromeDriver(service, options);
    }
}
