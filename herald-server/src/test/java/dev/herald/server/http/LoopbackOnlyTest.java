package dev.herald.server.http;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Which authorities name the loopback interface (RFC 9110 §7.2 Host, with or without a port). */
class LoopbackOnlyTest {

    @ParameterizedTest
    @ValueSource(strings = {"localhost", "LOCALHOST:8080", "127.0.0.1", "127.0.0.1:18700", "127.255.255.255:1",
        "127.0.0.01", " 127.0.0.1 ", "[::1]", "[::1]:443", "[0:0:0:0:0:0:0:1]:80", "127.0.0.1:", "localhost:65535",
        "[::1]:"})
    void loopbackNamesAreLoopback(String authority) {
        assertThat(LoopbackOnly.isLoopback(authority)).as(authority).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "evil.example", "127.0.0.1.evil.example", "128.0.0.1", "127.0.0.256", "127.0.0",
        "127.0.0.1.1", "127..0.1", "127.0.0.", "1270.0.0.1", "127.0.0.1000", "127.0.0.1:123456", "127.0.0.1:abc",
        "127.0.0.1:-1", "[::2]", "[::1", "[evil.example]", "localhost.evil.example", "127.0.0.x", "localhos", "localhostx",
        "localhost:80:80", "127.0.0.1:80:80", "[::1]x", "[::1]:80x", "127.0.0.1 :80", "127.0.0.1:8 0", "[::1]]"})
    void otherNamesAreNot(String authority) {
        assertThat(LoopbackOnly.isLoopback(authority)).as(authority).isFalse();
    }
}
