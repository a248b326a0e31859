package dev.herald.bench.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class RestartCommandTest {

    @Test
    void theNewPidIsTheLastLineTheCommandPrints() throws InterruptedException {
        long pid = RestartCommand.run("echo 'stopping $HERALD_PID'; echo starting; echo $((HERALD_PID + 1))", 4241,
                Duration.ofSeconds(10));

        assertThat(pid).as("the command saw the old pid and printed the new one last").isEqualTo(4242);
    }

    @Test
    void aFailingCommandFailsTheRun() {
        assertThatThrownBy(() -> RestartCommand.run("echo 12; exit 3", 1, Duration.ofSeconds(10)))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("exit 3");
    }

    @Test
    void aLastLineThatIsNotAPidIsRefused() {
        assertThatThrownBy(() -> RestartCommand.lastPid("4242\nready on port 8080\n"))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("ready on port 8080");
    }
}
