package dev.herald.examples.ticker;

import dev.herald.client.Publication;
import dev.herald.client.PublishException;
import dev.herald.client.PublishOptions;
import dev.herald.client.Publisher;
import dev.herald.client.TokenProvider;
import dev.herald.client.token.MercureClaims;
import dev.herald.client.token.SigningKey;
import dev.herald.client.token.TokenAlgorithm;
import dev.herald.client.token.TokenMinter;
import java.math.BigDecimal;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.random.RandomGenerator;

/**
 * A stock ticker: publishes a made-up price for each of five stocks, every {@code INTERVAL}, to a Mercure
 * hub, each on its own topic ({@code https://example.com/stocks/ACME}). It signs its own publisher token
 * with the hub's key, granted only the stocks' topics.
 *
 * <p>Configured from the environment: {@code HUB} (default {@code http://127.0.0.1:8080/.well-known/mercure}),
 * {@code HUB_KEY} (the hub's {@code --jwt-key}, required), {@code INTERVAL} (milliseconds, default 1000),
 * {@code TICKS} (how many rounds before it stops; default 0: until stopped).
 */
public final class TickerPublisher {

    private TickerPublisher() {
    }

    public static void main(String[] args) throws InterruptedException {
        URI hub = URI.create(env("HUB", "http://127.0.0.1:8080/.well-known/mercure"));
        String key = System.getenv("HUB_KEY");
        if (key == null || key.isEmpty()) {
            System.err.println("ticker: set HUB_KEY to the hub's --jwt-key");
            System.exit(2);
        }
        Duration interval = Duration.ofMillis(Long.parseLong(env("INTERVAL", "1000")));
        long ticks = Long.parseLong(env("TICKS", "0"));

        // A fresh token per request, valid ten minutes: what a long-running publisher does with short-lived tokens.
        SigningKey signingKey = SigningKey.secret(TokenAlgorithm.HS256, key);
        TokenProvider tokens = () -> Optional.of(TokenMinter.mint(MercureClaims.publisher(Quote.EVERY_STOCK)
                .expiringAt(Instant.now().plus(Duration.ofMinutes(10))), signingKey));
        Publisher publisher = Publisher.create(PublishOptions.of(hub, tokens));
        PriceWalk walk = new PriceWalk(openingPrices(), RandomGenerator.getDefault());

        for (long round = 1; ticks == 0 || round <= ticks; round++) {
            for (Quote quote : walk.tick()) {
                try {
                    publisher.publish(Publication.of(quote.topic(), quote.toJson()).withType("quote"));
                } catch (PublishException e) {
                    // The client already retried what can be retried; a refusal (4xx) will not get better.
                    System.err.println("ticker: the hub refused " + quote.symbol() + ": " + e.getMessage());
                    System.exit(1);
                }
            }
            Thread.sleep(interval.toMillis());
        }
    }

    private static Map<String, BigDecimal> openingPrices() {
        Map<String, BigDecimal> prices = new LinkedHashMap<>();
        prices.put("ACME", new BigDecimal("101.50"));
        prices.put("GLOBEX", new BigDecimal("54.20"));
        prices.put("INITECH", new BigDecimal("12.75"));
        prices.put("UMBRELLA", new BigDecimal("230.00"));
        prices.put("HOOLI", new BigDecimal("880.10"));
        return prices;
    }

    private static String env(String name, String fallback) {
        String value = System.getenv(name);
        return value == null || value.isEmpty() ? fallback : value;
    }
}
