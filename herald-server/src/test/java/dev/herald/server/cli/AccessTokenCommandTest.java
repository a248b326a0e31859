package dev.herald.server.cli;

import static java.util.Map.entry;
import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import dev.herald.client.sse.SseEvent;
import dev.herald.server.ServerOptions;
import dev.herald.server.support.AccessTokens;
import dev.herald.server.support.MercureClient;
import dev.herald.server.support.RunningHub;
import dev.herald.server.support.SseRecorder;
import dev.herald.server.support.Tokens;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/**
 * {@code herald token --issuer ...}: draft-08 access tokens that a Mercure 1.0 hub (Herald started with
 * {@code --public-url https://localhost --jwt-issuer https://localhost}) accepts as minted.
 */
class AccessTokenCommandTest {

    private static final String BOOK = "https://example.com/books/1";

    private final RunningHub hub = RunningHub.start(ServerOptions.builder().security(AccessTokens.security())
            .activeSubscriptions(false).build());
    private final MercureClient mercure = new MercureClient(hub);
    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    @AfterEach
    void stop() {
        hub.close();
    }

    private int token(String... args) {
        return command("token", args);
    }

    private int command(String name, String... args) {
        String[] line = new String[args.length + 1];
        line[0] = name;
        System.arraycopy(args, 0, line, 1, args.length);
        CommandLine commandLine = HeraldCommand.commandLine(Map.of(), line)
                .setOut(new PrintWriter(out, true)).setErr(new PrintWriter(err, true));
        return commandLine.execute(line);
    }

    private String mintedAccessToken(String... grants) {
        String[] args = new String[grants.length + 6];
        System.arraycopy(new String[] {"--key", Tokens.SECRET, "--issuer", AccessTokens.ISSUER, "--audience",
                AccessTokens.AUDIENCE}, 0, args, 0, 6);
        System.arraycopy(grants, 0, args, 6, grants.length);
        assertThat(token(args)).as(err.toString()).isZero();
        return out.toString().strip();
    }

    private static List<Map.Entry<String, String>> privateUpdate(String topic) {
        return List.of(entry("topic", topic), entry("data", "x"), entry("private", "on"));
    }

    @Test
    void anIssuerMakesAnAccessTokenThatPublishesAndSubscribesOnTheHub() throws Exception {
        String jwt = mintedAccessToken("--publish", "*", "--subscribe", "*");

        assertThat(SignedJWT.parse(jwt).getHeader().getType().getType()).isEqualTo("at+jwt");
        try (SseRecorder stream = mercure.subscribe(Map.of("Authorization", "Bearer " + jwt), "*")) {
            String id = mercure.publishOk(jwt, privateUpdate(BOOK));

            assertThat(stream.awaitEvents(1)).extracting(SseEvent::lastEventId)
                    .as("the private update reaches the bearer of the minted token").containsExactly(id);
        }
    }

    @Test
    void aUrlPatternGrantAllowsPublishingToTheTopicsItMatchesOnly() {
        String jwt = mintedAccessToken("--publish-urlpattern", "https://example.com/books/:id");

        assertThat(mercure.publish(jwt, privateUpdate(BOOK)).statusCode()).isEqualTo(200);
        assertThat(mercure.publish(jwt, privateUpdate("https://example.com/authors/1")).statusCode())
                .as("authors are outside the pattern").isEqualTo(403);
    }

    @Test
    void subjectClientIdKeyIdAndPayloadAreWrittenAsGiven() throws Exception {
        SignedJWT jwt = SignedJWT.parse(mintedAccessToken("--subscribe", BOOK, "--subject", "alice", "--client-id",
                "books-app", "--kid", "k1", "--payload", "{\"name\":\"Alice\"}"));

        JWTClaimsSet claims = jwt.getJWTClaimsSet();
        assertThat(jwt.getHeader().getKeyID()).isEqualTo("k1");
        assertThat(claims.getSubject()).isEqualTo("alice");
        assertThat(claims.getStringClaim("client_id")).isEqualTo("books-app");
        assertThat(claims.getListClaim("authorization_details")).containsExactly(Map.of(
                "type", AccessTokens.DETAIL_TYPE, "actions", List.of("subscribe"),
                "topics", List.of(Map.of("match", BOOK, "match_type", "exact")), "payload", Map.of("name", "Alice")));
    }

    @Test
    void draft08OptionsWithoutAnIssuerAreRefusedInOneLine() {
        assertThat(token("--key", Tokens.SECRET, "--publish-urlpattern", "https://example.com/:id", "--payload", "{}"))
                .isEqualTo(2);

        assertThat(err.toString()).isEqualToIgnoringNewLines(
                "herald token: --payload, --publish-urlpattern make a draft-08 access token: give its --issuer too");
    }

    @Test
    void anAccessTokenNeedsTheHubsResourceIdentifier() {
        assertThat(token("--key", Tokens.SECRET, "--issuer", AccessTokens.ISSUER, "--publish", "*")).isEqualTo(2);

        assertThat(err.toString()).startsWith("herald token: an access token needs --audience");
    }

    @Test
    void anAccessTokenThatNeverExpiresIsRefused() {
        assertThat(token("--key", Tokens.SECRET, "--issuer", AccessTokens.ISSUER, "--audience", AccessTokens.AUDIENCE,
                "--publish", "*", "--expires", "0s")).isEqualTo(2);

        assertThat(err.toString()).isEqualToIgnoringNewLines(
                "herald token: an access token needs an expiry: Mercure 1.0 hubs refuse one without exp");
    }

    @Test
    void aPayloadThatIsNotAJsonObjectIsRefused() {
        assertThat(token("--key", Tokens.SECRET, "--issuer", AccessTokens.ISSUER, "--audience", AccessTokens.AUDIENCE,
                "--subscribe", "*", "--payload", "[1]")).isEqualTo(2);

        assertThat(err.toString()).isEqualToIgnoringNewLines("herald token: --payload must be a JSON object");
    }

    @Test
    void subscribeWithDraft08MatchersAndAMintedTokenReceivesThePrivateUpdatesItsGrantsAllow() {
        String jwt = mintedAccessToken("--publish", "*", "--subscribe-urlpattern", "https://example.com/books/:id");
        String book = mercure.publishOk(jwt, privateUpdate(BOOK));
        mercure.publishOk(jwt, privateUpdate("https://example.com/authors/1"));
        String secondBook = mercure.publishOk(jwt, privateUpdate("https://example.com/books/2"));
        out.getBuffer().setLength(0);

        int exit = command("subscribe", "--url", "http://127.0.0.1:" + hub.port(), "--match-urlpattern", "https://example.com/books/:id",
                "--match", "https://example.com/authors/1", "--token", jwt, "--last-event-id", "earliest", "--count", "2");

        assertThat(exit).as(err.toString()).isZero();
        assertThat(out.toString().lines()).as("the author's update is not granted to this token, so not received")
                .containsExactly("{\"id\":\"" + book + "\",\"type\":\"message\",\"data\":\"x\"}",
                        "{\"id\":\"" + secondBook + "\",\"type\":\"message\",\"data\":\"x\"}");
    }
}
