// SPDX-License-Identifier: GPL-2.0
/* Who opens TCP connections, and how they end: per process and destination, aggregated in the
 * kernel (bounded maps read by netwatch once per tick; no per-event traffic).
 *
 * Connects, from inet_sock_set_state alone (it runs on TCP state changes only):
 * - CLOSE → SYN_SENT is a new attempt, in the connecting process (tcp_v4_connect and
 *   tcp_v6_connect set the destination, then SYN_SENT, then pick the local port); the socket's
 *   connector and connect time are kept until it closes, in a way of the `inflight` table.
 * - SYN_SENT → ESTABLISHED: established. SYN_SENT → CLOSE: a failure by sk_err (ECONNREFUSED,
 *   ETIMEDOUT); with no error while the socket is still unconnected, connect() itself failed
 *   after SYN_SENT: no free local port (EADDRNOTAVAIL). After ESTABLISHED, CLOSE ends its
 *   lifetime. A connect() that fails before SYN_SENT (no route, a bad address) is not seen.
 * Accepts, from the result of accept()/accept4() on a TCP listener (accepts, EMFILE, ENFILE per
 * process): the exit of __sys_accept4 (fexit: only accept calls pay), or where the kernel
 * refuses trampolines the sys_exit tracepoint. Attached, sys_exit puts every system call of the
 * host on the tracepoint's slow path, so netwatch attaches it only while a process with a
 * listener is near its fd limit (Sources/NetwatchBPF/ConnectionTracer.swift,
 * Sources/NetwatchCore/Connectors/AcceptWatchPolicy.swift).
 * Only BTF-typed attach points (tp_btf, fexit): no tracefs and no kprobes needed. */
#include "vmlinux.h"
#include <bpf/bpf_helpers.h>
#include <bpf/bpf_tracing.h>
#include <bpf/bpf_core_read.h>
#include "netwatch_maps.h"

#define AF_INET 2
#define AF_INET6 10
#define IPPROTO_TCP 6
#define S_IFMT 00170000
#define S_IFSOCK 0140000
#define TCP_ESTABLISHED 1
#define TCP_SYN_SENT 2
#define TCP_CLOSE 7
#define EINTR 4
#define EAGAIN 11
#define ENFILE 23
#define EMFILE 24
#define EPIPE 32
#define ERESTARTSYS 512
#define ECONNRESET 104
#define ETIMEDOUT 110
#define ECONNREFUSED 111

char LICENSE[] SEC("license") = "GPL";

/* Connectors, in a set-associative table like `inflight` below: a connector's set is a hash of
 * its key, found by comparing keys, and a full set gives its least recently connecting way to
 * the newcomer (an LRU per set). An array, so that a connecting socket keeps its connector's
 * way and finds it again at ESTABLISHED and CLOSE with a load instead of a hash lookup (the two
 * lookups were ~240 ns of ~1 µs per loopback connection); netwatch maps the array into its
 * memory (BPF_F_MMAPABLE) and reads the taken ways in place. */
struct {
    __uint(type, BPF_MAP_TYPE_ARRAY);
    __uint(map_flags, BPF_F_MMAPABLE);
    __uint(max_entries, NW_CONNECTORS_MAX);
    __type(key, __u32);
    __type(value, struct nw_connector_way);
} connectors SEC(".maps");

struct {
    __uint(type, BPF_MAP_TYPE_LRU_HASH);
    __uint(max_entries, NW_ACCEPTORS_MAX);
    __type(key, struct nw_acceptor_key);
    __type(value, struct nw_acceptor_value);
} acceptors SEC(".maps");

/* Connecting sockets, from SYN_SENT until they close: their connector and connect time. A
 * set-associative table, not a hash map: a socket's set is a hash of its address, and it takes
 * a free way of that set with a compare-and-swap on the way's tag, the socket's cookie (unique
 * for the kernel's uptime: a freed socket's address reused cannot be mistaken for it). Finding a socket is a
 * few loads, and nothing is allocated or locked per connection: with an LRU hash map the update,
 * the two lookups and the delete were ~700 ns of the program's ~1.3 µs per loopback connection
 * (BPF_ENABLE_STATS; socket local storage cost more still). A socket that finds its set's ways
 * all taken is counted as a connect but not followed to its end (as the LRU map before it
 * evicted the oldest): 65,536 ways, against the 32,768 entries of that map. */
