extension SnapshotDecoder {
    /// The `netns` member (absent or null: netwatch's own namespace).
    static func namespace(_ field: JSONField) throws(SnapshotDecodeError) -> Netns? {
        guard !field.isNull else { return nil }
        let namedBy = field.member("named_by")
        guard let naming = NamespaceNaming(rawValue: try namedBy.string()) else {
            throw namedBy.error("unknown naming \"\(try namedBy.string())\"")
        }
        return Netns(inode: UInt64(try field.member("inode").int()), name: try field.member("name").string(),
                                namedBy: naming, pid: try field.member("pid").optionalInt(Int32.self),
                                mountPath: try field.member("mount").optionalString(),
                                processCount: Int(try field.member("processes").int()))
    }
}
