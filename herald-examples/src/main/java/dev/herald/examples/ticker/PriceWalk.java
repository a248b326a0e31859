package dev.herald.examples.ticker;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.random.RandomGenerator;

/**
 * Made-up prices: each tick moves every stock by up to 1 % up or down, never below one cent. Not thread-safe:
 * one ticker thread owns it.
 */
final class PriceWalk {

    private static final BigDecimal CENT = new BigDecimal("0.01");

    private final Map<String, BigDecimal> prices = new LinkedHashMap<>();
    private final RandomGenerator random;

    PriceWalk(Map<String, BigDecimal> openingPrices, RandomGenerator random) {
        openingPrices.forEach((symbol, price) -> prices.put(symbol, price.setScale(2, RoundingMode.HALF_EVEN)));
        this.random = random;
    }

    /** The next quote of every stock. */
    List<Quote> tick() {
        List<Quote> quotes = new ArrayList<>(prices.size());
        prices.replaceAll((symbol, previous) -> {
            BigDecimal move = previous.multiply(BigDecimal.valueOf(random.nextDouble(-0.01, 0.01)))
                    .setScale(2, RoundingMode.HALF_EVEN);
            BigDecimal next = previous.add(move).max(CENT);
            quotes.add(new Quote(symbol, next, next.subtract(previous)));
            return next;
        });
        return quotes;
    }
}
