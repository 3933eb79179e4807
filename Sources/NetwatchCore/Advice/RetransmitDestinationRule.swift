/// A share of the segments sent toward one destination retransmitted: packets toward it are lost
/// (a lossy link, a full queue, a firewall dropping some), and every loss costs at least the
/// retransmission timeout (200 ms or more) on the request it hits.
enum RetransmitDestinationRule {
    static let id = "retransmits_destination"
    static let reference = "tcp(7) TCP_INFO tcpi_total_retrans, tcpi_segs_out; ss(8) -ti retrans"
    /// Share of segments retransmitted from which it is a finding…
    static let share = 0.02
    /// …with at least this many retransmissions (a handful on a quiet pool is noise).
    static let minimum: Int64 = 20

    static func findings(_ context: AdviceContext) -> [Finding] {
        guard let health = context.snapshot.health else { return [] }
        return health.destinations.compactMap { destination in
            guard let retransmits = destination.figures.retransmits, retransmits >= minimum,
                  let ratio = destination.figures.retransmitShare, ratio >= share else { return nil }
            return finding(destination, retransmits: retransmits, ratio: ratio)
        }
    }

    static func finding(_ destination: ConnectionHealth.Destination, retransmits: Int64, ratio: Double) -> Finding {
        let endpoint = AdviceText.endpoint(destination.address, destination.port)
        let evidence = [
            Evidence("destination", endpoint), Evidence("retransmits", retransmits),
            Evidence("segments_out", .integer(destination.figures.segmentsOut ?? 0)), Evidence("share", ratio),
            Evidence("established", destination.figures.established),
        ]
        let suggestion = [
            "Find where packets toward \(endpoint) are dropped: interface errors and drops (ip -s link), a firewall or "
                + "rate limit on the way, the peer's receive queues.",
            "Until then, expect requests toward it to stall for a retransmission timeout (200 ms or more) now and then.",
        ]
        return Finding(id: id, severity: ratio >= 0.1 ? .critical : .warning,
                       title: "\(AdviceText.percent(ratio)) of segments toward \(endpoint) retransmitted "
                           + "(\(retransmits) of \(destination.figures.segmentsOut ?? 0)): packets toward it are lost",
                       evidence: evidence, suggestion: suggestion, reference: reference,
                       target: .destination(address: destination.address, port: destination.port))
    }
}
