/// Keeps the first `n` elements of a stream in `ranksBefore` order without sorting the stream:
/// an element that would not make the cut costs one comparison.
public struct TopN<Element> {
    public private(set) var elements: [Element] = []
    private let limit: Int
    private let ranksBefore: (Element, Element) -> Bool

    public init(_ limit: Int, by ranksBefore: @escaping (Element, Element) -> Bool) {
        self.limit = max(0, limit)
        self.ranksBefore = ranksBefore
        elements.reserveCapacity(min(self.limit, 1024))
    }

    public mutating func offer(_ element: Element) {
        guard limit > 0 else { return }
        if elements.count == limit {
            guard let last = elements.last, ranksBefore(element, last) else { return }
            elements.removeLast()
        }
        // Binary search for the insertion point among the kept elements.
        var low = 0, high = elements.count
        while low < high {
            let mid = (low + high) / 2
            if ranksBefore(elements[mid], element) { low = mid + 1 } else { high = mid }
        }
        elements.insert(element, at: low)
    }

    /// The top `n` of a sequence.
    public static func of<S: Sequence>(_ n: Int, _ sequence: S, by ranksBefore: @escaping (Element, Element) -> Bool) -> [Element]
        where S.Element == Element {
        var top = TopN(n, by: ranksBefore)
        for element in sequence { top.offer(element) }
        return top.elements
    }
}
