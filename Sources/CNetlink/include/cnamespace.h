// Process and network-namespace calls for `netwatch demo` and `--netns` that Swift cannot import: glibc declares
// them only under _GNU_SOURCE (unshare, CLONE_NEWNET, posix_spawn_file_actions_addclosefrom_np), or
// they are variadic (prctl, ioctl). Each returns 0 on success or an errno value.
#ifndef CNAMESPACE_H
#define CNAMESPACE_H
#include <sys/types.h>

/// Moves the calling thread (call it on the main thread, before any other starts) into a new,
/// empty network namespace: `unshare(CLONE_NEWNET)`. EPERM without CAP_SYS_ADMIN.
int cns_unshare_network(void);

/// Brings the loopback interface up in the current network namespace (SIOCGIFFLAGS, then
/// SIOCSIFFLAGS with IFF_UP). EPERM without CAP_NET_ADMIN.
int cns_loopback_up(void);

/// Asks the kernel to send `signal` to the calling process when its parent ends (PR_SET_PDEATHSIG).
int cns_die_with_parent(int signal);

/// Sets the calling thread's name (`comm`, at most 15 bytes, as `ps` and /proc/PID/comm show it).
int cns_set_process_name(const char *name);

/// Starts `path` with `argv` (NULL-terminated) and the current environment: standard input, output
/// and error on /dev/null, every other descriptor closed, no signal blocked and every signal at its
/// default action. Stores the child's pid in `pid`.
int cns_spawn_quiet(const char *path, char *const argv[], pid_t *pid);

/// Moves the calling thread into the network namespace `fd` refers to (`setns(fd, CLONE_NEWNET)`;
/// `/proc/PID/ns/net` or an `ip netns` bind mount). EPERM without CAP_SYS_ADMIN.
int cns_enter_network(int fd);
#endif
