/// A rectangle of cells; layout is done by cutting rectangles, never by absolute positions.
public struct Rect: Hashable, Sendable, CustomStringConvertible {
    /// The left column.
    public var x: Int
    /// The top row.
    public var y: Int
    /// Columns covered.
    public var width: Int
    /// Rows covered.
    public var height: Int

    /// Creates a rectangle, clamping negative sides to zero.
    public init(x: Int, y: Int, width: Int, height: Int) {
        self.x = x
        self.y = y
        self.width = max(0, width)
        self.height = max(0, height)
    }

    /// A rectangle of `size` at `origin`.
    public init(origin: Point = .zero, size: Size) {
        self.init(x: origin.x, y: origin.y, width: size.width, height: size.height)
    }

    /// The empty rectangle at the origin.
    public static let zero = Rect(x: 0, y: 0, width: 0, height: 0)

    /// The top-left cell.
    public var origin: Point { Point(x: x, y: y) }
    /// The width and height.
    public var size: Size { Size(width: width, height: height) }
    /// The first column past the right edge.
    public var maxX: Int { x + width }
    /// The first row past the bottom edge.
    public var maxY: Int { y + height }
    /// True when the rectangle holds no cell.
    public var isEmpty: Bool { width == 0 || height == 0 }

    public var description: String { "Rect(x: \(x), y: \(y), \(width)x\(height))" }

    /// Whether `point` lies inside.
    public func contains(_ point: Point) -> Bool {
        point.x >= x && point.x < maxX && point.y >= y && point.y < maxY
    }

    /// The overlap of two rectangles (empty, at this origin, when they do not meet).
    public func intersection(_ other: Rect) -> Rect {
        let left = max(x, other.x), top = max(y, other.y)
        let right = min(maxX, other.maxX), bottom = min(maxY, other.maxY)
        guard right > left, bottom > top else { return Rect(x: x, y: y, width: 0, height: 0) }
        return Rect(x: left, y: top, width: right - left, height: bottom - top)
    }

    /// The rectangle shrunk by `horizontal` columns on the left and right and `vertical` rows on top and bottom.
    public func inset(horizontal: Int = 0, vertical: Int = 0) -> Rect {
        Rect(x: x + horizontal, y: y + vertical, width: width - 2 * horizontal, height: height - 2 * vertical)
    }

    /// The rectangle shrunk by `amount` on every side.
    public func inset(by amount: Int) -> Rect { inset(horizontal: amount, vertical: amount) }

    /// Row `index` (from zero) as a one-row rectangle; empty when outside.
    public func row(_ index: Int) -> Rect {
        guard index >= 0, index < height else { return Rect(x: x, y: y, width: 0, height: 0) }
        return Rect(x: x, y: y + index, width: width, height: 1)
    }

    /// A rectangle of at most `width` x `height`, centred inside this one.
    public func centered(width: Int, height: Int) -> Rect {
        let w = min(max(0, width), self.width), h = min(max(0, height), self.height)
        return Rect(x: x + (self.width - w) / 2, y: y + (self.height - h) / 2, width: w, height: h)
    }

    /// Cuts `rows` rows off the top: the top part and the rest.
    public func splitTop(_ rows: Int) -> (top: Rect, rest: Rect) {
        let cut = min(max(0, rows), height)
        return (Rect(x: x, y: y, width: width, height: cut), Rect(x: x, y: y + cut, width: width, height: height - cut))
    }

    /// Cuts `rows` rows off the bottom: the rest and the bottom part.
    public func splitBottom(_ rows: Int) -> (rest: Rect, bottom: Rect) {
        let cut = min(max(0, rows), height)
        return (
            Rect(x: x, y: y, width: width, height: height - cut),
            Rect(x: x, y: maxY - cut, width: width, height: cut)
        )
    }

    /// Cuts `columns` columns off the left: the left part and the rest.
    public func splitLeft(_ columns: Int) -> (left: Rect, rest: Rect) {
        let cut = min(max(0, columns), width)
        return (Rect(x: x, y: y, width: cut, height: height), Rect(x: x + cut, y: y, width: width - cut, height: height))
    }

    /// Cuts `columns` columns off the right: the rest and the right part.
    public func splitRight(_ columns: Int) -> (rest: Rect, right: Rect) {
        let cut = min(max(0, columns), width)
        return (
            Rect(x: x, y: y, width: width - cut, height: height),
            Rect(x: maxX - cut, y: y, width: cut, height: height)
        )
    }
}
