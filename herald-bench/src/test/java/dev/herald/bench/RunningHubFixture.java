package dev.herald.bench;

import dev.herald.server.HeraldServer;
import dev.herald.server.ServerOptions;
import java.net.URI;
import java.time.Duration;

/** A real Herald on a free loopback port, and the bench options that point at it. */
final class RunningHubFixture implements AutoCloseable {

    /** Short, so tests stay quick; at 20 publishes/s it is 10 warm-up publishes. */
    static final Duration WARMUP = Duration.ofMillis(500);

    private final HeraldServer server = HeraldServer.start(ServerOptions.builder().port(0).build());

    URI url() {
        return URI.create("http://127.0.0.1:" + server.address().getPort());
    }

    /** A small in-process run of the scenario against this hub. */
    BenchOptions.Builder options(Scenario scenario) {
        return BenchOptions.builder(scenario).url(url()).inProcess(true).warmup(WARMUP);
    }

    @Override
    public void close() {
        server.close();
    }
}
