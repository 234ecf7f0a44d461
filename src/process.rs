//! Process-wide setup that belongs to no module of the pipeline.

/// Hands memory freed by a build (or by reading the dictionary) back to the system, so a
/// long-lived process does not keep the peak of its last reload.
pub fn release_free_memory() {
    #[cfg(all(target_os = "linux", target_env = "gnu"))]
    // SAFETY: malloc_trim only returns free pages of the allocator's heaps to the system.
    unsafe {
        libc::malloc_trim(0);
    }
}

/// A memory figure of a process from /proc (`VmRSS` resident now, `VmHWM` its peak), in MB:
/// of this process without a pid. 0 where /proc does not say.
pub fn memory_mb(pid: Option<u32>, key: &str) -> f64 {
    let path = pid.map_or("/proc/self/status".to_string(), |pid| {
        format!("/proc/{pid}/status")
    });
    std::fs::read_to_string(path)
        .unwrap_or_default()
        .lines()
        .find(|l| l.starts_with(key))
        .and_then(|l| l.split_whitespace().nth(1))
        .and_then(|kb| kb.parse::<f64>().ok())
        .map_or(0.0, |kb| kb / 1024.0)
}

/// Caps glibc's malloc arenas at two. glibc gives each new thread its own arena, and every
/// index build starts new writer threads, so without a cap the resident memory of a long-lived
/// process creeps up with each reload (measured in the benchmark: see README.md).
pub fn cap_malloc_arenas() {
    #[cfg(all(target_os = "linux", target_env = "gnu"))]
    // SAFETY: mallopt only sets an allocator parameter; it is called before other threads exist.
    unsafe {
        libc::mallopt(libc::M_ARENA_MAX, 2);
    }
}

/// The real user id of this process (0 for root).
pub fn user_id() -> u32 {
    // SAFETY: getuid has no preconditions and cannot fail.
    unsafe { libc::getuid() }
}
