import Glibc

/// A file's device and inode: which file a path or descriptor is, whatever its name now.
struct FileIdentity: Hashable {
    let device: UInt64
    let inode: UInt64

    init(_ info: stat) {
        device = UInt64(info.st_dev)
        inode = UInt64(info.st_ino)
    }

    init(_ fd: Int32) {
        var info = stat()
        fstat(fd, &info)
        self.init(info)
    }
}
