package dev.herald.server.support;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.util.ResourceLeakDetector;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** The tests' leak detection itself: a buffer dropped without release fails the check. */
class LeakDetectionTest {

    @Test
    void testsRunWithTheParanoidLeakDetector() {
        assertThat(ResourceLeakDetector.getLevel()).as("every buffer is tracked in herald-server's tests")
                .isEqualTo(ResourceLeakDetector.Level.PARANOID);
    }

    @Test
    void aBufferCollectedWithoutReleaseFailsTheCheck() {
        leakOneBuffer();

        await().atMost(Duration.ofSeconds(10)).untilAsserted(() ->
                assertThatThrownBy(NoLeaksExtension::assertNoLeaks).as("the leak is reported, not only logged")
                        .isInstanceOf(AssertionError.class).hasMessageContaining("leaked"));
    }

    private static void leakOneBuffer() {
        ByteBuf leaked = Unpooled.directBuffer(16);
        leaked.writeInt(42);
        // dropped here without release()
    }
}
