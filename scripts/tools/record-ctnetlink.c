// Records raw ctnetlink dump replies (IPCTNL_MSG_CT_GET, NLM_F_DUMP, every family) of the current
// network namespace for netwatch's parser tests. Needs CAP_NET_ADMIN.
// Usage: record-ctnetlink OUTFILE
// Output: frames of [u32 length (host order)][length bytes], one per recv(), until NLMSG_DONE,
// like record-netlink.c. Independent of netwatch's Swift client on purpose: the tests replay what
// the kernel sent.
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>
#include <sys/socket.h>
#include <linux/netlink.h>
#include <linux/netfilter/nfnetlink.h>
#include <linux/netfilter/nfnetlink_conntrack.h>

int main(int argc, char **argv) {
    if (argc != 2) {
        fprintf(stderr, "usage: record-ctnetlink OUTFILE\n");
        return 2;
    }
    FILE *out = fopen(argv[1], "wb");
    if (!out) { perror(argv[1]); return 1; }
    int fd = socket(AF_NETLINK, SOCK_DGRAM | SOCK_CLOEXEC, NETLINK_NETFILTER);
    if (fd < 0) { perror("socket"); return 1; }
    struct { struct nlmsghdr nlh; struct nfgenmsg g; } req;
    memset(&req, 0, sizeof req);
    req.nlh.nlmsg_len = sizeof req;
    req.nlh.nlmsg_type = (NFNL_SUBSYS_CTNETLINK << 8) | IPCTNL_MSG_CT_GET;
    req.nlh.nlmsg_flags = NLM_F_REQUEST | NLM_F_DUMP;
    req.g.nfgen_family = AF_UNSPEC;
    req.g.version = NFNETLINK_V0;
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
