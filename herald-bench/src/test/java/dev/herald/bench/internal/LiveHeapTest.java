package dev.herald.bench.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;

class LiveHeapTest {

    @Test
    void takesTheBytesOfTheHistogramsTotalLine() {
        String histogram = "12345:\n num     #instances         #bytes  class name (module)\n"
                + "-------------------------------------------------------\n"
                + "   1:         51234        4567890  [B (java.base@17.0.15)\n"
                + "   2:          1000          24000  java.lang.String (java.base@17.0.15)\n"
                + "Total        123456       98765432\n";

        assertThat(LiveHeap.totalBytes(histogram)).isEqualTo(98_765_432L);
    }

    @Test
    void saysWhyWhenJcmdAnsweredSomethingElse() {
        assertThatThrownBy(() -> LiveHeap.totalBytes("12345: com.sun.tools.attach.AttachNotSupportedException"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("no Total line");
    }

    @Test
    @EnabledOnOs(OS.LINUX)
    void readsThisJvmsLiveHeap() {
        long bytes = LiveHeap.read(ProcessHandle.current().pid(), Duration.ofSeconds(30));

        assertThat(bytes).as("a running JVM has live objects").isPositive();
    }
}