struct {
    __uint(type, BPF_MAP_TYPE_ARRAY);
    __uint(max_entries, NW_INFLIGHT_SETS * NW_INFLIGHT_WAYS);
    __type(key, __u32);
    __type(value, struct nw_inflight);
} inflight SEC(".maps");

static const struct nw_acceptor_value zero_acceptor;

static __always_inline __u32 net_inode(struct net *net)
{
    return BPF_CORE_READ(net, ns.inum);
}

/* The first way of a socket's set in `inflight` (Fibonacci hashing of its cookie). */
static __always_inline __u32 inflight_set(__u64 cookie)
{
    return (__u32)((cookie * 0x9E3779B97F4A7C15ULL) >> (64 - NW_INFLIGHT_SET_BITS)) * NW_INFLIGHT_WAYS;
}

/* The way of `inflight` that follows the socket with this cookie or, with `claim`, a free way of
 * its set taken for it (a compare-and-swap on the tag); NULL when there is none. */
static __always_inline struct nw_inflight *inflight_way(__u64 cookie, bool claim)
{
    __u32 first = inflight_set(cookie);
#pragma unroll
    for (__u32 way = 0; way < NW_INFLIGHT_WAYS; way++) {
        __u32 index = first + way;
        struct nw_inflight *entry = bpf_map_lookup_elem(&inflight, &index);
        if (!entry)
            continue;
        if (claim ? __sync_val_compare_and_swap(&entry->socket, 0, cookie) == 0 : entry->socket == cookie)
            return entry;
    }
    return 0;
}

/* The first way of a connector's set (a multiplicative hash of its key's words). */
static __always_inline __u32 connector_set(const __u32 *words)
{
    __u64 hash = 0;
#pragma unroll
    for (int i = 0; i < (int)(sizeof(struct nw_connector_key) / 4); i++)
        hash = (hash ^ words[i]) * 0x9E3779B97F4A7C15ULL;
    return (__u32)(hash >> (64 - NW_CONNECTOR_SET_BITS)) * NW_CONNECTOR_WAYS;
}

static __always_inline bool same_key(const __u32 *a, const __u32 *b)
{
#pragma unroll
    for (int i = 0; i < (int)(sizeof(struct nw_connector_key) / 4); i++)
        if (a[i] != b[i])
            return false;
    return true;
}

/* The connector's way, taken for it (with the current command, counters at zero) on its first
 * connect: a free way of its set, else the one whose connector connected least recently, which
 * is then forgotten (a connecting socket of it finds the generation changed). NULL when another
 * CPU is filling the way wanted at the same moment: that connect goes uncounted. */
static __always_inline struct nw_connector_way *connector(const struct nw_connector_key *key, __u32 *index, __u64 now)
{
    const __u32 *words = (const __u32 *)key;
    __u32 first = connector_set(words);
    struct nw_connector_way *oldest = 0;
    __u32 oldest_index = 0;
#pragma unroll
    for (__u32 way = 0; way < NW_CONNECTOR_WAYS; way++) {
        __u32 at = first + way;
        struct nw_connector_way *entry = bpf_map_lookup_elem(&connectors, &at);
        if (!entry)
            return 0;
        if (entry->state == NW_WAY_TAKEN && same_key((const __u32 *)&entry->key, words)) {
            entry->last_ns = now;
            *index = at;
            return entry;
        }
        if (entry->state != NW_WAY_FILLING && (!oldest || entry->state == NW_WAY_FREE
                                               || (oldest->state == NW_WAY_TAKEN && entry->last_ns < oldest->last_ns))) {
            oldest = entry;
            oldest_index = at;
        }
    }
    if (!oldest)
        return 0;
    __u32 seen = oldest->state;
    if (__sync_val_compare_and_swap(&oldest->state, seen, NW_WAY_FILLING) != seen)
        return 0;
    __sync_fetch_and_add(&oldest->generation, 1);
    oldest->key = *key;
    oldest->last_ns = now;
    __builtin_memset(&oldest->value, 0, sizeof(oldest->value));
    bpf_get_current_comm(oldest->value.comm, sizeof(oldest->value.comm));
    __sync_lock_test_and_set(&oldest->state, NW_WAY_TAKEN);
    *index = oldest_index;
    return oldest;
}

/* The destination a connecting socket was given; a v4-mapped IPv6 destination is kept as IPv4,
 * as the kernel connects it. (sk is a BTF pointer: its fields are read directly, CO-RE
 * relocated, without a helper call.) */
