extension Recognition {
    /// Every family locktop knows, most specific first; filled as recognisers land.
    public static let standard = Recognition(recognizers: [])
}
