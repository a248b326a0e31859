package dev.herald.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.herald.server.support.AccessTokens;
import dev.herald.server.support.HeraldProcess;
import dev.herald.server.support.MercureClient;
import dev.herald.server.support.Tokens;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The acceptance case as an operator runs it: {@code ./herald} with the draft-08 flags. */
class AccessTokenProcessTest {

    private static final String[] ACCEPTANCE = {"--transport", "memory", "--public-url", "https://localhost",
            "--jwt-issuer", "https://localhost", "--jwt-key", Tokens.SECRET};

    private static int publish(HeraldProcess hub, String token) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(hub.uri(MercureClient.PATH))
                .header("Authorization", "Bearer " + token)
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("topic=https%3A%2F%2Fexample.com%2Fbooks%2F1&data=x")).build();
        HttpResponse<String> response = HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofString());
        return response.statusCode();
    }

    @Test
    void theAcceptanceHubTakesTheAccessTokenAndStillADraft07Token() throws Exception {
        String accessToken = AccessTokens.token(AccessTokens.YEAR_2100,
                AccessTokens.grant(List.of("publish", "subscribe"), "*"));

        try (HeraldProcess hub = HeraldProcess.start(ACCEPTANCE)) {
            assertThat(publish(hub, accessToken)).as("the access token, on a port that is not the public URL's")
                    .isEqualTo(200);
            assertThat(publish(hub, Tokens.publisher("*"))).as("a draft-07 token signed with the same secret")
                    .isEqualTo(200);
            assertThat(hub.output()).filteredOn(line -> line.contains("example secret"))
                    .as("the issuer's key is --jwt-key: still one warning per role, not two").hasSize(2);
        }
    }

    @Test
    void theAcceptanceHubBeyondLoopbackIsRefusedForItsExampleSecret() {
        String[] everywhere = new String[ACCEPTANCE.length + 2];
        everywhere[0] = "--host";
        everywhere[1] = "0.0.0.0";
        System.arraycopy(ACCEPTANCE, 0, everywhere, 2, ACCEPTANCE.length);

        HeraldProcess.Refusal refusal = HeraldProcess.refusal(everywhere);

        assertThat(refusal.exitCode()).isEqualTo(2);
        assertThat(refusal.output()).containsExactly("herald: refusing to listen on 0.0.0.0: the publisher key is the "
                + "Mercure documentation's example secret, so anyone could sign publishers' tokens; configure a secret "
                + "of your own (openssl rand -base64 32)");
    }
}
