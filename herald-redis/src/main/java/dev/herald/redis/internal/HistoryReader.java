package dev.herald.redis.internal;

import dev.herald.core.History;
import dev.herald.core.LastEventId;
import dev.herald.core.Position;
import dev.herald.core.StoredUpdate;
import dev.herald.redis.RedisTransportException;
import io.lettuce.core.Limit;
import io.lettuce.core.Range;
import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.StreamMessage;
import io.lettuce.core.cluster.api.async.RedisClusterAsyncCommands;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

/**
 * Answers a resume: {@code history.lua} finds, in one atomic step, the head, where the replay starts
 * (after the id's earliest retained position, found through the id index, or at the start of the
 * window) and the first chunk of entries; further chunks up to the head follow with {@code XRANGE}.
 *
 * <p>Each further chunk starts at the last entry of the one before, inclusive: if retention removed that
 * entry meanwhile (a replay slower than {@code maxReaderLag} appends), the read fails rather than
 * silently leave a gap. Entries after the head are not part of this history: they reach the subscriber
 * live. The commands are those a standalone and a cluster connection share; on a cluster they all go to
 * the node serving the hub's slot. Callbacks run on a Lettuce I/O thread; decoding a chunk is cheap next to its network transfer.
 */
public final class HistoryReader {

    private final RedisClusterAsyncCommands<String, String> commands;
    private final Keys keys;
    private final String historySize;
    private final int batchSize;
    private final String redis;

    public HistoryReader(RedisClusterAsyncCommands<String, String> commands, Keys keys, long historySize, int batchSize,
            String redis) {
        this.commands = commands;
        this.keys = keys;
        this.historySize = Long.toString(historySize);
        this.batchSize = batchSize;
        this.redis = redis;
    }

    public CompletableFuture<History> readAfter(LastEventId lastEventId) {
        Replay replay = new Replay(lastEventId);
        String requested = lastEventId.isEarliest() ? "" : lastEventId.value();
        Scripts.HISTORY.<List<Object>>run(commands, ScriptOutputType.MULTI, keys.forHistory(), requested, historySize,
                Integer.toString(batchSize)).whenComplete(replay::started);
        return replay.result;
    }

    private RedisTransportException failure(Throwable error) {
        Throwable cause = error instanceof CompletionException && error.getCause() != null ? error.getCause() : error;
        if (cause instanceof RedisTransportException transportException) {
            return transportException;
        }
        return new RedisTransportException("cannot read history from " + keys.stream() + " on " + redis + ": "
                + cause.getMessage(), cause);
    }

    /** One resume in progress: the updates read so far, and the next chunk to ask for. */
    private final class Replay {

        final CompletableFuture<History> result = new CompletableFuture<>();
        private final LastEventId requested;
        private final List<StoredUpdate> updates = new ArrayList<>();
        private String resumedFrom;
        private long head;

        Replay(LastEventId requested) {
            this.requested = requested;
        }

        /** {@code answer} is history.lua's {resumed, head, entries}. */
        void started(List<Object> answer, Throwable error) {
            if (error != null) {
                result.completeExceptionally(failure(error));
                return;
            }
            try {
                resumedFrom = (Long) answer.get(0) == 1 ? requested.value() : LastEventId.EARLIEST;
                head = (Long) answer.get(1);
                List<?> chunk = (List<?>) answer.get(2);
                for (Object entry : chunk) {
                    add(Entries.decode(entry));
                }
                next(chunk.isEmpty() ? null : Entries.streamId(chunk.get(chunk.size() - 1)), chunk.size());
            } catch (RuntimeException e) {
                result.completeExceptionally(failure(e));
            }
        }

        /** Asks for the entries after {@code last} (null: none read) when the chunk it ended was full. */
        private void next(String last, int chunkSize) {
            if (last == null || chunkSize < batchSize || Entries.position(last) >= head) {
                result.complete(new History(resumedFrom, updates, new Position(head)));
                return;
            }
            Range<String> range = Range.create(last, Entries.streamId(head));
            commands.xrange(keys.stream(), range, Limit.from(batchSize + 1))
                    .whenComplete((messages, error) -> continued(last, messages, error));
        }

        /** {@code messages} start with {@code last} itself, unless retention removed it meanwhile. */
        private void continued(String last, List<StreamMessage<String, String>> messages, Throwable error) {
            if (error != null) {
                result.completeExceptionally(failure(error));
                return;
            }
            if (messages.isEmpty() || !messages.get(0).getId().equals(last)) {
                result.completeExceptionally(new RedisTransportException("cannot read history from " + keys.stream()
                        + " on " + redis + ": retention removed entry " + last + " while the replay was read"));
                return;
            }
            try {
                List<StreamMessage<String, String>> chunk = messages.subList(1, messages.size());
                for (StreamMessage<String, String> message : chunk) {
                    add(Entries.decode(message.getId(), message.getBody()));
                }
                next(chunk.isEmpty() ? null : chunk.get(chunk.size() - 1).getId(), chunk.size());
            } catch (RuntimeException e) {
                result.completeExceptionally(failure(e));
            }
        }

        private void add(StoredUpdate update) {
            if (update != null) {
                updates.add(update);
            }
        }
    }
}
