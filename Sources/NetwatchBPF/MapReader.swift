import CLibbpf

/// Walks a BPF hash map from user space, one key at a time.
enum MapReader {
    /// Calls `body` for each entry. An LRU map may evict the key being walked from; the walk then
    /// starts over, so it is bounded at twice the map's size (repeated keys are the caller's to fold).
    static func entries<Key, Value>(of map: Int32, limit: Int, _ body: (Key, Value) -> Void) {
        guard map >= 0 else { return }
        var key = UnsafeMutablePointer<Key>.allocate(capacity: 1)
        var next = UnsafeMutablePointer<Key>.allocate(capacity: 1)
        let value = UnsafeMutablePointer<Value>.allocate(capacity: 1)
        defer {
            key.deallocate()
            next.deallocate()
            value.deallocate()
        }
        var previous: UnsafeMutablePointer<Key>? = nil
        for _ in 0..<(2 * limit) {
            guard bpf_map_get_next_key(map, previous, next) == 0 else { return }
            if bpf_map_lookup_elem(map, next, value) == 0 { body(next.pointee, value.pointee) }
            swap(&key, &next)
            previous = key
        }
    }
}
