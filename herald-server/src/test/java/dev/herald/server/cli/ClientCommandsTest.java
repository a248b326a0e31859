package dev.herald.server.cli;

import static java.util.Map.entry;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.nimbusds.jwt.SignedJWT;
import dev.herald.client.sse.SseEvent;
import dev.herald.core.auth.JwtAlgorithm;
import dev.herald.core.auth.JwtKey;
import dev.herald.server.SecurityOptions;
import dev.herald.server.ServerOptions;
import dev.herald.server.support.MercureClient;
import dev.herald.server.support.PrometheusText;
import dev.herald.server.support.RunningHub;
import dev.herald.server.support.SseRecorder;
import dev.herald.server.support.Tokens;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.spec.ECGenParameterSpec;
import java.util.Base64;
import java.net.http.HttpRequest;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code herald token|publish|subscribe} through picocli, against a real hub. */
class ClientCommandsTest {

    private static final String TOPIC = "https://example.com/books/1";

    private RunningHub hub = RunningHub.start(ServerOptions.builder().security(Tokens.security())
            .activeSubscriptions(false).build());
    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    @AfterEach
    void stop() {
        hub.close();
    }

    private int run(String... args) {
        return run(Map.of(), args);
    }

    private int run(Map<String, String> environment, String... args) {
        CommandLine commandLine = HeraldCommand.commandLine(environment, args)
                .setOut(new PrintWriter(out, true)).setErr(new PrintWriter(err, true));
        return commandLine.execute(args);
    }

    private String url() {
        return "http://127.0.0.1:" + hub.port();
    }

    private List<String> outLines() {
        return out.toString().lines().toList();
    }

    // --- token -------------------------------------------------------------------------------------

    @Test
    void tokenPrintsADraft07TokenThatTheHubAcceptsForPublishing() throws Exception {
        assertThat(run("token", "--key", Tokens.SECRET, "--publish", "*", "--subscribe", "*")).isZero();
        String jwt = out.toString().strip();

        assertThat(SignedJWT.parse(jwt).getJWTClaimsSet().getJSONObjectClaim("mercure"))
                .isEqualTo(Map.of("publish", List.of("*"), "subscribe", List.of("*")));
        assertThat(new MercureClient(hub).publish(jwt, List.of(entry("topic", TOPIC), entry("data", "x"))).statusCode())
                .isEqualTo(200);
    }

    @Test
    void anEs256TokenFromAPemPrivateKeyIsAcceptedByAHubWithItsPublicKey(@TempDir Path dir) throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
        generator.initialize(new ECGenParameterSpec("secp256r1"));
        KeyPair pair = generator.generateKeyPair();
        Path privatePem = Files.writeString(dir.resolve("key.pem"), pem("PRIVATE KEY", pair.getPrivate().getEncoded()));
        JwtKey publicKey = JwtKey.parse(JwtAlgorithm.ES256, pem("PUBLIC KEY", pair.getPublic().getEncoded()));
        hub.close();
        hub = RunningHub.start(ServerOptions.builder().security(SecurityOptions.defaults().withKeys(publicKey, publicKey))
                .activeSubscriptions(false).build());

        assertThat(run("token", "--pem", privatePem.toString(), "--algorithm", "es256", "--publish", "*")).as(err.toString())
                .isZero();
        String jwt = out.toString().strip();

