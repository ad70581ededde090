//! Texts that repeat from row to row (a KPI's id, a scope, a source), each kept once for the whole run.
//!
//! A million observations name a few dozen distinct texts. Each is stored
//! once, never freed, and an observation holds a pointer to it: copying one
//! copies a pointer, with no reference count taken and dropped per row (as
//! `Arc<str>` did, a tenth of a portfolio's status), and two are equal when
//! their pointers are. The `ustr` crate does the same, but builds a table of
//! 64 bins of 16,384 entries at first use: a sixth more time for `status` on
//! one plan, where this table starts empty.

use std::collections::HashMap;
use std::sync::{LazyLock, Mutex};

/// A text kept once for the run: a pointer to it, the same pointer for the
/// same text wherever it was read.
#[derive(Clone, Copy)]
pub struct Shared(&'static &'static str);

/// Every text kept so far, by its text.
static TEXTS: LazyLock<Mutex<HashMap<&'static str, Shared, foldhash::fast::RandomState>>> =
    LazyLock::new(Mutex::default);

impl From<&str> for Shared {
    /// The one `Shared` for `text`, kept now if it was not yet. Readers ask
    /// once per text a file gives, not once per row (they keep the last).
    fn from(text: &str) -> Shared {
        // A panic elsewhere while holding the lock leaves the table whole:
        // an insert either happened or did not.
        let mut texts = TEXTS.lock().unwrap_or_else(|e| e.into_inner());
        if let Some(&shared) = texts.get(text) {
            return shared;
        }
        let kept: &'static str = Box::leak(text.into());
        let shared = Shared(Box::leak(Box::new(kept)));
        texts.insert(kept, shared);
        shared
    }
}

impl Shared {
    /// A number for the text, the same for every `Shared` of it: one text
    /// is one pointer. Groups texts without hashing their bytes.
    pub fn address(&self) -> usize {
        std::ptr::from_ref(self.0) as usize
    }

    /// Whether this is `text`, compared as `same_bytes` compares: a scope
    /// is compared with the KPI's for every point of a million, where a
    /// call to `memcmp` costs more than the comparing.
    #[inline]
    pub fn is(&self, text: &str) -> bool {
        same_bytes(self.0.as_bytes(), text.as_bytes())
    }
}

/// Whether `a` and `b` hold the same bytes. Scopes and a store's repeated cells
/// are a few bytes to a few dozen, where a call to `memcmp` costs more than the
/// comparing: up to 16 bytes are compared as two words each (overlapping
/// when shorter than 16), longer ones by the slices' own equality.
#[inline]
pub fn same_bytes(a: &[u8], b: &[u8]) -> bool {
    let n = a.len();
    if n != b.len() {
        return false;
    }
    let word =
        |s: &[u8], at: usize| u64::from_le_bytes(s[at..at + 8].try_into().unwrap_or_default());
    let half =
        |s: &[u8], at: usize| u32::from_le_bytes(s[at..at + 4].try_into().unwrap_or_default());
    match n {
        8..=16 => word(a, 0) == word(b, 0) && word(a, n - 8) == word(b, n - 8),
        4..=7 => half(a, 0) == half(b, 0) && half(a, n - 4) == half(b, n - 4),
        // (Not `a == b`, which calls `memcmp` even for the empty note
        // of every row.)
        // (Bytes 0, n/2 and n-1 are every byte of up to three.)
        1..=3 => a[0] == b[0] && a[n / 2] == b[n / 2] && a[n - 1] == b[n - 1],
        0 => true,
        _ => a == b,
    }
}

impl std::ops::Deref for Shared {
    type Target = str;
    fn deref(&self) -> &str {
        self.0
    }
}

impl PartialEq for Shared {
    /// One text, one pointer: equal texts are the same pointer.
    fn eq(&self, other: &Shared) -> bool {
        std::ptr::eq(self.0, other.0)
    }
}

impl Eq for Shared {}

