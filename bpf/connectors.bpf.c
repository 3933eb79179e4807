// SPDX-License-Identifier: GPL-2.0
/* Who opens TCP connections, and how they end: per process and destination, aggregated in the
 * kernel (bounded LRU hash maps read by netwatch once per tick; no per-event traffic).
 *
 * - sys_enter connect(): a connect by the calling process on a TCP socket that is not yet
 *   connecting; the socket is remembered from here until it closes.
 * - sys_exit connect(): a synchronous failure by its errno (EADDRNOTAVAIL: no free local port).
 * - inet_sock_set_state: a remembered socket reaching ESTABLISHED, or closing: from SYN_SENT a
 *   failure by sk_err (ECONNREFUSED, ETIMEDOUT), after ESTABLISHED its lifetime.
 * - sys_exit accept()/accept4() on a TCP listener: accepts, EMFILE and ENFILE per process.
 * Only BTF-typed tracepoints (tp_btf): no tracefs, no kprobes or trampolines needed. */
#include "vmlinux.h"
#include <bpf/bpf_helpers.h>
#include <bpf/bpf_tracing.h>
#include <bpf/bpf_core_read.h>
#include "netwatch_maps.h"

#define AF_INET 2
#define AF_INET6 10
#define IPPROTO_TCP 6
#define SOCK_STREAM 1
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
#define EINPROGRESS 115
#define ERESTARTSYS 512
#define EADDRNOTAVAIL 99
#define ECONNRESET 104
#define ETIMEDOUT 110
#define ECONNREFUSED 111

char LICENSE[] SEC("license") = "GPL";

struct {
    __uint(type, BPF_MAP_TYPE_LRU_HASH);
    __uint(max_entries, NW_CONNECTORS_MAX);
    __type(key, struct nw_connector_key);
    __type(value, struct nw_connector_value);
} connectors SEC(".maps");

struct {
    __uint(type, BPF_MAP_TYPE_LRU_HASH);
    __uint(max_entries, NW_ACCEPTORS_MAX);
    __type(key, struct nw_acceptor_key);
    __type(value, struct nw_acceptor_value);
} acceptors SEC(".maps");

/* Socket pointer → its connector and connect time, from connect() until the socket closes. */
struct {
    __uint(type, BPF_MAP_TYPE_LRU_HASH);
    __uint(max_entries, NW_INFLIGHT_MAX);
    __type(key, __u64);
    __type(value, struct nw_inflight);
} inflight SEC(".maps");

static const struct nw_connector_value zero_connector;
static const struct nw_acceptor_value zero_acceptor;

static __always_inline __u32 net_inode(struct net *net)
{
    return BPF_CORE_READ(net, ns.inum);
}

/* The connector's counters, created (with the current command) on first use. */
static __always_inline struct nw_connector_value *connector(const struct nw_connector_key *key)
{
    struct nw_connector_value *value = bpf_map_lookup_elem(&connectors, key);
    if (value)
        return value;
    struct nw_connector_value fresh = zero_connector;
    bpf_get_current_comm(fresh.comm, sizeof(fresh.comm));
    bpf_map_update_elem(&connectors, key, &fresh, BPF_NOEXIST);
    return bpf_map_lookup_elem(&connectors, key);
}

#if defined(__TARGET_ARCH_x86)
#define NR_CONNECT 42
#define NR_ACCEPT 43
#define NR_ACCEPT4 288
/* regs is a BTF pointer here: the number is read directly, without a helper call, since this
 * runs at the end of every system call. */
#define SYSCALL_NUMBER(regs) ((regs)->orig_ax)
#define SYSCALL_ARG1(regs) BPF_CORE_READ(regs, di)
#define SYSCALL_ARG2(regs) BPF_CORE_READ(regs, si)
#else
#define NR_CONNECT 203
#define NR_ACCEPT 202
#define NR_ACCEPT4 242
#define SYSCALL_NUMBER(regs) ((regs)->syscallno)
#define SYSCALL_ARG1(regs) BPF_CORE_READ(regs, orig_x0)
#define SYSCALL_ARG2(regs) BPF_CORE_READ(regs, regs[1])
#endif

