package dev.herald.server.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.herald.core.IdempotencyOptions;
import dev.herald.core.auth.JwtAlgorithm;
import dev.herald.core.auth.JwtKey;
import dev.herald.server.ConnectionOptions;
import dev.herald.server.HistoryOptions;
import dev.herald.server.ServerOptions;
import dev.herald.server.SubscriptionsOptions;
import dev.herald.server.stream.ReplayOptions;
import dev.herald.store.Durability;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPairGenerator;
import java.util.Base64;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class HeraldCommandTest {

    @Test
    void withoutFlagsOrEnvironmentTheHubKeepsDurableHistoryInData() {
        assertThat(parse(Map.of())).isEqualTo(ServerOptions.builder()
                .history(HistoryOptions.store(Path.of("data"))).build());
    }

    @Test
    void theMemoryTransportKeepsTenThousandUpdatesByDefault() {
        assertThat(parse(Map.of(), "--transport", "memory").history()).isEqualTo(HistoryOptions.memory());
    }

    @Test
    void historyFlagsShapeTheStore() {
        HistoryOptions history = parse(Map.of(), "--data-dir", "/var/lib/herald", "--fsync", "batch",
                "--history-size", "5000", "--history-max-age", "2d").history();

        assertThat(history).isEqualTo(new HistoryOptions(HistoryOptions.TransportKind.STORE, Path.of("/var/lib/herald"),
                Durability.BATCH, 5000, Duration.ofDays(2), HistoryOptions.DEFAULT_REDIS_URI,
                HistoryOptions.DEFAULT_REDIS_KEY_PREFIX));
    }

    @Test
    void theRedisTransportNamesItsRedisAndPrefix() {
        HistoryOptions history = parse(Map.of("HERALD_REDIS_URL", "redis://10.0.0.5:6379"),
                "--transport", "redis", "--redis-prefix", "news").history();

        assertThat(history).isEqualTo(HistoryOptions.redis("redis://10.0.0.5:6379", "news"));
    }

    @Test
    void aRedisClusterUrlIsTakenAsGiven() {
        HistoryOptions history = parse(Map.of(), "--transport", "redis", "--redis-url",
                "redis-cluster://10.0.0.5:7000,10.0.0.6:7001").history();

        assertThat(history.redisUri()).isEqualTo("redis-cluster://10.0.0.5:7000,10.0.0.6:7001");
    }

    @Test
    void idempotencyWindowAndKeysComeFromFlagsOrEnvironment() {
        assertThat(parse(Map.of()).idempotency()).isEqualTo(IdempotencyOptions.defaults());
        assertThat(parse(Map.of("HERALD_IDEMPOTENCY_KEYS", "500"), "--idempotency-window", "2h").idempotency())
                .isEqualTo(new IdempotencyOptions(Duration.ofHours(2), 500));
    }

    @Test
    void subscriptionsAreOnForSubscribersWithATokenByDefault() {
        assertThat(parse(Map.of()).subscriptions()).isEqualTo(SubscriptionsOptions.defaults());
    }

    @Test
    void subscriptionFlagsShapeWhoIsAnnouncedAndHowManyAreListed() {
        assertThat(parse(Map.of("HERALD_SUBSCRIPTIONS_MAX_LISTED", "500"), "--subscriptions-anonymous").subscriptions())
                .isEqualTo(new SubscriptionsOptions(true, true, 500));
    }

    @Test
    void everyOptionReadsItsHeraldEnvironmentVariable() {
        ServerOptions options = parse(Map.of(
                "HERALD_HOST", "::1",
                "HERALD_PORT", "9090",
                "HERALD_HEARTBEAT", "500ms",
                "HERALD_HISTORY_SIZE", "42",
                "HERALD_MAX_BODY_BYTES", "64KiB",
                "HERALD_MAX_HEADER_BYTES", "8k",
                "HERALD_MAX_PENDING_BYTES", "2MiB",
                "HERALD_DEMO_TOPIC", "news"));

        assertThat(options).isEqualTo(ServerOptions.builder().host("::1").port(9090).heartbeat(Duration.ofMillis(500))
                .history(HistoryOptions.store(Path.of("data")).withSize(42)).maxBodyBytes(64 * 1024).maxHeaderBytes(8 * 1024).maxPendingBytes(2 * 1024 * 1024)
                .demoTopic("news").build());
    }

    @Test
    void replayLimitsComeFromTheirFlags() {
        ServerOptions options = parse(Map.of("HERALD_REPLAY_STALL_TIMEOUT", "5s"), "--max-replays", "8",
                "--max-replays-waiting", "16");

        assertThat(options.replay()).as("the replay limits are read, from flags and from the environment")
                .isEqualTo(ReplayOptions.defaults().withMaxReplays(8).withMaxWaiting(16)
                        .withStallTimeout(Duration.ofSeconds(5)));
    }

    @Test
    void connectionFlagsAndVariablesSetTheDeadlinesAndLimits() {
        ServerOptions options = parse(Map.of("HERALD_IDLE_TIMEOUT", "2m", "HERALD_MAX_CONNECTIONS_PER_ADDRESS", "0"),
                "--header-timeout", "5s", "--body-timeout", "20s", "--max-connections", "5000");

        assertThat(options.connections()).isEqualTo(new ConnectionOptions(Duration.ofSeconds(5), Duration.ofSeconds(20),
                Duration.ofMinutes(2), 5000, 0));
    }

    @Test
    void withoutConnectionFlagsTheNamedDefaultsApply() {
        assertThat(parse(Map.of()).connections()).isEqualTo(ConnectionOptions.defaults());
    }

    @Test
    void aFlagWinsOverTheEnvironment() {
        assertThat(parse(Map.of("HERALD_PORT", "9090"), "--port", "7070").port()).isEqualTo(7070);
    }

    @Test
    void durationsAcceptIsoForm() {
        assertThat(parse(Map.of(), "--heartbeat", "PT1M").heartbeat()).isEqualTo(Duration.ofMinutes(1));
    }

    @Test
    void anInvalidValueStopsWithOneLineNamingTheOption() {
        StringWriter err = new StringWriter();
        CommandLine commandLine = HeraldCommand.commandLine(Map.of()).setErr(new PrintWriter(err));

        int exit = commandLine.execute("--heartbeat", "soon");

        assertThat(exit).isEqualTo(2);
        assertThat(err.toString()).startsWith("herald: Invalid value for option '--heartbeat': 'soon' is not a duration")
                .as("one line, not the whole usage").hasLineCount(1);
    }

    @Test
    void anInvalidEnvironmentValueNamesTheOptionToo() {
        StringWriter err = new StringWriter();
        CommandLine commandLine = HeraldCommand.commandLine(Map.of("HERALD_PORT", "eighty")).setErr(new PrintWriter(err));

        assertThat(commandLine.execute()).isEqualTo(2);
        assertThat(err.toString()).contains("--port").contains("eighty");
    }

    @Test
    void helpListsEveryOptionWithItsDefault() {
        StringWriter out = new StringWriter();
        CommandLine commandLine = HeraldCommand.commandLine(Map.of()).setOut(new PrintWriter(out));

        assertThat(commandLine.execute("--help")).isZero();
        String help = out.toString().replaceAll("\\s+", " ");
        for (CommandLine.Model.OptionSpec option : commandLine.getCommandSpec().options()) {
            if (!option.usageHelp() && !option.versionHelp()) {
                String shown = option.negatable() ? option.longestName().replace("--", "--[no-]") : option.longestName();
                String documentedDefault = option.defaultValue() == null
                        ? String.join(" ", option.description()).replaceAll(".*(Default: [^.]*).*", "$1")
                        : "Default: " + option.defaultValue();
                assertThat(documentedDefault).as("%s documents its default", option.longestName()).startsWith("Default: ");
                assertThat(help).as("--help documents %s", option.longestName())
                        .contains(shown).contains(documentedDefault);
            }
        }
    }

    @Test
    void jwtKeyConfiguresBothRolesAndARoleKeyWinsOverIt() {
        String secret = "a-publisher-secret-of-32-bytes-at-least";
        ServerOptions options = parse(Map.of("HERALD_JWT_KEY", "a-shared-secret-of-32-bytes-or-more!!"),
                "--publisher-jwt-key", secret);

        assertThat(options.security().publisherKey()).hasValue(JwtKey.parse(JwtAlgorithm.HS256, secret));
        assertThat(options.security().subscriberKey())
                .hasValue(JwtKey.parse(JwtAlgorithm.HS256, "a-shared-secret-of-32-bytes-or-more!!"));
    }

    @Test
    void anRs256PublicKeyIsReadFromAFileGivenWithAt(@TempDir Path dir) throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(2048);
        String pem = "-----BEGIN PUBLIC KEY-----\n"
                + Base64.getMimeEncoder(64, "\n".getBytes()).encodeToString(generator.generateKeyPair().getPublic().getEncoded())
                + "\n-----END PUBLIC KEY-----\n";
        Path file = Files.writeString(dir.resolve("publisher.pem"), pem);

        ServerOptions options = parse(Map.of(), "--jwt-algorithm", "RS256", "--jwt-key", "@" + file);

        assertThat(options.security().publisherKey()).hasValueSatisfying(
                key -> assertThat(key.algorithm()).isEqualTo(JwtAlgorithm.RS256));
    }

    @Test
    void anEd25519PublicKeyIsAnEdDsaKeyInAnyCase(@TempDir Path dir) throws Exception {
        String pem = "-----BEGIN PUBLIC KEY-----\n"
                + Base64.getMimeEncoder(64, "\n".getBytes()).encodeToString(
                        KeyPairGenerator.getInstance("Ed25519").generateKeyPair().getPublic().getEncoded())
                + "\n-----END PUBLIC KEY-----\n";
        Path file = Files.writeString(dir.resolve("publisher.pem"), pem);

        ServerOptions options = parse(Map.of(), "--jwt-algorithm", "eddsa", "--jwt-key", "@" + file);

        assertThat(options.security().publisherKey()).hasValueSatisfying(
                key -> assertThat(key.algorithm()).isEqualTo(JwtAlgorithm.EdDSA));
    }

    @Test
    void anUnusableKeyStopsWithOneLineNamingTheOption() {
        StringWriter err = new StringWriter();
        CommandLine commandLine = HeraldCommand.commandLine(Map.of()).setErr(new PrintWriter(err));
        PrintStream original = System.err;
        java.io.ByteArrayOutputStream captured = new java.io.ByteArrayOutputStream();
        System.setErr(new PrintStream(captured, true));
        try {
            assertThat(commandLine.execute("--jwt-key", "short")).isEqualTo(2);
        } finally {
            System.setErr(original);
        }
        assertThat(captured.toString()).startsWith("herald: --jwt-key: ").doesNotContain("short");
    }

    @Test
    void flagsWinOverTheEnvironmentWhichWinsOverTheConfigFile(@TempDir Path dir) throws Exception {
        Path file = Files.writeString(dir.resolve("herald.yaml"), """
                port: 7000
                heartbeat: 30s
                max-topics: 5
                cors-origins: [https://a.example, https://b.example]
                """);
        Map<String, String> environment = Map.of("HERALD_HEARTBEAT", "20s", "HERALD_MAX_TOPICS", "6");

        ServerOptions options = parse(environment, "--config", file.toString(), "--max-topics", "7");

        assertThat(options.port()).as("only the file sets the port").isEqualTo(7000);
        assertThat(options.heartbeat()).as("the environment wins over the file").isEqualTo(Duration.ofSeconds(20));
        assertThat(options.maxTopics()).as("the flag wins over both").isEqualTo(7);
        assertThat(options.security().corsOrigins()).containsExactly("https://a.example", "https://b.example");
    }

    @Test
    void aPropertiesFileWorksLikeYaml(@TempDir Path dir) throws Exception {
        Path file = Files.writeString(dir.resolve("herald.properties"), "port=7001\ntransport=memory\n");

        ServerOptions options = parse(Map.of("HERALD_CONFIG", file.toString()));

        assertThat(options.port()).isEqualTo(7001);
        assertThat(options.history()).isEqualTo(HistoryOptions.memory());
    }

    @Test
    void anUnknownKeyInTheConfigFileIsAnErrorNamingIt(@TempDir Path dir) throws Exception {
        Path file = Files.writeString(dir.resolve("herald.yaml"), "prot: 8080\n");

        org.assertj.core.api.Assertions.assertThatThrownBy(() -> HeraldCommand.commandLine(Map.of(), new String[] {"--config", file.toString()}))
                .hasMessageContaining("'prot'").hasMessageContaining("not an option");
    }

    @Test
    void anInvalidValueInTheConfigFileNamesTheOption(@TempDir Path dir) throws Exception {
        Path file = Files.writeString(dir.resolve("herald.yaml"), "heartbeat: often\n");
        StringWriter err = new StringWriter();
        CommandLine commandLine = HeraldCommand.commandLine(Map.of(), new String[] {"--config", file.toString()})
                .setErr(new PrintWriter(err));

        assertThat(commandLine.execute("--config", file.toString())).isEqualTo(2);
        assertThat(err.toString()).startsWith("herald: Invalid value for option '--heartbeat': 'often'");
    }

    private static ServerOptions parse(Map<String, String> environment, String... args) {
        CommandLine commandLine = HeraldCommand.commandLine(environment, args);
        commandLine.parseArgs(args);
        return ((HeraldCommand) commandLine.getCommand()).options();
    }
}
