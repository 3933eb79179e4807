/// One metric family as Prometheus sees it: a name, its help, its type and the samples of this
/// scrape. Families are built anew from every ``Snapshot`` (series come and go with the top-N
/// destinations, processes and listeners), never updated in place.
public struct MetricFamily: Equatable, Sendable {
    public enum Kind: String, Sendable {
        case gauge
        /// A kernel counter: its samples are written `NAME_total`, the family name has no `_total`
        /// (OpenMetrics names the family without the suffix; the 0.0.4 text format with it).
        case counter
    }

    /// For a counter, the name without `_total`.
    public var name: String
    public var help: String
    public var kind: Kind
    /// The OpenMetrics `# UNIT` (`seconds`, `ratio`); the name already ends with it.
    public var unit: String?
    public var samples: [MetricSample]

    public init(_ name: String, _ kind: Kind, help: String, unit: String? = nil, samples: [MetricSample]) {
        self.name = name
        self.help = help
        self.kind = kind
        self.unit = unit
        self.samples = samples
    }

    /// The name samples are written with: `NAME_total` for a counter.
    public var sampleName: String { kind == .counter ? name + "_total" : name }
}

/// One series' value in a scrape, with its labels in the order they are written.
public struct MetricSample: Equatable, Sendable {
    public var labels: [Label]
    public var value: MetricValue

    public init(_ labels: [Label], _ value: MetricValue) {
        self.labels = labels
        self.value = value
    }

    /// A series without labels.
    public init(_ value: MetricValue) {
        self.init([], value)
    }

    public struct Label: Equatable, Sendable {
        public var name: String
        public var value: String

        public init(_ name: String, _ value: String) {
            self.name = name
            self.value = value
        }
    }
}

/// A sample value: counts stay integers on the wire (`24811`, not `24811.0`).
public enum MetricValue: Equatable, Sendable {
    case integer(Int64)
    case real(Double)

    public init(_ n: Int) { self = .integer(Int64(n)) }
}
