package dev.herald.bench.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class LoopbackTest {

    @ParameterizedTest
    @ValueSource(strings = {"127.0.0.1", "127.0.0.77", "::1", "localhost"})
    void acceptsLoopbackTargets(String host) {
        assertThat(Loopback.require(host).isLoopbackAddress()).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"10.0.0.1", "192.168.1.1", "8.8.8.8", "0.0.0.0", "::"})
    void refusesEveryOtherTarget(String host) {
        assertThatThrownBy(() -> Loopback.require(host))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("only targets loopback");
    }

    @ParameterizedTest
    @ValueSource(ints = {0, 1, 252})
    void givesEachWorkerItsOwnSourceAddress(int worker) {
        assertThat(Loopback.sourceAddress(Loopback.require("127.0.0.1"), worker)).isEqualTo("127.0.0." + (2 + worker));
    }
}
