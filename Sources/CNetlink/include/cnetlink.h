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

#endif
