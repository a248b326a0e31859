package dev.herald.redis.internal;

import dev.herald.core.HistoryOvertakenException;
import dev.herald.core.HistoryPage;
import dev.herald.core.LastEventId;
import dev.herald.core.PageBuilder;
import dev.herald.core.PageRequest;
import dev.herald.core.Position;
import dev.herald.core.StoredUpdate;
import dev.herald.redis.RedisTransportException;
import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.cluster.api.async.RedisClusterAsyncCommands;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

/**
 * Answers a resume page by page. {@code history.lua} finds, in one atomic step, the head, where the
 * replay starts (after the id's earliest retained position, found through the id index, or at the start
 * of the window) and the first page of entries ({@code XRANGE ... COUNT}); each further page is one run
 * of {@code page.lua}, asked for only when the subscriber wrote the previous one, so a replay holds at
 * most one page of entries whatever the history's size.
 *
 * <p>{@code page.lua} first checks that the position after the previous page is still in the window: if
 * retention overtook the replay, the read fails with {@link HistoryOvertakenException} rather than
 * leave a silent gap. Entries after the head are not part of this history: they reach the subscriber
 * live. Topic filtering happens here, after the transfer: Redis holds topics as entry fields, so a page
 * of a rare topic may come back empty (the next page goes on after the entries looked at). The scripts
 * run on the node serving the hub's slot. Callbacks run on a Lettuce I/O thread; decoding a page is
 * cheap next to its network transfer.
 */
public final class HistoryReader {

    private final RedisClusterAsyncCommands<String, String> commands;
    private final Keys keys;
    private final String historySize;
    private final String redis;

    public HistoryReader(RedisClusterAsyncCommands<String, String> commands, Keys keys, long historySize,
            String redis) {
        this.commands = commands;
        this.keys = keys;
        this.historySize = Long.toString(historySize);
        this.redis = redis;
    }

    public CompletableFuture<HistoryPage> readAfter(LastEventId lastEventId, PageRequest request) {
        String requested = lastEventId.isEarliest() ? "" : lastEventId.value();
        return Scripts.HISTORY.<List<Object>>run(commands, ScriptOutputType.MULTI, keys.forHistory(), requested,
                historySize, Integer.toString(request.maxUpdates()))
                .handle((answer, error) -> first(lastEventId, request, answer, error));
    }

    public CompletableFuture<HistoryPage> readNext(HistoryPage previous, PageRequest request) {
        return Scripts.PAGE.<List<Object>>run(commands, ScriptOutputType.MULTI, new String[] {keys.stream()},
                Long.toString(previous.after().sequence()), Long.toString(previous.head().sequence()), historySize,
                Integer.toString(request.maxUpdates()))
                .handle((answer, error) -> next(previous, request, answer, error));
    }

    /** {@code answer} is history.lua's {resumed, head, entries}. */
    private HistoryPage first(LastEventId requested, PageRequest request, List<Object> answer, Throwable error) {
        if (error != null) {
            throw failure(error);
        }
        try {
            String resumedFrom = (Long) answer.get(0) == 1 ? requested.value() : LastEventId.EARLIEST;
            long head = (Long) answer.get(1);
            List<?> entries = (List<?>) answer.get(2);
            // The script read after the start of the replay; where exactly only matters for an empty
            // answer, which covers everything up to the head.
            long start = entries.isEmpty() ? head : Entries.position(Entries.streamId(entries.get(0))) - 1;
            HistoryPage before = new HistoryPage(resumedFrom, new Position(head), List.of(), new Position(start));
            return page(before, request, entries);
        } catch (RuntimeException e) {
            throw failure(e);
        }
    }

    /** {@code answer} is page.lua's {1, entries}, or {0} when the replay was overtaken. */
    private HistoryPage next(HistoryPage previous, PageRequest request, List<Object> answer, Throwable error) {
        if (error != null) {
            throw failure(error);
        }
        if ((Long) answer.get(0) == 0) {
            throw new HistoryOvertakenException(previous.after());
        }
        try {
            return page(previous, request, (List<?>) answer.get(1));
        } catch (RuntimeException e) {
            throw failure(e);
        }
    }

    /** The page of these entries after {@code previous}, cut at the request's bytes, filtered by topic. */
    private static HistoryPage page(HistoryPage previous, PageRequest request, List<?> entries) {
        PageBuilder page = new PageBuilder(request);
        long after = previous.after().sequence();
        for (Object entry : entries) {
            StoredUpdate stored = Entries.decode(entry);
            if (stored != null && !page.offer(stored)) {
                break;
            }
            after = Entries.position(Entries.streamId(entry));
        }
        if (!page.full() && entries.size() < request.maxUpdates()) {
            after = previous.head().sequence(); // XRANGE found no more entries up to the head
        }
        return previous.next(page.updates(), new Position(after));
    }

    private RuntimeException failure(Throwable error) {
        Throwable cause = error instanceof CompletionException && error.getCause() != null ? error.getCause() : error;
        if (cause instanceof RedisTransportException || cause instanceof HistoryOvertakenException) {
            return (RuntimeException) cause;
        }
        return new RedisTransportException("cannot read history from " + keys.stream() + " on " + redis + ": "
                + cause.getMessage(), cause);
    }
}
