/// How a ``Netns`` got its name, best source first.
public enum NamespaceNaming: String, Sendable, CaseIterable {
    /// The namespace pid 1 is in.
    case host
    /// A bind mount under /run/netns (`ip netns add NAME`).
    case ipNetns = "ip_netns"
    /// A container runtime's cgroup of a process in it (docker, containerd, CRI-O, podman, nspawn).
    case container
    /// A Kubernetes pod: its cgroup (pod UID) and, where readable, its hostname (the pod's name).
    case pod
    /// The systemd unit a process in it runs under (a service with `PrivateNetwork=`).
    case systemdUnit = "systemd_unit"
    /// The hostname seen through a process's root (`/proc/PID/root/etc/hostname`).
    case hostname
    /// A bind mount under /run/docker/netns (a Docker sandbox no named process is in).
    case dockerSandbox = "docker_sandbox"
    /// Nothing better: `pid N (comm)` of a process in it, or the inode when no process is.
    case process
}