/* A connect() in progress on a thread: the socket and its connector, from enter to exit. */
struct pending_connect {
    __u64 socket;
    struct nw_connector_key key;
};

struct {
    __uint(type, BPF_MAP_TYPE_LRU_HASH);
    __uint(max_entries, 4096);
    __type(key, __u64);
    __type(value, struct pending_connect);
} pending SEC(".maps");

/* The TCP socket behind the calling process's descriptor fd, or NULL; with its struct socket. */
static __always_inline struct sock *tcp_socket(long fd, struct socket **socket)
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
    *socket = sock;
    return sk;
}

/* The destination of a connect() from its user-space sockaddr; false for another family or a
 * v4-mapped IPv6 address's own family (it is kept as IPv4, as the kernel connects it). */
static __always_inline bool destination(const void *uaddr, struct nw_connector_key *key)
{
    struct {
        unsigned short family;
        __be16 port;
        __be32 flowinfo_or_addr;
        __u8 addr6[16];
    } raw = {};
    if (bpf_probe_read_user(&raw, sizeof(raw), uaddr) != 0)
        return false;
    key->port = __builtin_bswap16(raw.port);
    if (raw.family == AF_INET) {
        key->family = AF_INET;
        __builtin_memcpy(key->addr, &raw.flowinfo_or_addr, 4);
        return true;
    }
    if (raw.family != AF_INET6)
        return false;
    __u32 *words = (__u32 *)raw.addr6;
    if (words[0] == 0 && words[1] == 0 && words[2] == __builtin_bswap32(0x0000ffff)) {
        key->family = AF_INET;
        __builtin_memcpy(key->addr, &raw.addr6[12], 4);
    } else {
        key->family = AF_INET6;
        __builtin_memcpy(key->addr, raw.addr6, 16);
    }
    return true;
}

static __always_inline void connect_enter(struct pt_regs *regs)
{
    struct socket *sock = 0;
    struct sock *sk = tcp_socket(SYSCALL_ARG1(regs), &sock);
    /* A new attempt only: a connect() repeated on a connecting or connected socket (EALREADY,
     * EISCONN, or the report of an earlier failure) is not one. */
    if (!sk || BPF_CORE_READ(sock, state) != SS_UNCONNECTED || BPF_CORE_READ(sk, __sk_common.skc_state) != TCP_CLOSE)
        return;
    struct pending_connect started = { .socket = (__u64)sk };
    if (!destination((const void *)SYSCALL_ARG2(regs), &started.key))
        return;
    started.key.pid = bpf_get_current_pid_tgid() >> 32;
    started.key.netns = net_inode(BPF_CORE_READ(sk, __sk_common.skc_net.net));
    struct nw_connector_value *value = connector(&started.key);
    if (!value)
        return;
    __sync_fetch_and_add(&value->connects, 1);
    struct nw_inflight flight = { .key = started.key, .started_ns = bpf_ktime_get_ns() };
    bpf_map_update_elem(&inflight, &started.socket, &flight, BPF_ANY);
    __u64 thread = bpf_get_current_pid_tgid();
    bpf_map_update_elem(&pending, &thread, &started, BPF_ANY);
}

