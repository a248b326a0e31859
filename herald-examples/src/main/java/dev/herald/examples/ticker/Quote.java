package dev.herald.examples.ticker;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.math.BigDecimal;
import java.util.Objects;

/**
 * One price of one stock, as the ticker publishes it: {@code {"symbol":"ACME","price":"101.25","change":"0.75"}}.
 * Prices are decimals written as strings, so that no reader rounds them through a binary double.
 *
 * @param symbol the stock's symbol, which also names its topic ({@link #topic})
 * @param price the new price
 * @param change the difference from the previous price
 */
public record Quote(String symbol, BigDecimal price, BigDecimal change) {

    /** Where the quotes of a symbol are published: one topic per stock, so a reader may follow only some. */
    public static final String TOPIC_PREFIX = "https://example.com/stocks/";
    /** The URI template that selects every stock. */
    public static final String EVERY_STOCK = TOPIC_PREFIX + "{symbol}";

    private static final ObjectMapper JSON = new ObjectMapper();

    public Quote {
        Objects.requireNonNull(symbol, "symbol");
        Objects.requireNonNull(price, "price");
        Objects.requireNonNull(change, "change");
    }

    public String topic() {
        return TOPIC_PREFIX + symbol;
    }

    public String toJson() {
        return "{\"symbol\":\"" + symbol + "\",\"price\":\"" + price.toPlainString() + "\",\"change\":\""
                + change.toPlainString() + "\"}";
    }

    /** The quote an update carries. */
    public static Quote fromJson(String json) {
        try {
            Wire wire = JSON.readValue(json, Wire.class);
            return new Quote(wire.symbol(), new BigDecimal(wire.price()), new BigDecimal(wire.change()));
        } catch (JsonProcessingException | NumberFormatException | NullPointerException e) {
            throw new IllegalArgumentException("not a quote: " + json, e);
        }
    }

    /** The JSON shape, as Jackson reads it. */
    private record Wire(String symbol, String price, String change) {
    }
}
