// The part shared by record-netlink.c (sock_diag) and record-ctnetlink.c: send one dump request
// on a netlink socket and write every reply as a frame of [u32 length (host order)][length bytes],
// one per recv(), until NLMSG_DONE or NLMSG_ERROR. The tools are independent of netwatch's Swift
// client on purpose: the tests replay what the kernel sent.
#ifndef NETLINK_RECORD_H
#define NETLINK_RECORD_H
#include <stdint.h>
#include <stdio.h>
#include <unistd.h>
#include <sys/socket.h>
#include <linux/netlink.h>

// Returns the exit status: 0 recorded, 1 a system call failed (perror says which).
static int record_dump(int protocol, const void *request, size_t length, const char *path) {
    FILE *out = fopen(path, "wb");
    if (!out) { perror(path); return 1; }
    int fd = socket(AF_NETLINK, SOCK_DGRAM | SOCK_CLOEXEC, protocol);
    if (fd < 0) { perror("socket"); return 1; }
    if (send(fd, request, length, 0) < 0) { perror("send"); return 1; }
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
    if (fclose(out) != 0) { perror(path); return 1; }
    close(fd);
    return 0;
}
#endif
