package dev.herald.server.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.herald.server.AdminListen;
import dev.herald.server.ServerOptions;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code --admin-listen} like every option: a flag, {@code HERALD_ADMIN_LISTEN}, a config file key. */
class AdminListenOptionTest {

    @Test
    void withoutTheOptionThereIsNoAdminListener() {
        assertThat(parse(Map.of()).admin()).isEmpty();
    }

    @Test
    void aBarePortListensOnLoopback() {
        assertThat(parse(Map.of(), "--admin-listen", "9090").admin())
                .contains(new AdminListen("127.0.0.1", 9090));
    }

    @Test
    void anAddressBeyondLoopbackIsTakenOnlyWhenGivenExplicitly() {
        assertThat(parse(Map.of("HERALD_ADMIN_LISTEN", "0.0.0.0:9100")).admin())
                .contains(new AdminListen("0.0.0.0", 9100));
    }

    @Test
    void anIpv6AddressIsWrittenInBrackets() {
        assertThat(parse(Map.of(), "--admin-listen", "[::1]:9090").admin()).contains(new AdminListen("::1", 9090));
    }

    @Test
    void theConfigFileSetsItToo(@TempDir Path dir) throws Exception {
        Path file = Files.writeString(dir.resolve("herald.yaml"), "admin-listen: 127.0.0.1:9200\n");

        assertThat(parse(Map.of(), "--config", file.toString()).admin())
                .isEqualTo(Optional.of(new AdminListen("127.0.0.1", 9200)));
    }

    @Test
    void aBadAdminAddressStopsTheHubWithOneLineNamingTheOption() {
        assertThat(runAndCaptureErrors("--admin-listen", "localhost:admin"))
                .isEqualTo("herald: --admin-listen: 'localhost:admin' is not an admin address ('admin' is not a port; "
                        + "expected HOST:PORT, [IPv6]:PORT or PORT, e.g. 127.0.0.1:9090)\n");
    }

    @Test
    void aPortOutOfRangeStopsTheHubWithOneLineNamingTheOption() {
        assertThat(runAndCaptureErrors("--admin-listen", "127.0.0.1:70000"))
                .isEqualTo("herald: --admin-listen: '127.0.0.1:70000' is not an admin address (the port must be "
                        + "between 0 and 65535; expected HOST:PORT, [IPv6]:PORT or PORT, e.g. 127.0.0.1:9090)\n");
    }

    /** Runs the hub command (which must stop before listening) and returns what it wrote to stderr. */
    private static String runAndCaptureErrors(String... args) {
        CommandLine commandLine = HeraldCommand.commandLine(Map.of(), args);
        PrintStream original = System.err;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        System.setErr(new PrintStream(captured, true));
        try {
            assertThat(commandLine.execute(args)).as("the hub refuses to start").isEqualTo(2);
        } finally {
            System.setErr(original);
        }
        return captured.toString();
    }

    private static ServerOptions parse(Map<String, String> environment, String... args) {
        CommandLine commandLine = HeraldCommand.commandLine(environment, args);
        commandLine.parseArgs(args);
        return ((HeraldCommand) commandLine.getCommand()).options();
    }
}