        assertThat(new MercureClient(hub).publish(jwt, List.of(entry("topic", TOPIC), entry("data", "x"))).statusCode())
                .isEqualTo(200);
    }

    @Test
    void aTokenExpiresInAnHourUnlessToldOtherwise() throws Exception {
        Instant before = Instant.now();
        run("token", "--key", Tokens.SECRET, "--publish", "*");
        Instant expiry = SignedJWT.parse(out.toString().strip()).getJWTClaimsSet().getExpirationTime().toInstant();

        assertThat(expiry).isBetween(before.plus(Duration.ofHours(1)).minusSeconds(1), Instant.now().plus(Duration.ofHours(1)));
    }

    @Test
    void expiresZeroMintsATokenThatNeverExpires() throws Exception {
        run("token", "--key", Tokens.SECRET, "--publish", "*", "--expires", "0s");

        assertThat(SignedJWT.parse(out.toString().strip()).getJWTClaimsSet().getExpirationTime()).isNull();
    }

    @Test
    void aTokenNeedsAKeyAndSaysSoInOneLine() {
        assertThat(run("token", "--publish", "*")).isEqualTo(2);

        assertThat(err.toString()).isEqualToIgnoringNewLines("herald token: give exactly one of --key (HS*) and --pem (RS*, ES*)");
    }

    @Test
    void aShortSecretIsRefusedWithoutEchoingIt() {
        assertThat(run("token", "--key", "tiny", "--publish", "*")).isEqualTo(2);

        assertThat(err.toString()).contains("at least 32 bytes").doesNotContain("tiny");
    }

    // --- publish -----------------------------------------------------------------------------------

    @Test
    void publishPrintsTheIdTheHubGaveAndSendsEveryField() {
        try (SseRecorder stream = new MercureClient(hub).subscribe(Map.of("Authorization", "Bearer " + Tokens.subscriber("*")),
                "*")) {
            int exit = run("publish", "--url", url(), "--token", Tokens.publisher("*"), "--topic", TOPIC, "--data", "Dune",
                    "--private", "--id", "book-1", "--type", "book");

            assertThat(exit).as(err.toString()).isZero();
            assertThat(outLines()).containsExactly("book-1");
            assertThat(stream.awaitEvents(1)).containsExactly(new SseEvent("book-1", "book", "Dune"));
        }
    }

    @Test
    void publishTakesTheTokenFromHeraldTokenWhenNoFlagGivesOne() {
        assertThat(run(Map.of("HERALD_TOKEN", Tokens.publisher("*")), "publish", "--url", url(), "--topic", TOPIC,
                "--data", "x")).isZero();

        assertThat(outLines()).singleElement().asString().startsWith("urn:uuid:");
    }

    @Test
    void heraldVariablesShapeTheHubNotTheClientCommands() {
        try (SseRecorder stream = new MercureClient(hub).subscribe("*")) {
            assertThat(run(Map.of("HERALD_TOKEN", Tokens.publisher("*"), "HERALD_DATA", "from the environment",
                    "HERALD_TYPE", "forged"), "publish", "--url", url(), "--topic", TOPIC)).isZero();

            assertThat(stream.awaitEvents(1).get(0)).extracting(SseEvent::type, SseEvent::data).containsExactly("message", "");
        }
    }

    @Test
    void aRefusedPublishPrintsTheHubsMessageAndExitsWithOne() {
        int exit = run("publish", "--url", url(), "--token", Tokens.publisher("https://example.com/authors/{id}"),
                "--topic", TOPIC, "--data", "x");

        assertThat(exit).isEqualTo(1);
        assertThat(out.toString()).isEmpty();
        assertThat(err.toString()).startsWith("herald publish: the hub refused the publish: 403 ").hasLineCount(1);
    }

    // --- subscribe ---------------------------------------------------------------------------------

    @Test
    void subscribePrintsOneJsonObjectPerEventAndExitsAfterCount() {
        String first = new MercureClient(hub).publishOk(Tokens.publisher("*"), List.of(entry("topic", TOPIC),
                entry("data", "line 1\nline 2")));
        new MercureClient(hub).publishOk(Tokens.publisher("*"), List.of(entry("topic", TOPIC), entry("data", "b"),
                entry("id", "second"), entry("type", "book")));

        int exit = run("subscribe", "--url", url(), "--topic", TOPIC, "--last-event-id", "earliest", "--count", "2");

        assertThat(exit).as(err.toString()).isZero();
        assertThat(outLines()).containsExactly(
                "{\"id\":\"" + first + "\",\"type\":\"message\",\"data\":\"line 1\\nline 2\"}",
                "{\"id\":\"second\",\"type\":\"book\",\"data\":\"b\"}");
    }

    @Test
    void subscribeResumesAcrossDisconnects() throws Exception {
        hub.close();
        hub = RunningHub.start(ServerOptions.builder().security(Tokens.security()).activeSubscriptions(false)
                .maxConnectionLifetime(Duration.ofMillis(300)).build());
        MercureClient mercure = new MercureClient(hub);
        String first = mercure.publishOk(Tokens.publisher("*"), List.of(entry("topic", TOPIC), entry("data", "a")));

        CompletableFuture<Integer> exit = CompletableFuture.supplyAsync(() -> run("subscribe", "--url", url(),
                "--topic", TOPIC, "--last-event-id", "earliest", "--count", "2"));
        await("a stream ended by its lifetime").atMost(Duration.ofSeconds(10))
                .until(() -> lifetimeEnded() >= 1);
        String second = mercure.publishOk(Tokens.publisher("*"), List.of(entry("topic", TOPIC), entry("data", "b")));

        assertThat(exit.get(20, TimeUnit.SECONDS)).as(err.toString()).isZero();
        assertThat(outLines()).containsExactly("{\"id\":\"" + first + "\",\"type\":\"message\",\"data\":\"a\"}",
                "{\"id\":\"" + second + "\",\"type\":\"message\",\"data\":\"b\"}");
    }

    @Test
    void aRefusedSubscriptionPrintsTheHubsAnswerAndExitsWithOne() {
        hub.close();
        hub = RunningHub.start(ServerOptions.builder().security(Tokens.security().withAnonymousSubscribers(false))
                .activeSubscriptions(false).build());

        assertThat(run("subscribe", "--url", url(), "--topic", TOPIC)).isEqualTo(1);
        assertThat(err.toString()).startsWith("herald subscribe: the hub answered 401");
    }

    @Test
    void aUrlThatIsNotHttpIsRefusedInOneLine() {
        assertThat(run("subscribe", "--url", "ftp://example.com", "--topic", TOPIC)).isEqualTo(2);

        assertThat(err.toString()).startsWith("herald subscribe: Invalid value for option '--url'").hasLineCount(1);
    }

    private static String pem(String type, byte[] der) {
        return "-----BEGIN " + type + "-----\n"
                + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(der)
                + "\n-----END " + type + "-----\n";
    }

    private double lifetimeEnded() {
        String metrics = hub.request(HttpRequest.newBuilder(hub.uri("/metrics")).GET().build()).body();
        return PrometheusText.samples(metrics).getOrDefault("herald_disconnects_total{reason=\"lifetime_ended\"}", 0.0);
    }
}
