package dev.herald.redis.internal;

import io.lettuce.core.api.async.RedisScriptingAsyncCommands;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * The transport's Lua scripts. They are loaded into Redis's script cache when the transport connects
 * and again after every reconnect (a restarted Redis has an empty cache): otherwise a burst of
 * concurrent appends would each get {@code NOSCRIPT} and each send the whole source.
 */
public final class Scripts {

    static final LuaScript APPEND = LuaScript.load("append");
    static final LuaScript HISTORY = LuaScript.load("history");
    static final LuaScript PAGE = LuaScript.load("page");
    static final LuaScript RECOVER = LuaScript.load("recover");
    static final LuaScript HEAD = LuaScript.load("head");

    private static final List<LuaScript> ALL = List.of(APPEND, HISTORY, PAGE, RECOVER, HEAD);

    private Scripts() {
    }

    /**
     * Loads every script ({@code SCRIPT LOAD}); completes once Redis has them all. A cluster connection
     * sends it to every node it knows (Lettuce broadcasts {@code SCRIPT LOAD}), and fails if one fails.
     */
    public static CompletableFuture<Void> loadAll(RedisScriptingAsyncCommands<String, String> commands) {
        return CompletableFuture.allOf(ALL.stream()
                .map(script -> script.loadInto(commands))
                .toArray(CompletableFuture[]::new));
    }
}
