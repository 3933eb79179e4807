/* The few kernel types netwatch's BPF program reads, written by hand instead of dumped from one
 * kernel's BTF. preserve_access_index makes every field access a CO-RE relocation: libbpf finds
 * each field by name in the running kernel's BTF (/sys/kernel/btf/vmlinux), so the offsets here
 * do not matter and one object runs on every kernel with BTF. */
#ifndef NETWATCH_VMLINUX_H
#define NETWATCH_VMLINUX_H

typedef unsigned char __u8;
typedef unsigned short __u16;
typedef unsigned int __u32;
typedef unsigned long long __u64;
typedef signed char __s8;
typedef short __s16;
typedef int __s32;
typedef long long __s64;
typedef __u16 __be16;
typedef __u32 __be32;
typedef __u32 __wsum;
typedef _Bool bool;
enum { false = 0, true = 1 };

enum bpf_map_type {
    BPF_MAP_TYPE_HASH = 1,
    BPF_MAP_TYPE_ARRAY = 2,
    BPF_MAP_TYPE_LRU_HASH = 9,
};

enum { BPF_ANY = 0, BPF_NOEXIST = 1 };
enum { BPF_F_MMAPABLE = 1 << 10 };

#pragma clang attribute push (__attribute__((preserve_access_index)), apply_to = record)

struct ns_common {
    unsigned int inum;
};

struct net {
    struct ns_common ns;
};

typedef struct {
    struct net *net;
} possible_net_t;

struct in6_addr {
    __u8 s6_addr[16];
};

struct sock_common {
    __be32 skc_daddr;
    __be16 skc_dport;
    __u16 skc_num;
    unsigned short skc_family;
    volatile unsigned char skc_state;
    possible_net_t skc_net;
    struct in6_addr skc_v6_daddr;
    struct {
        __s64 counter;
    } skc_cookie;   /* atomic64_t: 0 until the kernel first gives the socket a cookie */
};

struct socket;

struct sock {
    struct sock_common __sk_common;
    struct socket *sk_socket;
    int sk_err;
    __u16 sk_protocol;
    __u16 sk_type;
};

struct inode {
    unsigned short i_mode;
};

struct file {
    struct inode *f_inode;
    void *private_data;
};

typedef enum {
    SS_FREE = 0,
    SS_UNCONNECTED,
    SS_CONNECTING,
    SS_CONNECTED,
    SS_DISCONNECTING,
} socket_state;

struct socket {
    socket_state state;
    struct sock *sk;
};

struct fdtable {
    unsigned int max_fds;
    struct file **fd;
};

struct files_struct {
    struct fdtable *fdt;
};

struct nsproxy {
    struct net *net_ns;
};

struct task_struct {
    struct files_struct *files;
    struct nsproxy *nsproxy;
};

/* The saved user registers of a system call: its number and arguments. */
#if defined(__TARGET_ARCH_x86)
struct pt_regs {
    unsigned long di;
    unsigned long orig_ax;
};
#elif defined(__TARGET_ARCH_arm64)
struct pt_regs {
    __u64 regs[31];
    __u64 orig_x0;
    __s32 syscallno;
};
#else
#error "netwatch's BPF program knows the system call registers of x86_64 and arm64 only"
#endif

#pragma clang attribute pop

#endif
