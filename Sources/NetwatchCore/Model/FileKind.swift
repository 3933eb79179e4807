import Glibc

/// The kind of file an `st_mode` describes, in words for messages.
public enum FileKind {
    /// `a directory`, `a character device`, `a regular file` …
    public static func name(of mode: mode_t) -> String {
        switch mode & S_IFMT {
        case S_IFDIR: return "a directory"
        case S_IFBLK: return "a block device"
        case S_IFSOCK: return "a socket"
        case S_IFLNK: return "a symbolic link"
        case S_IFCHR: return "a character device"
        case S_IFIFO: return "a FIFO"
        default: return "a regular file"
        }
    }
}
