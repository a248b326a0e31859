package dev.herald.examples.ticker;

import dev.herald.client.Event;
import dev.herald.client.SubscribeException;
import dev.herald.client.SubscribeOptions;
import dev.herald.client.Subscriber;
import dev.herald.client.Subscription;
import dev.herald.client.SubscriptionListener;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.LocalTime;
import java.time.format.DateTimeFormatter;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A console board that follows every stock ({@code https://example.com/stocks/{symbol}}) on a Mercure hub
 * and prints one line per price as it arrives:
 *
 * <pre>
 * 14:03:07  ACME        101.77  ▲ 0.27
 * 14:03:07  GLOBEX       54.01  ▼ 0.19
 * </pre>
 *
 * <p>Subscribes anonymously (the quotes are public updates); the client reconnects with {@code Last-Event-ID}
 * on its own, so a hub restart or a dropped connection loses no price. Configured from the environment:
 * {@code HUB} (default {@code http://127.0.0.1:8080/.well-known/mercure}), {@code COUNT} (stop after that many
 * prices; default 0: until stopped) and {@code LAST_EVENT_ID} (where to start: empty, the default, for the
 * prices from now on; {@code earliest} for every price the hub still has; an id for those after it).
 */
public final class TickerBoard {

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm:ss");

    private TickerBoard() {
    }

    public static void main(String[] args) throws InterruptedException {
        URI hub = URI.create(env("HUB", "http://127.0.0.1:8080/.well-known/mercure"));
        int count = Integer.parseInt(env("COUNT", "0"));
        SubscribeOptions options = SubscribeOptions.of(hub, Quote.EVERY_STOCK).withLastEventId(env("LAST_EVENT_ID", ""));
        // UTF-8 whatever the platform default, for the arrows.
        PrintStream out = new PrintStream(new FileOutputStream(FileDescriptor.out), true, StandardCharsets.UTF_8);
        CountDownLatch done = new CountDownLatch(1);
        AtomicInteger shown = new AtomicInteger();
        AtomicInteger exitCode = new AtomicInteger();

        Subscription subscription = Subscriber.create().subscribe(options, new SubscriptionListener() {
            @Override
            public void onOpen(URI connected) {
                System.err.println("board: following every stock on " + connected);
            }

            @Override
            public void onEvent(Event event) {
                out.println(line(Quote.fromJson(event.data())));
                if (count > 0 && shown.incrementAndGet() >= count) {
                    done.countDown();
                }
            }

            @Override
            public void onClosed() {
                done.countDown();
            }

            @Override
            public void onFailure(SubscribeException failure) {
                System.err.println("board: " + failure.getMessage());
                exitCode.set(1);
                done.countDown();
            }
        });
        Runtime.getRuntime().addShutdownHook(new Thread(subscription::close));
        done.await();
        subscription.close();
        System.exit(exitCode.get());
    }

    /** {@code 14:03:07  ACME        101.77  ▲ 0.27}: fixed columns, so the prices line up. */
    static String line(Quote quote) {
        int sign = quote.change().signum();
        String arrow = sign > 0 ? "▲" : sign < 0 ? "▼" : "=";
        return String.format("%s  %-9s %9s  %s %s", LocalTime.now().format(TIME), quote.symbol(),
                quote.price().toPlainString(), arrow, quote.change().abs().toPlainString());
    }

    private static String env(String name, String fallback) {
        String value = System.getenv(name);
        return value == null || value.isEmpty() ? fallback : value;
    }
}
