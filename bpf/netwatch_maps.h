/* The layout of netwatch's BPF maps, shared by the BPF program (bpf/connectors.bpf.c) and the
 * loader (Sources/CLibbpf, read by Sources/NetwatchBPF). Counters are cumulative since the
 * program was loaded; the reader takes differences between ticks. */
#ifndef NETWATCH_MAPS_H
#define NETWATCH_MAPS_H

/* Connection lifetimes in log2 buckets of microseconds: bucket i holds lifetimes in
 * [2^i, 2^(i+1)) µs (bucket 0 also holds those under 1 µs); the last holds everything longer. */
#define NW_LIFETIME_BUCKETS 32
#define NW_COMM_LEN 16

/* Bounds of the maps (entries): the kernel memory they take is fixed by these. The connectors
 * table: 2^NW_CONNECTOR_SET_BITS sets of NW_CONNECTOR_WAYS ways. */
#define NW_CONNECTOR_SET_BITS 11
#define NW_CONNECTOR_WAYS 4
#define NW_CONNECTORS_MAX 8192   /* (1 << NW_CONNECTOR_SET_BITS) * NW_CONNECTOR_WAYS, a literal for Swift */
_Static_assert(NW_CONNECTORS_MAX == (1 << NW_CONNECTOR_SET_BITS) * NW_CONNECTOR_WAYS, "the connectors table's size");
#define NW_ACCEPTORS_MAX 2048
/* The table of connecting sockets: 2^NW_INFLIGHT_SET_BITS sets of NW_INFLIGHT_WAYS ways. */
#define NW_INFLIGHT_SET_BITS 14
#define NW_INFLIGHT_WAYS 4
#define NW_INFLIGHT_SETS (1 << NW_INFLIGHT_SET_BITS)

/* One process's connections toward one destination, in one network namespace. */
struct nw_connector_key {
    __u32 pid;      /* thread-group id: the process */
    __u32 netns;    /* network namespace inode */
    __u16 family;   /* AF_INET (2) or AF_INET6 (10) */
    __u16 port;     /* destination port, host byte order */
    __u8 addr[16];  /* destination address, network order; IPv4 in the first 4 bytes */
};

struct nw_connector_value {
    __u64 connects;       /* connect attempts that reached SYN_SENT */
    __u64 established;    /* SYN_SENT → ESTABLISHED */
    __u64 addrnotavail;   /* connect() failed after SYN_SENT without a socket error: no free local port (EADDRNOTAVAIL) */
    __u64 refused;        /* SYN answered by a reset (ECONNREFUSED) */
    __u64 timedout;       /* SYN never answered (ETIMEDOUT) */
    __u64 reset;          /* an established connection reset (ECONNRESET, EPIPE) */
    __u64 other;          /* any other socket error from SYN_SENT */
    __u64 closed;         /* established connections closed: the histogram's total */
    __u32 lifetime[NW_LIFETIME_BUCKETS];
    char comm[NW_COMM_LEN];
};

/* A way of the connectors table (an array netwatch maps into its memory and reads in place). */
struct nw_connector_way {
    __u32 state;        /* NW_WAY_FREE, NW_WAY_FILLING (being given to a connector) or NW_WAY_TAKEN */
    __u32 generation;   /* bumped each time the way is given to a connector */
    __u64 last_ns;      /* the connector's last connect (bpf_ktime_get_ns): a full set reuses its oldest way */
    struct nw_connector_key key;
    struct nw_connector_value value;
};

#define NW_WAY_FREE 0
#define NW_WAY_FILLING 1
#define NW_WAY_TAKEN 2

/* One process's accept() calls on TCP listeners, per network namespace. */
struct nw_acceptor_key {
    __u32 pid;
    __u32 netns;
};

struct nw_acceptor_value {
    __u64 accepts;   /* accept()/accept4() returned a connection */
    __u64 emfile;    /* failed: the process's fd limit (EMFILE) */
    __u64 enfile;    /* failed: the system's file limit (ENFILE) */
    __u64 other;     /* failed otherwise (EAGAIN and EINTR are not failures) */
    char comm[NW_COMM_LEN];
};

/* A connecting socket, from connect() until it closes; socket 0 is a free way. */
struct nw_inflight {
    __u64 socket;       /* the socket's cookie (never 0): the tag a way is found by */
    __u32 connector;    /* its connector's way in the connectors table… */
    __u32 generation;   /* …while that way's generation is this one */
    __u64 started_ns;
};

#endif
