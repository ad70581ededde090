//! Doing independent work on every core: plans load, assess and render apart
//! from each other, so a portfolio of a thousand plans uses the whole machine.

/// `f` applied to every item, on up to as many threads as there are cores;
/// the results in the items' order.
pub fn map<T: Sync, R: Send>(items: &[T], f: impl Fn(&T) -> R + Sync) -> Vec<R> {
    let threads = std::thread::available_parallelism()
        .map_or(1, |n| n.get())
        .min(items.len());
    if threads <= 1 {
        return items.iter().map(f).collect();
    }
    // Contiguous chunks keep each thread's files and results together.
    let size = items.len().div_ceil(threads);
    std::thread::scope(|s| {
        let f = &f;
        let handles: Vec<_> = items
            .chunks(size)
            .map(|chunk| s.spawn(move || chunk.iter().map(f).collect::<Vec<R>>()))
            .collect();
        handles
            .into_iter()
            .flat_map(|h| match h.join() {
                Ok(v) => v,
                // A panic in a worker is a bug; let it surface as one.
                Err(e) => std::panic::resume_unwind(e),
            })
            .collect()
    })
}
