package dev.herald.redis.internal;

import io.lettuce.core.RedisNoScriptException;
import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.api.async.RedisScriptingAsyncCommands;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;

/**
 * A Lua script kept as a resource file next to this package's classes ({@code dev/herald/redis/<name>.lua}).
 * It runs by its SHA-1 ({@code EVALSHA}), so the source crosses the network only when Redis does not
 * know it yet: the first time, and after a Redis restart flushed its script cache. {@code NOSCRIPT}
 * means the script did not run, so sending it again with {@code EVAL} cannot run it twice.
 */
public final class LuaScript {

    private static final String FOLDER = "/dev/herald/redis/";

    private final String name;
    private final String source;
    private final String sha1;

    private LuaScript(String name, String source) {
        this.name = name;
        this.source = source;
        this.sha1 = sha1(source);
    }

    public static LuaScript load(String name) {
        String path = FOLDER + name + ".lua";
        try (InputStream in = LuaScript.class.getResourceAsStream(path)) {
            if (in == null) {
                throw new IllegalStateException("script resource missing: " + path);
            }
            return new LuaScript(name, new String(in.readAllBytes(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read script resource " + path, e);
        }
    }

    public String name() {
        return name;
    }

    /** Puts the script into Redis's script cache, so that the next run by SHA-1 finds it. */
    public CompletableFuture<String> loadInto(RedisScriptingAsyncCommands<String, String> commands) {
        return commands.scriptLoad(source).toCompletableFuture();
    }

    /** Runs the script, loading it into Redis's script cache when Redis does not have it. */
    public <T> CompletableFuture<T> run(RedisScriptingAsyncCommands<String, String> commands, ScriptOutputType type,
            String[] keys, String... args) {
        CompletableFuture<T> bySha = commands.<T>evalsha(sha1, type, keys, args).toCompletableFuture();
        return bySha.exceptionallyCompose(error -> {
            if (unwrap(error) instanceof RedisNoScriptException) {
                CompletionStage<T> bySource = commands.<T>eval(source, type, keys, args);
                return bySource;
            }
            return CompletableFuture.failedFuture(unwrap(error));
        });
    }

    private static Throwable unwrap(Throwable error) {
        return error instanceof CompletionException && error.getCause() != null ? error.getCause() : error;
    }

    private static String sha1(String source) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-1").digest(source.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-1", e);
        }
    }
}
