package dev.herald.examples.ticker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import java.util.random.RandomGenerator;
import org.junit.jupiter.api.Test;

/** The quotes the ticker publishes and the board reads. */
class QuoteTest {

    @Test
    void aQuoteIsPublishedOnItsSymbolsTopicAndReadBackExactly() {
        Quote quote = new Quote("ACME", new BigDecimal("101.50"), new BigDecimal("-0.25"));

        assertThat(quote.topic()).isEqualTo("https://example.com/stocks/ACME");
        assertThat(quote.toJson()).isEqualTo("{\"symbol\":\"ACME\",\"price\":\"101.50\",\"change\":\"-0.25\"}");
        assertThat(Quote.fromJson(quote.toJson())).isEqualTo(quote);
    }

    @Test
    void somethingElseIsNotAQuote() {
        assertThatThrownBy(() -> Quote.fromJson("{\"message\":\"hello\"}"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith("not a quote");
    }

    @Test
    void eachTickMovesEveryStockByAtMostOnePercentAndReportsTheChange() {
        PriceWalk walk = new PriceWalk(Map.of("ACME", new BigDecimal("100.00")), RandomGenerator.of("L64X128MixRandom"));
        BigDecimal previous = new BigDecimal("100.00");
        for (int i = 0; i < 100; i++) {
            List<Quote> quotes = walk.tick();
            assertThat(quotes).hasSize(1);
            Quote quote = quotes.get(0);
            assertThat(quote.change()).isEqualTo(quote.price().subtract(previous));
            assertThat(quote.change().abs()).isLessThanOrEqualTo(previous.multiply(new BigDecimal("0.01")).add(new BigDecimal("0.01")));
            assertThat(quote.price().scale()).as("cents").isEqualTo(2);
            previous = quote.price();
        }
    }

    @Test
    void theBoardLinesUpSymbolPriceAndChange() {
        assertThat(TickerBoard.line(new Quote("ACME", new BigDecimal("101.77"), new BigDecimal("0.27"))))
                .matches("\\d\\d:\\d\\d:\\d\\d  ACME         101\\.77  ▲ 0\\.27");
        assertThat(TickerBoard.line(new Quote("GLOBEX", new BigDecimal("54.01"), new BigDecimal("-0.19"))))
                .endsWith("  GLOBEX        54.01  ▼ 0.19");
    }
}
