package dev.herald.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.herald.server.support.HeraldProcess;
import org.junit.jupiter.api.Test;

/** The published example secrets, as an operator meets them: starting {@code ./herald} with one. */
class ExampleSecretProcessTest {

    private static final String MERCURE_EXAMPLE = "!ChangeThisMercureHubJWTSecretKey!";

    @Test
    void theMercureExampleSecretBeyondLoopbackIsRefusedWithOneLineAndExitCode2() {
        HeraldProcess.Refusal refusal = HeraldProcess.refusal("--host", "0.0.0.0", "--transport", "memory",
                "--jwt-key", MERCURE_EXAMPLE);

        assertThat(refusal.exitCode()).as("a configuration error exits 2").isEqualTo(2);
        assertThat(refusal.output()).as("the reason is one line, naming the key's origin and the fix, never the secret")
                .containsExactly("herald: refusing to listen on 0.0.0.0: the publisher key is the Mercure documentation's "
                        + "example secret, so anyone could sign publishers' tokens; configure a secret of your own "
                        + "(openssl rand -base64 32)");
    }

    @Test
    void theMercureExampleSecretOnLoopbackStartsWithOneWarningPerRole() {
        try (HeraldProcess hub = HeraldProcess.start("--transport", "memory", "--jwt-key", MERCURE_EXAMPLE)) {
            assertThat(hub.output()).filteredOn(line -> line.contains("example secret"))
                    .as("one warning for the publisher key and one for the subscriber key")
                    .hasSize(2)
                    .allSatisfy(line -> assertThat(line).contains("WARN")
                            .contains("fine for trying Herald on this machine, refused beyond loopback")
                            .doesNotContain(MERCURE_EXAMPLE));
        }
    }
}
