#if canImport(Glibc)
import Glibc
#endif

/// Hands memory the process freed back to the system (glibc's malloc tuning and `malloc_trim`).
///
/// glibc keeps freed memory for later allocations and returns it only from the top of each
/// heap. When a new snapshot of 100,000 locks replaces the last one, the old one's pages
/// stay resident, spread over the heaps of the threads that built it, and RSS doubles for
/// good. Two remedies: large blocks (a snapshot's arrays) are mapped on their own and unmapped
/// when freed, and after a swap the heaps are trimmed. Elsewhere this does nothing.
enum FreedMemory {
    /// Blocks this large or larger are mapped on their own: a snapshot's arrays from about
    /// 13,000 locks up, but not a frame (200x50 cells are half of this), which comes and goes
    /// on every draw. glibc would raise its own threshold after the first such block is freed,
    /// and from then on keep snapshot arrays in its heaps.
    static let largeBlock = 1024 * 1024

    #if canImport(Glibc)
    private typealias Trim = @convention(c) (Int) -> Int32
    private typealias Tune = @convention(c) (Int32, Int32) -> Int32
    /// glibc's `M_MMAP_THRESHOLD`.
    private static let mmapThreshold: Int32 = -3

    // Looked up once: malloc.h is not part of the Glibc module.
    private static let trim: Trim? = dlsym(UnsafeMutableRawPointer(bitPattern: 0), "malloc_trim").map { unsafeBitCast($0, to: Trim.self) }
    private static let tune: Tune? = dlsym(UnsafeMutableRawPointer(bitPattern: 0), "mallopt").map { unsafeBitCast($0, to: Tune.self) }
    #endif

    /// Makes large blocks go back to the system as soon as they are freed; call once at start.
    static func returnLargeBlocksWhenFreed() {
        #if canImport(Glibc)
        _ = tune?(mmapThreshold, Int32(largeBlock))
        #endif
    }

    /// Returns every whole free page to the system; costs a walk over the free lists.
    static func release() {
        #if canImport(Glibc)
        _ = trim?(0)
        #endif
    }
}
