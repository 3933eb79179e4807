/// What a screen below ``Layout/minimumWidth`` × ``Layout/minimumHeight`` shows: one centred line
/// with the size needed, in the longest wording that fits.
enum TooSmallNotice {
    static func text(width: Int, height: Int, glyphs: Glyphs) -> String {
        let need = "\(Layout.minimumWidth)\(glyphs.times)\(Layout.minimumHeight)"
        let now = "\(width)\(glyphs.times)\(height)"
        let wordings = ["netwatch needs at least \(need) (now \(now))", "need \(need), now \(now)", "need \(need)"]
        return wordings.first { $0.unicodeScalars.count <= width } ?? wordings[wordings.count - 1]
    }

    static func draw(on buffer: inout ScreenBuffer, glyphs: Glyphs) {
        guard buffer.height > 0 else { return }
        let row = Rect(x: 0, y: (buffer.height - 1) / 2, width: buffer.width, height: 1)
        buffer.write(text(width: buffer.width, height: buffer.height, glyphs: glyphs), in: row, align: .center, role: .warning)
    }
}