static __always_inline void destination(struct sock *sk, struct nw_connector_key *key)
{
    key->port = __builtin_bswap16(sk->__sk_common.skc_dport);
    if (sk->__sk_common.skc_family == AF_INET) {
        key->family = AF_INET;
        __be32 addr = sk->__sk_common.skc_daddr;
        __builtin_memcpy(key->addr, &addr, 4);
        return;
    }
    __u32 words[4];
    __builtin_memcpy(words, &sk->__sk_common.skc_v6_daddr, sizeof(words));
    if (words[0] == 0 && words[1] == 0 && words[2] == __builtin_bswap32(0x0000ffff)) {
        key->family = AF_INET;
        __builtin_memcpy(key->addr, &words[3], 4);
    } else {
        key->family = AF_INET6;
        __builtin_memcpy(key->addr, words, 16);
    }
}

/* log2 of a lifetime in microseconds, capped at the last bucket: a binary search over the bits,
 * five compares whatever the lifetime. */
static __always_inline __u32 lifetime_bucket(__u64 ns)
{
    __u64 us = ns / 1000;
    __u32 bucket = 0;
    if (us >> 32) return NW_LIFETIME_BUCKETS - 1;
    if (us >= 1ULL << 16) { us >>= 16; bucket += 16; }
    if (us >= 1ULL << 8) { us >>= 8; bucket += 8; }
    if (us >= 1ULL << 4) { us >>= 4; bucket += 4; }
    if (us >= 1ULL << 2) { us >>= 2; bucket += 2; }
    if (us >= 1ULL << 1) bucket += 1;
    return bucket < NW_LIFETIME_BUCKETS - 1 ? bucket : NW_LIFETIME_BUCKETS - 1;
}

/* CLOSE → SYN_SENT, in the process calling connect(): counted, and remembered by the socket. */
static __always_inline void connect_started(struct sock *sk)
{
    struct nw_connector_key key = {
        .pid = bpf_get_current_pid_tgid() >> 32,
        .netns = sk->__sk_common.skc_net.net->ns.inum,
    };
    destination(sk, &key);
    __u64 now = bpf_ktime_get_ns();
    __u32 index = 0;
    struct nw_connector_way *way = connector(&key, &index, now);
    if (!way)
        return;
    __sync_fetch_and_add(&way->value.connects, 1);
    struct nw_inflight *flight = inflight_way(bpf_get_socket_cookie(sk), true);   /* gives it one */
    if (!flight)
        return;
    flight->connector = index;
    flight->generation = way->generation;
    flight->started_ns = now;
}

/* A remembered socket closed from SYN_SENT. */
static __always_inline void connect_failed(struct sock *sk, struct nw_connector_value *value)
{
    int err = sk->sk_err;
    if (err == ECONNREFUSED) {
        __sync_fetch_and_add(&value->refused, 1);
    } else if (err == ETIMEDOUT) {
        __sync_fetch_and_add(&value->timedout, 1);
    } else if (err != 0) {
        __sync_fetch_and_add(&value->other, 1);
    } else {
        /* No error: closed by its owner while connecting (the socket is then SS_CONNECTING), or
         * connect() failed inside TCP after SYN_SENT, where only the local port is chosen. */
        struct socket *sock = sk->sk_socket;
        if (sock && sock->state == SS_UNCONNECTED)
            __sync_fetch_and_add(&value->addrnotavail, 1);
    }
}

SEC("tp_btf/inet_sock_set_state")
int BPF_PROG(sock_state, struct sock *sk, int oldstate, int newstate)
{
    if (newstate == TCP_SYN_SENT) {
        if (oldstate == TCP_CLOSE)
            connect_started(sk);
        return 0;
    }
    /* Only a connecting socket's ESTABLISHED counts: an accepted one's (from SYN_RECV) is
     * dismissed before any lookup. */
    if (newstate == TCP_ESTABLISHED ? oldstate != TCP_SYN_SENT : newstate != TCP_CLOSE)
        return 0;
    /* A connecting socket was given its cookie at SYN_SENT, so it is read here without the
     * helper; a socket without one (0) was not followed. */
    __u64 cookie = sk->__sk_common.skc_cookie.counter;
    if (!cookie)
        return 0;
    struct nw_inflight *started = inflight_way(cookie, false);
    if (!started)
        return 0;
    __u32 index = started->connector;
    struct nw_connector_way *way = bpf_map_lookup_elem(&connectors, &index);
    struct nw_connector_value *value =
        way && way->generation == started->generation && way->state == NW_WAY_TAKEN ? &way->value : 0;
    if (newstate == TCP_ESTABLISHED) {
        if (value && oldstate == TCP_SYN_SENT)
            __sync_fetch_and_add(&value->established, 1);
        return 0;
    }
    if (value && oldstate == TCP_SYN_SENT) {
        connect_failed(sk, value);
    } else if (value) {
        int err = sk->sk_err;
        if (err == ECONNRESET || err == EPIPE)
            __sync_fetch_and_add(&value->reset, 1);
        __u32 bucket = lifetime_bucket(bpf_ktime_get_ns() - started->started_ns);
        if (bucket < NW_LIFETIME_BUCKETS)
            __sync_fetch_and_add(&value->lifetime[bucket], 1);
        __sync_fetch_and_add(&value->closed, 1);
    }
    __sync_lock_test_and_set(&started->socket, 0);   /* the way is free again */
    return 0;
}

