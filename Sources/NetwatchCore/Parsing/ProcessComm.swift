/// `/proc/PID/comm`: the process's command name and a newline.
public enum ProcessComm {
    /// The longest name the kernel writes, in bytes: its buffer is 64 with the NUL
    /// (`proc_task_name` in fs/proc/array.c). A task's own name is at most 15 (TASK_COMM_LEN − 1);
    /// kernel workers show more (`kworker/u8:0-ext4-rsv-conversion`).
    public static let limit = 63

    /// The name without its newline; longer than ``limit`` bytes is not the kernel's and throws.
    public static func parse(_ text: String) throws(ParseError) -> String {
        let name = text.hasSuffix("\n") ? String(text.dropLast()) : text
        guard name.utf8.count <= limit else { throw ParseError("a command name longer than \(limit) bytes", input: name) }
        return name
    }
}
