// Records raw ctnetlink dump replies (IPCTNL_MSG_CT_GET, NLM_F_DUMP, every family) of the current
// network namespace for netwatch's parser tests. Needs CAP_NET_ADMIN.
// Usage: record-ctnetlink OUTFILE
// Output: frames as netlink-record.h writes them.
#include <string.h>
#include <linux/netfilter/nfnetlink.h>
#include <linux/netfilter/nfnetlink_conntrack.h>
#include "netlink-record.h"

int main(int argc, char **argv) {
    if (argc != 2) {
        fprintf(stderr, "usage: record-ctnetlink OUTFILE\n");
        return 2;
    }
    struct { struct nlmsghdr nlh; struct nfgenmsg g; } req;
    memset(&req, 0, sizeof req);
    req.nlh.nlmsg_len = sizeof req;
    req.nlh.nlmsg_type = (NFNL_SUBSYS_CTNETLINK << 8) | IPCTNL_MSG_CT_GET;
    req.nlh.nlmsg_flags = NLM_F_REQUEST | NLM_F_DUMP;
    req.g.nfgen_family = AF_UNSPEC;
    req.g.version = NFNETLINK_V0;
    return record_dump(NETLINK_NETFILTER, &req, sizeof req, argv[1]);
}
