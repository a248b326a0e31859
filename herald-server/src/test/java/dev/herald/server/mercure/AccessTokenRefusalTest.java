package dev.herald.server.mercure;

import static java.util.Map.entry;
import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jwt.SignedJWT;
import dev.herald.server.ServerOptions;
import dev.herald.server.support.AccessTokens;
import dev.herald.server.support.MercureClient;
import dev.herald.server.support.RunningHub;
import dev.herald.server.support.SseRecorder;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.KeyPairGenerator;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Hostile and broken draft-08 access tokens, each refused as RFC 6750 says, next to the honest case;
 * the challenge's exact form is asserted: clients parse it.
 */
class AccessTokenRefusalTest {

    private static final String BOOK = "https://example.com/books/1";
    private static final String INVALID_TOKEN =
            "Bearer error=\"invalid_token\", resource_metadata=\"" + AccessTokens.METADATA + "\"";
    private static final String INVALID_REQUEST =
            "Bearer error=\"invalid_request\", resource_metadata=\"" + AccessTokens.METADATA + "\"";
    private static final Map<String, Object> EVERYTHING = AccessTokens.grant(List.of("publish", "subscribe"), "*");

    private final RunningHub hub = RunningHub.start(ServerOptions.builder().security(AccessTokens.security())
            .activeSubscriptions(false).build());
    private final MercureClient mercure = new MercureClient(hub);

    @AfterEach
    void stop() {
        hub.close();
    }

    private HttpResponse<String> publish(String token) {
        return mercure.publish(token, List.of(entry("topic", BOOK), entry("data", "x")));
    }

    private HttpResponse<String> publishWithQuery(String query) {
        return hub.request(HttpRequest.newBuilder(hub.uri(MercureClient.PATH + query))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(MercureClient.form(List.of(entry("topic", BOOK))))).build());
    }

    private static void assertInvalidToken(HttpResponse<String> response, String body) {
        assertThat(response.statusCode()).as("a refused token answers 401").isEqualTo(401);
        assertThat(response.headers().firstValue("WWW-Authenticate")).as("the challenge").hasValue(INVALID_TOKEN);
        assertThat(RunningHub.json(response.body()).get("error").asText()).as("the reason").isEqualTo(body);
    }

    @Test
    void theHonestTokenIsAccepted() {
        assertThat(publish(AccessTokens.token(AccessTokens.YEAR_2100, EVERYTHING)).statusCode()).isEqualTo(200);
    }

    @Test
    void publishingWithoutATokenAnswers401WithABareChallenge() {
        HttpResponse<String> response = publish(null);

        assertThat(response.statusCode()).isEqualTo(401);
        assertThat(response.headers().firstValue("WWW-Authenticate"))
                .as("no error code when no token was presented (RFC 6750 §3.1)")
                .hasValue("Bearer resource_metadata=\"" + AccessTokens.METADATA + "\"");
    }

    @Test
    void aTokenForAnotherHubIsRefused() {
        String token = AccessTokens.sign(AccessTokens.atJwt(), AccessTokens.claims(AccessTokens.YEAR_2100, EVERYTHING)
                .audience("https://other.example.com/.well-known/mercure").build());

        assertInvalidToken(publish(token), "invalid token: wrong audience");
    }

    @Test
    void aTokenWithoutExpIsRefused() {
        assertInvalidToken(publish(AccessTokens.token(null, EVERYTHING)), "invalid token: missing claim: exp is required");
    }

    @Test
    void aTokenFromAnUntrustedIssuerIsRefused() {
        String token = AccessTokens.sign(AccessTokens.atJwt(), AccessTokens.claims(AccessTokens.YEAR_2100, EVERYTHING)
                .issuer("https://evil.example").build());

        assertInvalidToken(publish(token), "invalid token: untrusted issuer");
    }

    @Test
    void authorizationDetailsWithoutTypAtJwtAreRefused() {
        String token = AccessTokens.sign(new JWSHeader.Builder(JWSAlgorithm.HS256).type(JOSEObjectType.JWT),
                AccessTokens.claims(AccessTokens.YEAR_2100, EVERYTHING).build());

        assertInvalidToken(publish(token), "invalid token: wrong token type: authorization_details need the header typ at+jwt");
    }

    @Test
    void anUnsignedTokenIsRefused() {
        Base64.Encoder base64 = Base64.getUrlEncoder().withoutPadding();
        String none = base64.encodeToString("{\"alg\":\"none\",\"typ\":\"at+jwt\"}".getBytes(StandardCharsets.UTF_8)) + "."
                + base64.encodeToString(AccessTokens.claims(AccessTokens.YEAR_2100, EVERYTHING).build().toString()
                        .getBytes(StandardCharsets.UTF_8)) + ".";

        assertInvalidToken(publish(none), "invalid token: wrong algorithm");
    }

    @Test
    void anAlgorithmTheIssuersKeyDoesNotHaveIsRefused() throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(2048);
        SignedJWT rs256 = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).type(new JOSEObjectType("at+jwt")).build(),
                AccessTokens.claims(AccessTokens.YEAR_2100, EVERYTHING).build());
        rs256.sign(new RSASSASigner(generator.generateKeyPair().getPrivate()));

        assertInvalidToken(publish(rs256.serialize()),
                "invalid token: wrong algorithm: no key of the issuer fits the token's alg and kid");
    }

    @Test
    void anUnknownMatchTypeRefusesTheWholeToken() {
        String token = AccessTokens.token(AccessTokens.YEAR_2100, EVERYTHING, AccessTokens.detail(List.of("publish"),
                List.of(Map.of("match", BOOK, "match_type", "regexp"))));

        assertInvalidToken(publish(token),
                "invalid token: malformed token: authorization_details: unknown match_type (this hub knows exact and urlpattern)");
    }

    @Test
    void aUrlPatternGrantThatIsNotAValidPatternRefusesTheWholeToken() {
        String token = AccessTokens.token(AccessTokens.YEAR_2100, AccessTokens.detail(List.of("publish"),
                List.of(Map.of("match", "*"), Map.of("match", "https://example.com/(a", "match_type", "urlpattern"))));

        HttpResponse<String> response = publish(token);

        assertThat(response.statusCode()).as("never read as 'no grant': the token is refused").isEqualTo(401);
        assertThat(response.headers().firstValue("WWW-Authenticate").orElseThrow()).startsWith("Bearer error=\"invalid_token\"");
    }

    @Test
    void anAccessTokenInTheUrlAnswers400InvalidRequest() {
        HttpResponse<String> response = publishWithQuery("?authorization=" + AccessTokens.publisher("*"));

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.headers().firstValue("WWW-Authenticate")).hasValue(INVALID_REQUEST);
    }

    @Test
    void anAccessTokenInTheUrlOfASubscriptionAnswers400InvalidRequest() {
        try (SseRecorder stream = SseRecorder.open(hub.client(), hub.uri(MercureClient.PATH + "?topic=*&authorization="
                + AccessTokens.subscriber("*")), Map.of())) {
            assertThat(stream.status()).isEqualTo(400);
            assertThat(stream.headers().firstValue("WWW-Authenticate")).hasValue(INVALID_REQUEST);
        }
    }

    @Test
    void theAccessTokenQueryParameterIsNotAccepted() {
        HttpResponse<String> response = publishWithQuery("?access_token=" + AccessTokens.publisher("*"));

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.headers().firstValue("WWW-Authenticate")).hasValue(INVALID_REQUEST);
    }
}