impl PartialOrd for Shared {
    fn partial_cmp(&self, other: &Shared) -> Option<std::cmp::Ordering> {
        Some(self.cmp(other))
    }
}

impl Ord for Shared {
    /// In the order of the texts; one text (one pointer) is equal to
    /// itself without its bytes being compared.
    fn cmp(&self, other: &Shared) -> std::cmp::Ordering {
        if self == other {
            return std::cmp::Ordering::Equal;
        }
        (**self).cmp(&**other)
    }
}

impl std::hash::Hash for Shared {
    fn hash<H: std::hash::Hasher>(&self, state: &mut H) {
        (**self).hash(state);
    }
}

impl std::fmt::Debug for Shared {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        std::fmt::Debug::fmt(&**self, f)
    }
}

impl std::fmt::Display for Shared {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self)
    }
}

impl serde::Serialize for Shared {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(self)
    }
}

impl<'de> serde::Deserialize<'de> for Shared {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Shared, D::Error> {
        let text = std::borrow::Cow::<'de, str>::deserialize(d)?;
        Ok(Shared::from(&*text))
    }
}

#[cfg(test)]
mod tests {
    use super::Shared;

    /// Every byte of a short text counts: one changed anywhere in texts of
    /// 1 to 20 bytes, the texts differ; and two empty texts are the same.
    #[test]
    fn same_bytes_sees_each_byte_of_a_short_text() {
        for n in 1..=20 {
            let a: Vec<u8> = (0..n as u8).collect();
            for at in 0..n {
                let mut b = a.clone();
                b[at] ^= 0x40;
                assert!(!super::same_bytes(&a, &b), "{n} bytes, changed at {at}");
            }
            assert!(super::same_bytes(&a, &a.clone()));
        }
        assert!(super::same_bytes(b"", b""));
    }

    proptest::proptest! {
        /// Two texts of up to 40 bytes, the second the first with at most
        /// one byte changed, are the same bytes exactly when they are equal.
        #[test]
        fn same_bytes_is_equality(
            a in proptest::collection::vec(proptest::prelude::any::<u8>(), 0..40),
            change in proptest::option::of((0..40usize, proptest::prelude::any::<u8>())),
            cut in proptest::option::of(0..40usize),
        ) {
            let mut b = a.clone();
            if let Some((at, byte)) = change
                && at < b.len()
            {
                b[at] = byte;
            }
            if let Some(cut) = cut {
                b.truncate(cut);
            }
            proptest::prop_assert_eq!(super::same_bytes(&a, &b), a == b);
        }
    }

    #[test]
    fn one_text_one_pointer_and_texts_in_their_order() {
        let a = Shared::from("park 1");
        let b = Shared::from(String::from("park 1").as_str());
        let c = Shared::from("park 2");
        assert_eq!(a, b);
        assert!(
            std::ptr::eq(a.as_ptr(), b.as_ptr()),
            "the same text kept once"
        );
        assert_ne!(a, c);
        assert!(a < c && c > b);
        assert_eq!(&*a, "park 1");
        assert!(a.is("park 1") && !a.is("park 2") && !a.is("park") && !a.is(""));
        assert_eq!(format!("{a} {c:?}"), "park 1 \"park 2\"");
        assert_eq!(Shared::from(""), Shared::from(""));
        let json = serde_json::to_string(&a).unwrap();
        assert_eq!(json, "\"park 1\"");
        assert_eq!(serde_json::from_str::<Shared>(&json).unwrap(), a);
    }

    #[test]
    fn texts_kept_on_many_threads_are_one() {
        let kept: Vec<Vec<Shared>> = std::thread::scope(|s| {
            let handles: Vec<_> = (0..4)
                .map(|_| {
                    s.spawn(|| {
                        (0..200)
                            .map(|i| Shared::from(format!("t{i}").as_str()))
                            .collect()
                    })
                })
                .collect();
            handles.into_iter().map(|h| h.join().unwrap()).collect()
        });
        for other in &kept[1..] {
            assert_eq!(other, &kept[0]);
        }
    }
}
