/* A loopback connect/close loop for scripts/bench-bpf.sh: for SECONDS, a client connects to a
 * listener of the same process on 127.0.0.1:PORT, the listener accepts, the client aborts
 * (SO_LINGER 0: a reset, no TIME_WAIT on either side, so the socket table stays small and a
 * comparison measures the tracer, not a walk of a growing table), the server closes. Prints the
 * connections per second.   connect-loop PORT SECONDS */
#include <arpa/inet.h>
#include <netinet/in.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>

static double now(void)
{
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return t.tv_sec + t.tv_nsec / 1e9;
}

int main(int argc, char **argv)
{
    if (argc != 3) {
        fprintf(stderr, "usage: connect-loop PORT SECONDS\n");
        return 2;
    }
    struct sockaddr_in address = { .sin_family = AF_INET, .sin_port = htons(atoi(argv[1])) };
    inet_pton(AF_INET, "127.0.0.1", &address.sin_addr);
    int listener = socket(AF_INET, SOCK_STREAM, 0), one = 1;
    setsockopt(listener, SOL_SOCKET, SO_REUSEADDR, &one, sizeof(one));
    if (bind(listener, (struct sockaddr *)&address, sizeof(address)) != 0 || listen(listener, 128) != 0) {
        perror("connect-loop: listen");
        return 1;
    }
    double seconds = atof(argv[2]), start = now(), elapsed = 0;
    long count = 0;
    while ((elapsed = now() - start) < seconds) {
        int client = socket(AF_INET, SOCK_STREAM, 0);
        if (connect(client, (struct sockaddr *)&address, sizeof(address)) != 0) {
            perror("connect-loop: connect");
            return 1;
        }
        int server = accept(listener, NULL, NULL);
        struct linger abort_on_close = { .l_onoff = 1, .l_linger = 0 };
        setsockopt(client, SOL_SOCKET, SO_LINGER, &abort_on_close, sizeof(abort_on_close));
        close(client);
        close(server);
        count++;
    }
    printf("%.0f\n", count / elapsed);
    return 0;
}
