/* libbpf (Debian libbpf-dev) and the layout of netwatch's BPF maps, for NetwatchBPF only. */
#ifndef CLIBBPF_SHIM_H
#define CLIBBPF_SHIM_H
#include <linux/types.h>
#include <bpf/libbpf.h>
#include <bpf/bpf.h>
#include "../../bpf/netwatch_maps.h"
#endif
