// Records raw NETLINK_SOCK_DIAG dump replies for netwatch's parser tests.
// Usage: record-netlink FAMILY(4|6) OUTFILE [info]
// With `info`, asks for each socket's tcp_info (the INET_DIAG_INFO extension).
// Output: frames as netlink-record.h writes them.
#include <string.h>
#include <linux/sock_diag.h>
#include <linux/inet_diag.h>
#include <netinet/in.h>
#include "netlink-record.h"

int main(int argc, char **argv) {
    if ((argc != 3 && !(argc == 4 && !strcmp(argv[3], "info"))) || (strcmp(argv[1], "4") && strcmp(argv[1], "6"))) {
        fprintf(stderr, "usage: record-netlink 4|6 OUTFILE [info]\n");
        return 2;
    }
    struct { struct nlmsghdr nlh; struct inet_diag_req_v2 r; } req;
    memset(&req, 0, sizeof req);
    req.nlh.nlmsg_len = sizeof req;
    req.nlh.nlmsg_type = SOCK_DIAG_BY_FAMILY;
    req.nlh.nlmsg_flags = NLM_F_REQUEST | NLM_F_DUMP;
    req.r.sdiag_family = argv[1][0] == '4' ? AF_INET : AF_INET6;
    req.r.sdiag_protocol = IPPROTO_TCP;
    req.r.idiag_states = ~0U;
    if (argc == 4) req.r.idiag_ext = 1 << (INET_DIAG_INFO - 1);
    return record_dump(NETLINK_SOCK_DIAG, &req, sizeof req, argv[2]);
}
