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

/// `items` in as many parts as there are cores, each of `least` items at
/// the least (a small job is not worth a thread): for `beside`.
pub fn parts<T>(items: &[T], least: usize) -> Vec<&[T]> {
    items.chunks(part_len(items.len(), least)).collect()
}

/// How many of `n` items a part of `parts` holds (the last may hold fewer).
pub fn part_len(n: usize, least: usize) -> usize {
    let cores = std::thread::available_parallelism().map_or(1, |n| n.get());
    n.div_ceil(cores).max(least.max(1))
}

/// `here` on this thread while `f` runs on each of `parts`, each on a thread
/// of its own; `here`'s result and the parts' results in order. For one
/// output built in parts: `here` builds the first part into the output,
/// sized for all, and the others are appended to it, so the largest part is
/// never copied.
pub fn beside<P: Send, R: Send, T>(
    here: impl FnOnce() -> T,
    parts: impl IntoIterator<Item = P>,
    f: impl Fn(P) -> R + Sync,
) -> (T, Vec<R>) {
    std::thread::scope(|s| {
        let f = &f;
        let others: Vec<_> = parts.into_iter().map(|p| s.spawn(move || f(p))).collect();
        let here = here();
        let others = others
            .into_iter()
            // A panic in a worker is a bug; let it surface as one.
            .map(|h| h.join().unwrap_or_else(|e| std::panic::resume_unwind(e)))
            .collect();
        (here, others)
    })
}

/// What `make` makes of each of `items`, in order, made on every core,
/// each part straight into its own places of the one vector. (Made apart
/// and appended, half a million rows of a store were copied once more, into
/// as many fresh pages again: docs/performance.md.)
///
/// `make` is given each item's place in `items`, and may take what the
/// item owns (a figure's text is moved into its row, not copied).
pub fn in_places<T: Send, R: Send>(
    items: &mut [T],
    make: impl Fn(usize, &mut T) -> R + Sync,
) -> Vec<R> {
    let n = items.len();
    let mut made = Vec::with_capacity(n);
    let mut places = &mut made.spare_capacity_mut()[..n];
    let mut jobs = Vec::new();
    let (mut start, mut items) = (0, items);
    while !items.is_empty() {
        let len = part_len(n, 10_000).min(items.len());
        let (these, rest) = std::mem::take(&mut places).split_at_mut(len);
        let (part, others) = std::mem::take(&mut items).split_at_mut(len);
        (places, items) = (rest, others);
        jobs.push((start, these, part));
        start += len;
    }
    let fill = |(start, places, part): (usize, &mut [std::mem::MaybeUninit<R>], &mut [T])| {
        for (i, (place, item)) in places.iter_mut().zip(part).enumerate() {
            place.write(make(start + i, item));
        }
    };
    let mut jobs = jobs.into_iter();
    if let Some(first) = jobs.next() {
        beside(|| fill(first), jobs, fill);
    }
    // SAFETY: the parts cover `items` exactly, in order, so the jobs above
    // wrote each of the `n` places once. A panic in a job unwinds before
    // this line, and what they made is then leaked, never read or dropped.
    unsafe { made.set_len(n) };
    made
}

/// Sorts `items` on every core: each core's part apart, then the sorted
/// parts merged by the stable sort, which finds them as runs and merges
/// them in one pass. For items that are all distinct (or equal only when
/// alike in every way), where the order is the unstable sort's.
pub fn sort<T: Ord + Send>(items: &mut [T]) {
    let part = part_len(items.len(), 50_000);
    if part >= items.len() {
        items.sort_unstable();
        return;
    }
    std::thread::scope(|s| {
        let mut chunks = items.chunks_mut(part);
        let first = chunks.next();
        for chunk in chunks {
            s.spawn(|| chunk.sort_unstable());
        }
        if let Some(first) = first {
            first.sort_unstable();
        }
    });
    items.sort();
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

    /// Made in places is made in order, each from its own item and place,
    /// the item's text moved out: enough items to be cut in parts.
    #[test]
    fn made_in_places_in_order() {
        let mut items: Vec<String> = (0..25_000).map(|i| format!("item {i}")).collect();
        let made = super::in_places(&mut items, |i, t| (i, std::mem::take(t)));
        assert_eq!(made.len(), 25_000);
        for (n, (i, t)) in made.iter().enumerate() {
            assert_eq!((*i, t.as_str()), (n, format!("item {n}").as_str()));
        }
        assert!(items.iter().all(String::is_empty));
        assert!(super::in_places(&mut [] as &mut [u8], |_, _| 0u8).is_empty());
    }

    proptest::proptest! {
        // (Few cases: each is up to 150,000 items, to be cut in parts.)
        #![proptest_config(proptest::prelude::ProptestConfig::with_cases(24))]
        /// Sorted on every core is sorted: long enough to be cut in parts,
        /// with keys that repeat, and in an order of their own.
        #[test]
        fn sort_on_every_core_is_a_sort(
            mut items in proptest::collection::vec((0u8..20, proptest::prelude::any::<u32>()), 0..150_000)
        ) {
            let mut expected = items.clone();
            expected.sort_unstable();
            super::sort(&mut items);
            proptest::prop_assert_eq!(items, expected);
        }
    }

    #[test]
    fn beside_keeps_the_parts_order() {
        let parts: Vec<u64> = (1..=8).collect();
        let (here, others) = super::beside(|| 0, &parts, |x| x * 10);
        assert_eq!((here, others), (0, vec![10, 20, 30, 40, 50, 60, 70, 80]));
    }
}
