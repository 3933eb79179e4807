import Glibc

/// Makes room for the descriptors a plan holds at once: raises the soft `RLIMIT_NOFILE` up to the
/// hard limit and, with the privilege for it (root), the hard limit up to `fs.nr_open`.
enum FileDescriptorBudget {
    /// Ensures the process may hold `needed` descriptors, raising the limit only when necessary.
    static func ensure(_ needed: Int) throws(CapacityError) {
        let resource = __rlimit_resource_t(RLIMIT_NOFILE.rawValue)
        var limit = rlimit()
        getrlimit(resource, &limit)
        guard limit.rlim_cur < rlim_t(needed) else { return }
        var raised = limit
        raised.rlim_cur = rlim_t(needed)
        raised.rlim_max = max(limit.rlim_max, rlim_t(needed))
        guard setrlimit(resource, &raised) == 0 else {
            let code = errno
            throw .fileDescriptors(needed: needed, soft: Int(clamping: limit.rlim_cur), hard: Int(clamping: limit.rlim_max),
                                   nrOpen: (try? ProcText.integers("/proc/sys/fs/nr_open"))?.first, errno: code)
        }
    }
}