static __always_inline void connect_exit(long ret)
{
    __u64 thread = bpf_get_current_pid_tgid();
    struct pending_connect *started = bpf_map_lookup_elem(&pending, &thread);
    if (!started)
        return;
    __u64 socket = started->socket;
    struct nw_connector_value *value = bpf_map_lookup_elem(&connectors, &started->key);
    /* Started (EINPROGRESS), done, or interrupted while the handshake goes on: the state
     * changes tell the rest. */
    bool going = ret == 0 || ret == -EINPROGRESS || ret == -EINTR || ret == -ERESTARTSYS;
    if (value && ret == -EADDRNOTAVAIL) {
        __sync_fetch_and_add(&value->addrnotavail, 1);
    } else if (value && !going && bpf_map_lookup_elem(&inflight, &socket)) {
        /* Failed before any state change (no route, refused by a filter…); a failure after
         * SYN_SENT was counted when the socket closed. */
        if (ret == -ECONNREFUSED)
            __sync_fetch_and_add(&value->refused, 1);
        else if (ret == -ETIMEDOUT)
            __sync_fetch_and_add(&value->timedout, 1);
        else
            __sync_fetch_and_add(&value->other, 1);
    }
    if (!going)
        bpf_map_delete_elem(&inflight, &socket);
    bpf_map_delete_elem(&pending, &thread);
}

static __always_inline void accept_exit(struct pt_regs *regs, long ret)
{
    if (ret == -EAGAIN || ret == -EINTR || ret == -ERESTARTSYS)
        return;
    struct socket *sock = 0;
    struct sock *sk = tcp_socket(SYSCALL_ARG1(regs), &sock);
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

SEC("tp_btf/sys_enter")
int BPF_PROG(sys_enter, struct pt_regs *regs, long id)
{
    if (id == NR_CONNECT)
        connect_enter(regs);
    return 0;
}

SEC("tp_btf/sys_exit")
int BPF_PROG(sys_exit, struct pt_regs *regs, long ret)
{
    long id = SYSCALL_NUMBER(regs);
    if (id == NR_CONNECT)
        connect_exit(ret);
    else if (id == NR_ACCEPT || id == NR_ACCEPT4)
        accept_exit(regs, ret);
    return 0;
}

/* log2 of a lifetime in microseconds, capped at the last bucket. */
static __always_inline __u32 lifetime_bucket(__u64 ns)
{
    __u64 us = ns / 1000;
    __u32 bucket = 0;
    for (int i = 0; i < NW_LIFETIME_BUCKETS - 1; i++) {
        if (us < 2)
            break;
        us >>= 1;
        bucket++;
    }
    return bucket;
}

SEC("tp_btf/inet_sock_set_state")
int BPF_PROG(inet_sock_set_state, struct sock *sk, int oldstate, int newstate)
{
    if (newstate != TCP_ESTABLISHED && newstate != TCP_CLOSE)
        return 0;
    __u64 socket = (__u64)sk;
    struct nw_inflight *started = bpf_map_lookup_elem(&inflight, &socket);
    if (!started)
        return 0;
    struct nw_connector_value *value = bpf_map_lookup_elem(&connectors, &started->key);
    if (newstate == TCP_ESTABLISHED) {
        if (value && oldstate == TCP_SYN_SENT)
            __sync_fetch_and_add(&value->established, 1);
        return 0;
    }
    if (value) {
        int err = BPF_CORE_READ(sk, sk_err);
        if (oldstate == TCP_SYN_SENT) {
            /* err 0: closed by its owner, or no local port (counted at connect()'s exit). */
            if (err == ECONNREFUSED)
                __sync_fetch_and_add(&value->refused, 1);
            else if (err == ETIMEDOUT)
                __sync_fetch_and_add(&value->timedout, 1);
            else if (err != 0)
                __sync_fetch_and_add(&value->other, 1);
        } else {
            if (err == ECONNRESET || err == EPIPE)
                __sync_fetch_and_add(&value->reset, 1);
            __u32 bucket = lifetime_bucket(bpf_ktime_get_ns() - started->started_ns);
            if (bucket < NW_LIFETIME_BUCKETS)
                __sync_fetch_and_add(&value->lifetime[bucket], 1);
            __sync_fetch_and_add(&value->closed, 1);
        }
    }
    bpf_map_delete_elem(&inflight, &socket);
    return 0;
}
