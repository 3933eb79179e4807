// statfs(2) is not exported by Swift's Glibc module; this exposes the one field netwatch needs.
#ifndef CFILESYSTEM_H
#define CFILESYSTEM_H
#include <sys/vfs.h>

/// The filesystem magic number of `path` (`PROC_SUPER_MAGIC` is 0x9fa0), or -1 on error.
static inline long cfs_filesystem_type(const char *path) {
    struct statfs info;
    return statfs(path, &info) == 0 ? (long)info.f_type : -1;
}
#endif
