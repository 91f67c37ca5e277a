#if canImport(Glibc)
import Glibc
#endif

/// Hands memory the process freed back to the system (glibc's `malloc_trim`).
///
/// glibc keeps freed memory for later allocations and returns it only from the top of each
/// heap. When a new snapshot of 100,000 locks replaces the last one, the old one's pages
/// stay resident, spread over the heaps of the threads that built it, and RSS doubles for
/// good; trimming after the swap gives them back. Elsewhere this does nothing.
enum FreedMemory {
    #if canImport(Glibc)
    private typealias Trim = @convention(c) (Int) -> Int32

    /// `malloc_trim`, looked up once: malloc.h is not part of the Glibc module.
    private static let trim: Trim? = dlsym(UnsafeMutableRawPointer(bitPattern: 0), "malloc_trim")
        .map { unsafeBitCast($0, to: Trim.self) }
    #endif

    /// Returns every whole free page to the system; costs a walk over the free lists.
    static func release() {
        #if canImport(Glibc)
        _ = trim?(0)
        #endif
    }
}
