import FoundationEssentials
import NetwatchBPF
import NetwatchCore

/// The tracer's map entries as the kernel could leave them, through the decoding, the analysis
/// (rates, the last minute, the advice) and the JSON encoder.
enum FuzzBPFMaps {
    /// The input is entries one after another, each a tag byte and the entry's bytes: bit 0 of
    /// the tag picks the map (connectors, acceptors), bit 1 the read (the previous tick's, this
    /// one's). A short last entry is zero-filled.
    static func run(_ bytes: UnsafeRawBufferPointer) {
        var reads = [ConnectorCounts(), ConnectorCounts()]
        var offset = 0
        while offset < bytes.count {
            let tag = bytes[offset]
            let entry: MapEntry = tag & 1 == 0 ? .connector : .acceptor
            let end = min(bytes.count, offset + 1 + entry.size)
            reads[Int(tag >> 1 & 1)].add(entry, bytes: UnsafeRawBufferPointer(rebasing: bytes[(offset + 1)..<end]))
            offset = end
        }
        var previous = RawSample(takenAt: Date(timeIntervalSince1970: 0), monotonicSeconds: 0, source: .netlink)
        previous.connectorCounts = reads[0]
        var sample = RawSample(takenAt: Date(timeIntervalSince1970: 1), monotonicSeconds: 1, source: .netlink)
        sample.connectorCounts = reads[1]
        sample.connectorCountsBefore = (seconds: 60, counts: reads[0])
        let snapshot = SnapshotBuilder.build(sample, previous: previous, options: .init(top: 10))
        _ = SnapshotEncoder.encode(snapshot).serialized()
    }
}
