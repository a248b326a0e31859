package dev.herald.redis.internal;

import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.api.async.RedisScriptingAsyncCommands;
import java.time.Duration;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Asks Redis where the stream ends ({@code head.lua}), once per {@link #INTERVAL}, and tells
 * {@link ReaderLag}: without it a node would only know of its own appends, and a reader that stopped
 * while other nodes publish would look caught up. One small script run a second per node, on the
 * shared command connection (never the reader's, which may be the one that is stuck), from a scheduler
 * thread: never on an event loop, never waiting for the answer.
 */
public final class StreamHeadPoll {

    /** A second: readiness bounds the lag in seconds, and one tiny script a second costs Redis nothing. */
    public static final Duration INTERVAL = Duration.ofSeconds(1);

    private final RedisScriptingAsyncCommands<String, String> commands;
    private final Keys keys;
    private final Floor floor;
    private final ReaderLag lag;
    /** One poll at a time: a Redis that stalls gets one waiting poll, not one more a second. */
    private final AtomicBoolean polling = new AtomicBoolean();
    private volatile ScheduledFuture<?> schedule;

    public StreamHeadPoll(RedisScriptingAsyncCommands<String, String> commands, Keys keys, Floor floor, ReaderLag lag) {
        this.commands = commands;
        this.keys = keys;
        this.floor = floor;
        this.lag = lag;
    }

    public void start(ScheduledExecutorService scheduler) {
        schedule = scheduler.scheduleWithFixedDelay(this::poll, 0, INTERVAL.toMillis(), TimeUnit.MILLISECONDS);
    }

    public void stop() {
        ScheduledFuture<?> scheduled = schedule;
        if (scheduled != null) {
            scheduled.cancel(false);
        }
    }

    private void poll() {
        if (!polling.compareAndSet(false, true)) {
            return;
        }
        try {
            Scripts.HEAD.<Long>run(commands, ScriptOutputType.INTEGER, keys.forHead())
                    .whenComplete((newest, error) -> {
                        polling.set(false);
                        // This node's own appends count even when Redis did not answer: they are in the stream.
                        lag.seen(Math.max(floor.get(), error == null ? newest : 0), System.nanoTime());
                    });
        } catch (RuntimeException e) {
            polling.set(false); // a closed connection refuses at once; the reader reports why
        }
    }
}