/* The TCP socket behind the calling process's descriptor fd (the listener accept() was given), or NULL. */
static __always_inline struct sock *tcp_socket(long fd)
{
    struct task_struct *task = bpf_get_current_task_btf();
    struct fdtable *table = BPF_CORE_READ(task, files, fdt);
    if (!table || fd < 0 || fd >= BPF_CORE_READ(table, max_fds))
        return 0;
    struct file **files = BPF_CORE_READ(table, fd);
    struct file *file = 0;
    bpf_probe_read_kernel(&file, sizeof(file), &files[fd]);
    if (!file || (BPF_CORE_READ(file, f_inode, i_mode) & S_IFMT) != S_IFSOCK)
        return 0;
    struct socket *sock = BPF_CORE_READ(file, private_data);
    struct sock *sk = BPF_CORE_READ(sock, sk);
    if (!sk)
        return 0;
    unsigned short family = BPF_CORE_READ(sk, __sk_common.skc_family);
    if ((family != AF_INET && family != AF_INET6) || BPF_CORE_READ(sk, sk_protocol) != IPPROTO_TCP)
        return 0;
    return sk;
}

/* accept()/accept4() on descriptor fd returned ret (a new descriptor or -errno). */
static __always_inline void accepted(long fd, long ret)
{
    if (ret == -EAGAIN || ret == -EINTR || ret == -ERESTARTSYS)
        return;
    struct sock *sk = tcp_socket(fd);
    if (!sk)
        return;
    struct nw_acceptor_key key = {
        .pid = bpf_get_current_pid_tgid() >> 32,
        .netns = net_inode(BPF_CORE_READ(sk, __sk_common.skc_net.net)),
    };
    struct nw_acceptor_value *value = bpf_map_lookup_elem(&acceptors, &key);
    if (!value) {
        struct nw_acceptor_value fresh = zero_acceptor;
        bpf_get_current_comm(fresh.comm, sizeof(fresh.comm));
        bpf_map_update_elem(&acceptors, &key, &fresh, BPF_NOEXIST);
        value = bpf_map_lookup_elem(&acceptors, &key);
        if (!value)
            return;
    }
    if (ret >= 0)
        __sync_fetch_and_add(&value->accepts, 1);
    else if (ret == -EMFILE)
        __sync_fetch_and_add(&value->emfile, 1);
    else if (ret == -ENFILE)
        __sync_fetch_and_add(&value->enfile, 1);
    else
        __sync_fetch_and_add(&value->other, 1);
}

SEC("fexit/__sys_accept4")
int BPF_PROG(accept_exit, int fd, void *upeer_sockaddr, int *upeer_addrlen, int flags, int ret)
{
    accepted(fd, ret);
    return 0;
}

#if defined(__TARGET_ARCH_x86)
#define NR_ACCEPT 43
#define NR_ACCEPT4 288
/* regs is a BTF pointer here: the number is read directly, without a helper call, since this
 * runs at the end of every system call. */
#define SYSCALL_NUMBER(regs) ((regs)->orig_ax)
#define SYSCALL_ARG1(regs) BPF_CORE_READ(regs, di)
#else
#define NR_ACCEPT 202
#define NR_ACCEPT4 242
#define SYSCALL_NUMBER(regs) ((regs)->syscallno)
#define SYSCALL_ARG1(regs) BPF_CORE_READ(regs, orig_x0)
#endif

SEC("tp_btf/sys_exit")
int BPF_PROG(sys_exit, struct pt_regs *regs, long ret)
{
    long id = SYSCALL_NUMBER(regs);
    if (id == NR_ACCEPT || id == NR_ACCEPT4)
        accepted(SYSCALL_ARG1(regs), ret);
    return 0;
}
