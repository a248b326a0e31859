package dev.herald.bench;

import dev.herald.bench.internal.ForkedWorker;
import dev.herald.bench.internal.LocalWorker;
import dev.herald.bench.internal.Loopback;
import dev.herald.bench.internal.WorkerLink;
import dev.herald.bench.internal.WorkerPlan;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * A run's workers, each opening its slice of the subscribers from its own source address, and the
 * calls the coordinator makes on all of them at once. Closing it stops every worker.
 */
final class WorkerPool implements AutoCloseable {

    /** A blocking call on a worker. */
    interface WorkerCall<T> {
        T call(WorkerLink worker) throws InterruptedException;
    }

    private final List<WorkerLink> workers;
    private final ExecutorService calls = Executors.newCachedThreadPool(task -> {
        Thread thread = new Thread(task, "bench-worker-call");
        thread.setDaemon(true);
        return thread;
    });

    private WorkerPool(List<WorkerLink> workers) {
        this.workers = workers;
    }

    /** Starts the workers of the options' subscribers (none without subscribers); they connect at once. */
    static WorkerPool start(BenchOptions options, InetAddress target, List<String> topics, long hardDeadline) {
        int count = options.subscribers() == 0 ? 0 : options.effectiveWorkers();
        List<WorkerLink> workers = new ArrayList<>(count);
        try {
            for (int k = 0; k < count; k++) {
                int first = (int) ((long) options.subscribers() * k / count);
                int last = (int) ((long) options.subscribers() * (k + 1) / count);
                WorkerPlan plan = workerPlan(options, target, topics, k, first, last - first, hardDeadline);
                workers.add(options.inProcess() ? new LocalWorker(plan) : new ForkedWorker(plan, options.workerJvmOptions()));
            }
        } catch (RuntimeException e) {
            workers.forEach(WorkerLink::close);
            throw e;
        }
        return new WorkerPool(workers);
    }

    private static WorkerPlan workerPlan(BenchOptions options, InetAddress target, List<String> topics, int index,
            int first, int count, long hardDeadline) {
        // In-process runs (tests) keep the kernel's choice of source address: portable and few sockets.
        String source = options.inProcess() ? null : Loopback.sourceAddress(target, index);
        return new WorkerPlan(target.getHostAddress(), options.port(), source, options.api(),
                options.effectiveSubscribePath(), topics, options.topicsPerSubscriber(), first, count,
                options.workerThreads(), options.connectConcurrency(), options.connectTimeout().toMillis(),
                options.subscriberToken(), options.inProcess() ? 0 : hardDeadline);
    }

    int size() {
        return workers.size();
    }

    /** Calls every worker at once (they drain and close in parallel) and collects the answers in order. */
    <T> List<T> each(WorkerCall<T> call) throws InterruptedException {
        List<Future<T>> pending = new ArrayList<>();
        for (WorkerLink worker : workers) {
            Callable<T> task = () -> call.call(worker);
            pending.add(calls.submit(task));
        }
        List<T> answers = new ArrayList<>();
        for (Future<T> future : pending) {
            try {
                answers.add(future.get());
            } catch (ExecutionException e) {
                throw e.getCause() instanceof RuntimeException runtime ? runtime
                        : new IllegalStateException("a worker call failed", e.getCause());
            }
        }
        return answers;
    }

    @Override
    public void close() {
        workers.forEach(WorkerLink::close);
        calls.shutdownNow();
    }
}
