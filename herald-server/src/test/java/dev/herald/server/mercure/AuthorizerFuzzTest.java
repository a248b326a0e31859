package dev.herald.server.mercure;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.DictionaryEntries;
import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.herald.core.TopicText;
import dev.herald.core.auth.AccessTokenRules;
import dev.herald.core.auth.Claims;
import dev.herald.core.auth.InvalidTokenException;
import dev.herald.core.auth.JwtAlgorithm;
import dev.herald.core.auth.JwtKey;
import dev.herald.core.auth.TokenGeneration;
import dev.herald.core.auth.TokenVerifier;
import dev.herald.core.auth.TrustedIssuer;
import dev.herald.core.auth.TrustedKeys;
import dev.herald.server.AccessTokenOptions;
import dev.herald.server.http.HttpException;
import io.netty.handler.codec.http.DefaultHttpRequest;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.QueryStringDecoder;
import io.netty.handler.codec.http.cookie.Cookie;
import io.netty.handler.codec.http.cookie.ServerCookieDecoder;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;

/**
 * A request's token may sit in the {@code Authorization} header, the {@code authorization} query
 * parameter or either cookie, and each comes from any client. Whatever the request, the publisher's and
 * the subscriber's answers are claims or an RFC 6750 refusal (400, 401, or 403 for a publishing cookie
 * from a foreign page), never another failure; the token verified is the one the precedence rules pick
 * (header, query, draft-08 cookie, draft-07 cookie), and the answer is exactly the verifier's answer for
 * it. Fuzzed by Jazzer (see docs/reliability.md).
 */
class AuthorizerFuzzTest {

    /** Public on purpose, as in herald-core's token fuzz target: seeds hold tokens signed with it. */
    private static final String SECRET = "herald-fuzz-only-secret-0123456789abcdef";
    private static final String ISSUER = "https://issuer.example.com";
    private static final String ORIGIN = "https://app.example.com";
    private static final AccessTokenOptions OPTIONS;
    private static final TokenVerifier VERIFIER;
    private static final Authorizer AUTHORIZER;

    static {
        JwtKey key = JwtKey.parse(JwtAlgorithm.HS256, SECRET);
        TrustedKeys keys = TrustedKeys.of(List.of(key));
        OPTIONS = new AccessTokenOptions(List.of(URI.create("https://hub.example.com")),
                List.of(new TrustedIssuer(ISSUER, keys, keys)));
        VERIFIER = new TokenVerifier(Optional.of(key), new AccessTokenRules(Set.copyOf(OPTIONS.resources()),
                Map.of(ISSUER, keys), OPTIONS.urlPatterns()), TokenVerifier.DEFAULT_CLOCK_SKEW,
                Clock.fixed(Instant.parse("2030-01-01T00:00:00Z"), ZoneOffset.UTC));
        AUTHORIZER = new Authorizer(Optional.of(VERIFIER), Optional.of(VERIFIER), true, List.of(ORIGIN),
                new BearerChallenges(OPTIONS));
    }

    /**
     * The input is four lines: the {@code Authorization} header, the query string, the {@code Cookie}
     * header and the {@code Origin} header; an empty line is a header the request does not have.
     */
    @FuzzTest(maxDuration = "5s")
    @DictionaryEntries({"Bearer ", "bearer ", "authorization=", "access_token=", "&", "%20",
            "__Secure-mercure_access_token=", "mercureAuthorization=", "; ", "\"", "https://app.example.com",
            "eyJhbGciOiJIUzI1NiJ9.", "eyJhbGciOiJIUzI1NiIsInR5cCI6ImF0K2p3dCJ9."})
    void anyRequestGetsTheClaimsOfItsChosenTokenOrABearerRefusal(byte[] data) {
        String[] lines = new String(data, StandardCharsets.UTF_8).split("\n", 4);
        String authorization = line(lines, 0);
        String query = line(lines, 1);
        String cookie = line(lines, 2);
        String origin = line(lines, 3);
        HttpRequest request = new DefaultHttpRequest(HttpVersion.HTTP_1_1, HttpMethod.POST, MercureEndpoint.PATH);
        QueryStringDecoder decoder;
        try {
            setIfPresent(request, HttpHeaderNames.AUTHORIZATION, authorization);
            setIfPresent(request, HttpHeaderNames.COOKIE, cookie);
            setIfPresent(request, HttpHeaderNames.ORIGIN, origin);
            decoder = new QueryStringDecoder(MercureEndpoint.PATH + "?" + query);
            decoder.parameters();
        } catch (IllegalArgumentException notAValidRequest) {
            return; // Netty's decoder never hands such a header or query to the endpoint (the router answers 400)
        }

        Expected expected = expected(authorization, decoder, cookie);
        boolean foreignCookie = expected.fromCookie()
                && (origin == null || !Authorizer.normalizeOrigin(origin).equals(ORIGIN));
        assertAnswer("publisher", () -> AUTHORIZER.publisher(request, decoder), expected, foreignCookie, false);
        assertAnswer("subscriber", () -> AUTHORIZER.subscriber(request, decoder), expected, false, true);
    }

