/// What a process's cgroup path says about the container or unit it runs in
/// (`/proc/PID/cgroup`, cgroup v2 `0::PATH` or v1 `N:controllers:PATH` lines).
public enum CgroupIdentity: Equatable, Sendable {
    /// A container: `runtime` is `docker`, `containerd`, `cri-o`, `podman` or `nspawn`; `id` its
    /// container id (hex) or machine name.
    case container(runtime: String, id: String)
    /// A Kubernetes pod (kubepods slices): the pod UID with dashes, and its container's id.
    case pod(uid: String, containerID: String?)
    /// A systemd service that is none of the above (`nginx.service`).
    case systemdUnit(String)

    /// The identity in a cgroup file's text: the v2 line when there is one, else the first v1
    /// line whose path names something; `nil` for the root, sessions and `init.scope`.
    public static func parse(_ text: String) -> CgroupIdentity? {
        let paths = text.split(separator: "\n").compactMap { line -> (v2: Bool, path: Substring)? in
            let fields = line.split(separator: ":", maxSplits: 2, omittingEmptySubsequences: false)
            guard fields.count == 3 else { return nil }
            return (fields[0] == "0" && fields[1].isEmpty, fields[2])
        }
        let ordered = paths.filter(\.v2) + paths.filter { !$0.v2 }
        return ordered.lazy.compactMap { identity(path: $0.path) }.first
    }

    /// The identity in one cgroup path (`/system.slice/docker-<id>.scope`).
    public static func identity(path: Substring) -> CgroupIdentity? {
        let parts = path.split(separator: "/").map(String.init)
        if parts.contains(where: { $0.hasPrefix("kubepods") }) {
            return .pod(uid: podUID(parts) ?? "?", containerID: parts.last.flatMap(containerID))
        }
        for (index, part) in parts.enumerated().reversed() {
            if let found = runtimeScope(part) { return found }
            if index > 0, isContainerHex(part) {
                switch parts[index - 1] {
                case "docker": return .container(runtime: "docker", id: part)
                case "libpod_parent": return .container(runtime: "podman", id: part)
                default: break
                }
            }
            if let machine = nspawnMachine(part) { return .container(runtime: "nspawn", id: machine) }
        }
        if let unit = parts.last(where: { $0.hasSuffix(".service") && !$0.hasPrefix("user@") }) { return .systemdUnit(unit) }
        return nil
    }

    /// The systemd scopes container runtimes create: `docker-<id>.scope`, `libpod-<id>.scope`,
    /// `cri-containerd-<id>.scope`, `crio-<id>.scope`, `nerdctl-<id>.scope`.
    static func runtimeScope(_ part: String) -> CgroupIdentity? {
        let prefixes = [("docker-", "docker"), ("libpod-", "podman"), ("cri-containerd-", "containerd"),
                        ("crio-", "cri-o"), ("nerdctl-", "containerd")]
        for (prefix, runtime) in prefixes where part.hasPrefix(prefix) && part.hasSuffix(".scope") {
            let id = String(part.dropFirst(prefix.count).dropLast(".scope".count))
            if isContainerHex(id) { return .container(runtime: runtime, id: id) }
        }
        return nil
    }

    /// `systemd-nspawn@NAME.service` or `machine-NAME.scope` → NAME.
    static func nspawnMachine(_ part: String) -> String? {
        if part.hasPrefix("systemd-nspawn@"), part.hasSuffix(".service") {
            return String(part.dropFirst("systemd-nspawn@".count).dropLast(".service".count))
        }
        if part.hasPrefix("machine-"), part.hasSuffix(".scope") {
            return String(part.dropFirst("machine-".count).dropLast(".scope".count))
        }
        return nil
    }

    /// The pod UID from `kubepods-burstable-pod<uid_with_underscores>.slice` (systemd driver) or
    /// `pod<uid>` (cgroupfs driver).
    static func podUID(_ parts: [String]) -> String? {
        for part in parts.reversed() {
            var name = Substring(part)
            if name.hasSuffix(".slice") { name = name.dropLast(".slice".count) }
            guard let range = name.ranges(of: "pod").last else { continue }
            let uid = String(name[range.upperBound...].replacing("_", with: "-"))
            if uid.count == 36, uid.allSatisfy({ $0.isHexDigit || $0 == "-" }) { return uid }
        }
        return nil
    }

    /// The container id in a kubepods leaf: a runtime scope or a bare 64-hex directory.
    static func containerID(_ part: String) -> String? {
        if case let .container(_, id)? = runtimeScope(part) { return id }
        return isContainerHex(part) ? part : nil
    }

    /// Container ids are 64 hex digits (some tools shorten them to 12 or more).
    static func isContainerHex(_ text: String) -> Bool {
        text.count >= 12 && text.allSatisfy { $0.isHexDigit && !$0.isUppercase }
    }
}
