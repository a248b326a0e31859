package dev.herald.server.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class ClientErrorLogTest {

    private static final InetSocketAddress CLIENT = new InetSocketAddress("192.0.2.7", 40_000);

    private final AtomicLong now = new AtomicLong();
    private final List<String> lines = new ArrayList<>();
    /** 3 lines per 3 seconds: one more each second. */
    private final ClientErrorLog log = new ClientErrorLog(3, Duration.ofSeconds(3), now::get, lines::add);

    @Test
    void aLineNamesTheClientAndWhatItDid() {
        log.log(CLIENT, "malformed request");

        assertThat(lines).containsExactly("client 192.0.2.7:40000: malformed request");
    }

    @Test
    void controlCharactersAClientSentCannotForgeALine() {
        log.log(CLIENT, "invalid version format: HTTP/1.1\rclient 10.0.0.1: forged\u0000\u202e");

        assertThat(lines).containsExactly("client 192.0.2.7:40000: invalid version format: HTTP/1.1?client 10.0.0.1: forged??");
    }

    @Test
    void aLongQuoteIsCut() {
        log.log(CLIENT, "x".repeat(10_000));

        assertThat(lines.get(0)).as("at most %d characters of what the client did", ClientErrorLog.MAX_WHAT_CHARS)
                .isEqualTo("client 192.0.2.7:40000: " + "x".repeat(ClientErrorLog.MAX_WHAT_CHARS) + "...");
    }

    @Test
    void linesBeyondTheBudgetAreDropped() {
        for (int i = 0; i < 10; i++) {
            log.log(CLIENT, "line " + i);
        }

        assertThat(lines).as("only the budget of 3 lines is written").containsExactly(
                "client 192.0.2.7:40000: line 0", "client 192.0.2.7:40000: line 1", "client 192.0.2.7:40000: line 2");
    }

    @Test
    void theNextLineWrittenSaysHowManyWereDropped() {
        for (int i = 0; i < 10; i++) {
            log.log(CLIENT, "line " + i);
        }
        now.addAndGet(Duration.ofSeconds(1).toNanos());

        log.log(CLIENT, "later");

        assertThat(lines).last().as("the line after a gap counts the dropped ones")
                .isEqualTo("client 192.0.2.7:40000: later (7 similar lines dropped before this one)");
    }

    @Test
    void theBudgetRefillsOverTheIntervalButNeverBeyondItsSize() {
        for (int i = 0; i < 3; i++) {
            log.log(CLIENT, "burst");
        }
        now.addAndGet(Duration.ofMinutes(10).toNanos());
        lines.clear();

        for (int i = 0; i < 5; i++) {
            log.log(CLIENT, "after a quiet time");
        }

        assertThat(lines).as("a quiet time earns the full budget again, no more").hasSize(3);
    }
}
