#if canImport(Glibc)
import Glibc
#endif

/// Process-wide allocator settings for long runs.
///
/// glibc's malloc raises its mmap threshold each time a large block is freed, after which blocks
/// of up to 32 MiB come from the heap arenas and stay resident once freed, scattered between
/// live ones. A run allocates such buffers for every session (a whole archive before igzip,
/// a transcript's body), so its resident memory crept up with the number of sessions (47 → 56 MB
/// over 5,000 sessions of 200 events). A fixed threshold of 1 MiB hands blocks above it back to
/// the system when freed: the same run stays at 45–49 MB.
///
/// Below that, glibc gives the free top of a thread's arena back (`madvise`) as soon as it
/// exceeds 128 KiB, which a run does thousands of times (6,400 calls over 1,000 sessions, each
/// with TLB shootdowns, and page faults to get the memory again). A trim threshold of 4 MiB
/// keeps that much per arena: no `madvise` call left on 1,000 × 100 sessions, system time
/// 2.8–2.95 s → 1.6–1.9 s there; 16 MiB made no fewer calls and kept more resident on
/// 5,000 × 200. (`mallopt` is looked up by name:
/// Swift's Glibc module leaves out `<malloc.h>`; elsewhere nothing changes.)
enum AllocatorSettings {
    private typealias MallOpt = @convention(c) (Int32, Int32) -> Int32
    /// `M_MMAP_THRESHOLD` in `<malloc.h>`.
    private static let mmapThresholdParameter: Int32 = -3
    /// `M_TRIM_THRESHOLD` in `<malloc.h>`.
    private static let trimThresholdParameter: Int32 = -1

    static func apply() {
        #if canImport(Glibc)
        guard let handle = dlopen(nil, RTLD_NOW), let symbol = dlsym(handle, "mallopt") else { return }
        let mallopt = unsafeBitCast(symbol, to: MallOpt.self)
        _ = mallopt(mmapThresholdParameter, 1 << 20)
        _ = mallopt(trimThresholdParameter, 4 << 20)
        #endif
    }
}
