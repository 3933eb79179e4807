import NetwatchCore

/// Takes a snapshot the way `netwatch snapshot` does: with `sampleSeconds` > 0, a first
/// collection (counters and socket table only), a wait, then a full one, so rates and
/// destination growth cover that interval; with 0, one collection and null rates.
public struct SnapshotSampler {
    let collect: (CollectRequest) -> RawSample
    let clock: SampleClock

    public init(clock: SampleClock, collect: @escaping (CollectRequest) -> RawSample) {
        self.clock = clock
        self.collect = collect
    }

    public func snapshot(sampleSeconds: Double, options: SnapshotBuilder.Options) -> Snapshot {
        let full = CollectRequest(for: options)
        var previous: RawSample?
        if sampleSeconds > 0 {
            var light = full
            light.keepSockets = 0
            light.processes = false
            light.owners = false
            previous = collect(light)
            clock.sleep(seconds: sampleSeconds)
        }
        return SnapshotBuilder.build(collect(full), previous: previous, options: options)
    }
}
