package dev.herald.examples.ticker;

import static org.assertj.core.api.Assertions.assertThat;

import dev.herald.core.auth.JwtAlgorithm;
import dev.herald.core.auth.JwtKey;
import dev.herald.server.HeraldServer;
import dev.herald.server.SecurityOptions;
import dev.herald.server.ServerOptions;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The example as a newcomer runs it: a hub with a key, the board and the ticker as two separate programs.
 * Every price the ticker publishes shows on the board, once, in order per stock.
 */
class StockTickerProcessTest {

    /** Made up for this test: 32 bytes, the least HS256 takes. */
    private static final String KEY = "stock-ticker-test-key-of-32-byte";
    private static final List<String> SYMBOLS = List.of("ACME", "GLOBEX", "INITECH", "UMBRELLA", "HOOLI");
    private static final int TICKS = 4;

    private final HeraldServer hub = HeraldServer.start(ServerOptions.builder()
            .security(SecurityOptions.defaults().withKeys(JwtKey.parse(JwtAlgorithm.HS256, KEY), JwtKey.parse(JwtAlgorithm.HS256, KEY)))
            .build().withPort(0));

    @AfterEach
    void stop() {
        hub.close();
    }

    @Test
    void theBoardShowsEveryPriceTheTickerPublishes() throws Exception {
        String url = "http://127.0.0.1:" + hub.address().getPort() + "/.well-known/mercure";
        Process board = java(TickerBoard.class, Map.of("HUB", url, "COUNT", String.valueOf(TICKS * SYMBOLS.size())));
        CompletableFuture<List<String>> shown = CompletableFuture.supplyAsync(() -> lines(board.getInputStream()));
        BufferedReader boardLog = new BufferedReader(new InputStreamReader(board.getErrorStream(), StandardCharsets.UTF_8));
        assertThat(boardLog.readLine()).as("the board says when it follows the stocks").startsWith("board: following every stock");

        Process ticker = java(TickerPublisher.class, Map.of("HUB", url, "HUB_KEY", KEY, "TICKS", String.valueOf(TICKS),
                "INTERVAL", "50"));

        assertThat(ticker.waitFor(60, TimeUnit.SECONDS)).as("the ticker stops after its ticks").isTrue();
        assertThat(ticker.exitValue()).as(new String(ticker.getErrorStream().readAllBytes(), StandardCharsets.UTF_8)).isZero();
        assertThat(board.waitFor(30, TimeUnit.SECONDS)).as("the board stops after COUNT prices").isTrue();
        assertThat(board.exitValue()).isZero();
        List<String> lines = shown.get(5, TimeUnit.SECONDS);
        assertThat(lines).hasSize(TICKS * SYMBOLS.size())
                .allMatch(line -> line.matches("\\d\\d:\\d\\d:\\d\\d  [A-Z]+ +\\d+\\.\\d\\d  [▲▼=] \\d+\\.\\d\\d"), "a board line");
        Map<String, Long> perSymbol = lines.stream().map(line -> line.substring(10).split(" +")[0])
                .collect(Collectors.groupingBy(Function.identity(), Collectors.counting()));
        assertThat(perSymbol).as("every stock, every tick, once; the board showed:%n%s", String.join("\n", lines))
                .isEqualTo(SYMBOLS.stream().collect(Collectors.toMap(Function.identity(), symbol -> (long) TICKS)));
    }

    private static Process java(Class<?> main, Map<String, String> environment) throws IOException {
        ProcessBuilder builder = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), main.getName());
        builder.environment().putAll(environment);
        Process process = builder.start();
        return process;
    }

    private static List<String> lines(InputStream in) {
        try {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8).lines().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