    /** What the rules say the answer is: a 400, no token, or the verifier's answer for one token. */
    private record Expected(boolean badRequest, String token, boolean fromCookie) {
    }

    private static Expected expected(String authorization, QueryStringDecoder query, String cookie) {
        List<String> inUrl = query.parameters().get("authorization");
        if (query.parameters().containsKey("access_token")) {
            return new Expected(true, null, false);
        }
        if (inUrl != null && TokenGeneration.of(inUrl.get(0)) == TokenGeneration.DRAFT_08) {
            return new Expected(true, null, false); // an access token in the URL, whatever else is sent
        }
        if (authorization != null) {
            boolean bearer = authorization.regionMatches(true, 0, "Bearer ", 0, 7);
            return new Expected(false, bearer ? authorization.substring(7).trim() : "", false);
        }
        if (inUrl != null) {
            return new Expected(false, inUrl.get(0), false);
        }
        if (cookie != null) {
            List<Cookie> cookies = ServerCookieDecoder.LAX.decodeAll(cookie);
            for (String name : List.of("__Secure-mercure_access_token", "mercureAuthorization")) {
                Optional<Cookie> found = cookies.stream().filter(c -> c.name().equals(name)).findFirst();
                if (found.isPresent()) {
                    return new Expected(false, found.get().value(), true);
                }
            }
        }
        return new Expected(false, null, false);
    }

    private static void assertAnswer(String role, Supplier<Claims> answer, Expected expected, boolean foreignCookie,
            boolean anonymousAllowed) {
        Claims claims;
        try {
            claims = answer.get();
        } catch (HttpException refused) {
            assertThat(TopicText.problem(refused.getMessage())).as("the %s's refusal is safe to log", role).isEmpty();
            assertThat(refused.status()).as("the %s's refusal for %s", role, expected)
                    .isEqualTo(expectedStatus(expected, foreignCookie, anonymousAllowed));
            if (refused.status().code() != HttpResponseStatus.FORBIDDEN.code() || !foreignCookie) {
                assertThat(refused.challenge()).as("an RFC 6750 refusal carries its challenge").startsWith("Bearer");
            }
            return;
        }
        assertThat(expected.badRequest()).as("the %s was answered though the token was in the URL", role).isFalse();
        assertThat(foreignCookie).as("a publishing cookie from a foreign page was accepted").isFalse();
        if (expected.token() == null) {
            assertThat(anonymousAllowed).as("the %s had no token", role).isTrue();
            assertThat(claims).isEqualTo(Claims.ANONYMOUS);
            return;
        }
        assertThat(claims).as("the %s's claims are those of the token the rules pick", role)
                .isEqualTo(VERIFIER.verify(expected.token()));
    }

    private static HttpResponseStatus expectedStatus(Expected expected, boolean foreignCookie, boolean anonymousAllowed) {
        if (expected.badRequest()) {
            return HttpResponseStatus.BAD_REQUEST;
        }
        if (expected.token() == null) {
            assertThat(anonymousAllowed).as("an anonymous subscriber is refused").isFalse();
            return HttpResponseStatus.UNAUTHORIZED;
        }
        if (foreignCookie) {
            return HttpResponseStatus.FORBIDDEN;
        }
        try {
            VERIFIER.verify(expected.token());
        } catch (InvalidTokenException invalid) {
            return HttpResponseStatus.UNAUTHORIZED;
        }
        throw new AssertionError("a valid token was refused: " + expected);
    }

    private static String line(String[] lines, int index) {
        return index < lines.length && !lines[index].isEmpty() ? lines[index] : null;
    }

    private static void setIfPresent(HttpRequest request, CharSequence name, String value) {
        if (value != null) {
            request.headers().set(name, value);
        }
    }
}
