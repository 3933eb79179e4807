// Records raw NETLINK_SOCK_DIAG dump replies for netwatch's parser tests.
// Usage: record-netlink FAMILY(4|6) OUTFILE [info]
// With `info`, asks for each socket's tcp_info (the INET_DIAG_INFO extension).
// Output: frames of [u32 length (host order)][length bytes], one per recv(), until NLMSG_DONE.
// Independent of netwatch's Swift client on purpose: the tests replay what the kernel sent.
#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <sys/socket.h>
#include <linux/netlink.h>
#include <linux/sock_diag.h>
#include <linux/inet_diag.h>
#include <netinet/in.h>

int main(int argc, char **argv) {
    if ((argc != 3 && !(argc == 4 && !strcmp(argv[3], "info"))) || (strcmp(argv[1], "4") && strcmp(argv[1], "6"))) {
        fprintf(stderr, "usage: record-netlink 4|6 OUTFILE [info]\n");
        return 2;
    }
    FILE *out = fopen(argv[2], "wb");
    if (!out) { perror(argv[2]); return 1; }
    int fd = socket(AF_NETLINK, SOCK_DGRAM | SOCK_CLOEXEC, NETLINK_SOCK_DIAG);
    if (fd < 0) { perror("socket"); return 1; }
    struct { struct nlmsghdr nlh; struct inet_diag_req_v2 r; } req;
    memset(&req, 0, sizeof req);
    req.nlh.nlmsg_len = sizeof req;
    req.nlh.nlmsg_type = SOCK_DIAG_BY_FAMILY;
    req.nlh.nlmsg_flags = NLM_F_REQUEST | NLM_F_DUMP;
    req.r.sdiag_family = argv[1][0] == '4' ? AF_INET : AF_INET6;
    req.r.sdiag_protocol = IPPROTO_TCP;
    req.r.idiag_states = ~0U;
    if (argc == 4) req.r.idiag_ext = 1 << (INET_DIAG_INFO - 1);
    if (send(fd, &req, sizeof req, 0) < 0) { perror("send"); return 1; }
    static char buf[1 << 16];
    for (;;) {
        ssize_t n = recv(fd, buf, sizeof buf, 0);
        if (n <= 0) { perror("recv"); return 1; }
        uint32_t len = (uint32_t)n;
        fwrite(&len, sizeof len, 1, out);
        fwrite(buf, 1, (size_t)n, out);
        int done = 0;
        for (struct nlmsghdr *h = (void *)buf; NLMSG_OK(h, n); h = NLMSG_NEXT(h, n))
            if (h->nlmsg_type == NLMSG_DONE || h->nlmsg_type == NLMSG_ERROR) done = 1;
        if (done) break;
    }
    fclose(out);
    close(fd);
    return 0;
}
