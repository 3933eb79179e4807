/// Maps a 24-bit colour to the closest colour a smaller palette has.
public enum NearestColor {
    /// The 6 channel levels of the xterm colour cube (indices 16–231).
    static let cubeLevels: [Int] = [0, 95, 135, 175, 215, 255]

    /// The xterm-256 palette colour of index 16–255. Indices 0–15 are left out because terminals
    /// render them differently.
    static func xterm256RGB(_ index: Int) -> RGB {
        if index >= 232 {
            let gray = UInt8(8 + 10 * (index - 232))
            return RGB(gray, gray, gray)
        }
        let cube = index - 16
        return RGB(UInt8(cubeLevels[cube / 36]), UInt8(cubeLevels[(cube / 6) % 6]), UInt8(cubeLevels[cube % 6]))
    }

    private static let xterm256Palette: [(index: UInt8, rgb: RGB)] = (16...255).map { (UInt8($0), xterm256RGB($0)) }

    /// The nearest xterm-256 index (16–255) to `rgb`, by squared distance in RGB; ties go to the
    /// lower index.
    public static func xterm256(_ rgb: RGB) -> UInt8 {
        nearest(rgb, in: xterm256Palette)
    }

    /// The closest of the 8 basic colours. Terminals render those very differently, so this goes
    /// by what survives everywhere, hue and lightness, rather than by distance to one rendering:
    /// a grey (see ``isGrey(_:)``) becomes black below 50% lightness and white from there; any
    /// other colour takes the basic colour of its hue sextant (red 0°, yellow 60°, green 120°,
    /// cyan 180°, blue 240°, magenta 300°, each ±30°).
    public static func basic(_ rgb: RGB) -> ANSIColor {
        guard !isGrey(rgb) else { return lightness(rgb) >= 0.5 ? .white : .black }
        let sextant = Int(((hue(rgb) + 30).truncatingRemainder(dividingBy: 360)) / 60)
        return [ANSIColor.red, .yellow, .green, .cyan, .blue, .magenta][sextant]
    }

    /// A colour without a usable hue: chroma (max − min channel) under 48 of 255, or a brightest
    /// channel under 40 (too dark for its hue to show).
    public static func isGrey(_ rgb: RGB) -> Bool {
        let high = max(rgb.red, rgb.green, rgb.blue), low = min(rgb.red, rgb.green, rgb.blue)
        return high - low < 48 || high < 40
    }

    /// HSL lightness, 0…1: the mean of the brightest and darkest channel.
    public static func lightness(_ rgb: RGB) -> Double {
        (Double(max(rgb.red, rgb.green, rgb.blue)) + Double(min(rgb.red, rgb.green, rgb.blue))) / 510
    }

    /// The HSV hue of `rgb` in degrees, 0 ≤ hue < 360 (0 for greys).
    static func hue(_ rgb: RGB) -> Double {
        let r = Double(rgb.red), g = Double(rgb.green), b = Double(rgb.blue)
        let high = max(r, g, b), chroma = high - min(r, g, b)
        guard chroma > 0 else { return 0 }
        let sector = high == r ? (g - b) / chroma : high == g ? 2 + (b - r) / chroma : 4 + (r - g) / chroma
        let degrees = 60 * sector
        return degrees < 0 ? degrees + 360 : degrees
    }

    private static func nearest(_ rgb: RGB, in palette: [(index: UInt8, rgb: RGB)]) -> UInt8 {
        var best = palette[0]
        var bestDistance = Int.max
        for entry in palette {
            let distance = rgb.distanceSquared(to: entry.rgb)
            if distance < bestDistance {
                best = entry
                bestDistance = distance
            }
        }
        return best.index
    }
}
