/// Anything that draws itself into a rectangle of a frame.
///
/// Widgets are values built with builder methods; rendering never fails and draws nothing
/// outside `area` (an area partly outside the frame is clipped to it).
public protocol Widget {
    /// Draws into `area` of `frame`.
    func render(in area: Rect, into frame: inout Frame)
}
