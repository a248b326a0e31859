// The machine's floor for fan-out: the writer's CPU for one small write to a loopback TCP socket, the
// system call every SSE delivery ends in. N connections (TCP_NODELAY, as a hub's streams); a reader
// process pinned to core 1 drains them with epoll; the writer, pinned to core 0, writes PER events of
// BYTES bytes to each socket in turn, TOTAL writes, and reports its CPU time per write and per event.
// No server can deliver one event per write for less than this on the same machine; more events per
// write divide it. Loopback only (127.0.0.1:18999), bounded by TOTAL, ends by itself.
//
//   gcc -O2 -o /tmp/floor herald-bench/floor/floor.c && /tmp/floor 1000 150 1 300000
//
// Arguments: N (default 1000; twice N must fit the open-files limit), BYTES (150), PER (1), TOTAL (300000).
#define _GNU_SOURCE
#include <arpa/inet.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <sched.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/epoll.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

static void pin(int cpu) {
    cpu_set_t set;
    CPU_ZERO(&set);
    CPU_SET(cpu, &set);
    sched_setaffinity(0, sizeof set, &set);
}

static double micros(clockid_t clock) {
    struct timespec now;
    clock_gettime(clock, &now);
    return now.tv_sec * 1e6 + now.tv_nsec / 1e3;
}

// Reads whatever arrives on the client ends until the writer stops (2 s of silence) or closes them.
static void drain(const int *clients, int n) {
    pin(1);
    int ep = epoll_create1(0);
    for (int i = 0; i < n; i++) {
        struct epoll_event interest = {.events = EPOLLIN, .data.fd = clients[i]};
        epoll_ctl(ep, EPOLL_CTL_ADD, clients[i], &interest);
    }
    struct epoll_event ready[256];
    static char buffer[65536];
    for (;;) {
        int count = epoll_wait(ep, ready, 256, 2000);
        if (count <= 0) {
            _exit(0);
        }
        for (int j = 0; j < count; j++) {
            if (read(ready[j].data.fd, buffer, sizeof buffer) <= 0) {
                _exit(0);
            }
        }
    }
}

int main(int argc, char **argv) {
    int n = argc > 1 ? atoi(argv[1]) : 1000;
    int bytes = argc > 2 ? atoi(argv[2]) : 150;
    int per = argc > 3 ? atoi(argv[3]) : 1;
    long total = argc > 4 ? atol(argv[4]) : 300000;

    int listener = socket(AF_INET, SOCK_STREAM, 0);
    int one = 1;
    setsockopt(listener, SOL_SOCKET, SO_REUSEADDR, &one, sizeof one);
    struct sockaddr_in address = {.sin_family = AF_INET, .sin_port = htons(18999)};
    address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    if (bind(listener, (struct sockaddr *) &address, sizeof address) != 0 || listen(listener, 4096) != 0) {
        perror("bind 127.0.0.1:18999");
        return 1;
    }
    int *clients = malloc(n * sizeof(int));
    int *servers = malloc(n * sizeof(int));
    for (int i = 0; i < n; i++) {
        clients[i] = socket(AF_INET, SOCK_STREAM, 0);
        if (connect(clients[i], (struct sockaddr *) &address, sizeof address) != 0) {
            perror("connect (is twice N within the open-files limit?)");
            return 1;
        }
        servers[i] = accept(listener, NULL, NULL);
        setsockopt(servers[i], IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
    }

    pid_t reader = fork();
    if (reader == 0) {
        for (int i = 0; i < n; i++) {
            close(servers[i]);
        }
        drain(clients, n);
    }
    pin(0);
    for (int i = 0; i < n; i++) {
        close(clients[i]);
    }
    char *message = malloc((size_t) bytes * per);
    memset(message, 'x', (size_t) bytes * per);
    for (long w = 0; w < 2L * n; w++) { // warm-up: every socket written twice
        write(servers[w % n], message, (size_t) bytes * per);
    }
    double cpuStart = micros(CLOCK_PROCESS_CPUTIME_ID);
    double wallStart = micros(CLOCK_MONOTONIC);
    for (long w = 0; w < total; w++) {
        write(servers[w % n], message, (size_t) bytes * per);
    }
    double cpu = micros(CLOCK_PROCESS_CPUTIME_ID) - cpuStart;
    double wall = micros(CLOCK_MONOTONIC) - wallStart;
    printf("%d sockets, %d event(s) of %d bytes per write: %.2f us CPU per write, %.2f us per event, %.0f writes/s\n",
            n, per, bytes, cpu / total, cpu / total / per, total / wall * 1e6);

    for (int i = 0; i < n; i++) {
        close(servers[i]);
    }
    waitpid(reader, NULL, 0);
    return 0;
}
