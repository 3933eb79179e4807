// The kernel's netlink and sock_diag ABI for Swift: the structs and constants come straight from
// the uapi headers; the NLMSG_* macros Swift cannot import are re-exposed as inline functions.
#ifndef CNETLINK_H
#define CNETLINK_H

#include <stddef.h>
#include <stdint.h>
#include <sys/socket.h>
#include <netinet/in.h>
#include <linux/netlink.h>
#include <linux/sock_diag.h>
#include <linux/inet_diag.h>
#include <linux/netfilter/nfnetlink.h>
#include <linux/netfilter/nfnetlink_conntrack.h>
#include <linux/netfilter/nf_conntrack_common.h>
#include <linux/netfilter/nf_conntrack_tcp.h>
#include "cfilesystem.h"
#include "cnamespace.h"

/// NLMSG_ALIGN: netlink messages and attributes are padded to 4 bytes.
static inline uint32_t cnl_align(uint32_t len) { return NLMSG_ALIGN(len); }
/// NLMSG_HDRLEN: size of the aligned netlink header (16).
static inline uint32_t cnl_header_length(void) { return NLMSG_HDRLEN; }
/// NLA_HDRLEN: size of the aligned attribute header (4).
static inline uint32_t cnl_attribute_header_length(void) { return NLA_HDRLEN; }

/// The request the sock_diag client sends: a netlink header and an inet_diag_req_v2 (72 bytes);
/// an optional INET_DIAG_REQ_BYTECODE attribute follows it in the same buffer.
struct cnl_diag_request {
    struct nlmsghdr header;
    struct inet_diag_req_v2 request;
};

/// The same request in the older form (`TCPDIAG_GETSOCK`, inet_diag_req, 76 bytes), whose dump
/// takes both address families in one pass over the socket hash (`idiag_family` AF_UNSPEC).
struct cnl_diag_compat_request {
    struct nlmsghdr header;
    struct inet_diag_req request;
};

/// The request the ctnetlink client sends: a netlink header and an nfgenmsg (20 bytes), asking
/// `IPCTNL_MSG_CT_GET` with `NLM_F_DUMP` for every entry of the socket's network namespace.
struct cnl_ctnetlink_request {
    struct nlmsghdr header;
    struct nfgenmsg message;
};

#endif
