//! Doing independent work on every core: plans load, assess and render apart
//! from each other, so a portfolio of a thousand plans uses the whole machine.

use std::sync::atomic::{AtomicUsize, Ordering};

/// `f` applied to every item, on up to as many threads as there are cores
/// (the calling thread is one of them); the results in the items' order.
/// Threads take the next item as they finish one, so a slow plan does not
/// leave a core idle.
pub fn map<T: Sync, R: Send>(items: &[T], f: impl Fn(&T) -> R + Sync) -> Vec<R> {
    let threads = std::thread::available_parallelism()
        .map_or(1, |n| n.get())
        .min(items.len());
    if threads <= 1 {
        return items.iter().map(f).collect();
    }
    let next = AtomicUsize::new(0);
    let work = || {
        let mut done = Vec::new();
        loop {
            let i = next.fetch_add(1, Ordering::Relaxed);
            let Some(item) = items.get(i) else {
                return done;
            };
            done.push((i, f(item)));
        }
    };
    let mut all: Vec<(usize, R)> = std::thread::scope(|s| {
        let handles: Vec<_> = (1..threads).map(|_| s.spawn(work)).collect();
        let mut all = work();
        for h in handles {
            match h.join() {
                Ok(v) => all.extend(v),
                // A panic in a worker is a bug; let it surface as one.
                Err(e) => std::panic::resume_unwind(e),
            }
        }
        all
    });
    all.sort_unstable_by_key(|(i, _)| *i);
    all.into_iter().map(|(_, r)| r).collect()
}

#[cfg(test)]
mod tests {
    #[test]
    fn results_keep_the_items_order() {
        let items: Vec<u64> = (0..1000).collect();
        let out = super::map(&items, |x| {
            // Uneven work, so threads finish out of order.
            (0..(x % 7) * 1000).fold(*x, |a, b| a.wrapping_add(b) % 1_000_003)
        });
        let expected: Vec<u64> = items
            .iter()
            .map(|x| (0..(x % 7) * 1000).fold(*x, |a, b| a.wrapping_add(b) % 1_000_003))
            .collect();
        assert_eq!(out, expected);
        assert_eq!(super::map(&[] as &[u64], |x| *x), Vec::<u64>::new());
    }
}
