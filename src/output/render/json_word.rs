//! A value serde writes as one word (an enum's variant without data, or null), read without serde_json's writer.
//!
//! A plan's JSON has a score of such words a KPI (its kind, status, rating,
//! the reasons and figures it lacks). Each went through serde_json's
//! serializer and its escaping of the name; here the name is asked of the
//! value's own `Serialize`, and anything else is left to serde_json.

use serde::Serialize;
use serde::ser::{Impossible, Serializer};

/// What serde writes a value as, when one word.
pub enum Word {
    /// A unit variant's name, as renamed for serde.
    Name(&'static str),
    /// `None` or `()`: serde_json writes null.
    Null,
}

/// `v` as one word; `None` when serde writes it as anything else (a number,
/// a text, a struct), for serde_json to write.
pub fn word<T: Serialize + ?Sized>(v: &T) -> Option<Word> {
    v.serialize(Probe).ok()
}

/// The answer for a value that is not one word.
#[derive(Debug)]
pub struct NotAWord;

impl std::fmt::Display for NotAWord {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("not a single word")
    }
}

impl std::error::Error for NotAWord {}

impl serde::ser::Error for NotAWord {
    fn custom<T: std::fmt::Display>(_: T) -> NotAWord {
        NotAWord
    }
}

struct Probe;

type No = Impossible<Word, NotAWord>;

/// Serializer methods that answer `NotAWord` whatever they are given.
macro_rules! refuse {
    ($($name:ident($($arg:ty),*) -> $ok:ty;)*) => {
        $(fn $name(self, $(_: $arg),*) -> Result<$ok, NotAWord> {
            Err(NotAWord)
        })*
    };
}

impl Serializer for Probe {
    type Ok = Word;
    type Error = NotAWord;
    type SerializeSeq = No;
    type SerializeTuple = No;
    type SerializeTupleStruct = No;
    type SerializeTupleVariant = No;
    type SerializeMap = No;
    type SerializeStruct = No;
    type SerializeStructVariant = No;

    fn serialize_unit_variant(
        self,
        _: &'static str,
        _: u32,
        variant: &'static str,
    ) -> Result<Word, NotAWord> {
        Ok(Word::Name(variant))
    }
    fn serialize_none(self) -> Result<Word, NotAWord> {
        Ok(Word::Null)
    }
    fn serialize_unit(self) -> Result<Word, NotAWord> {
        Ok(Word::Null)
    }
    fn serialize_some<T: Serialize + ?Sized>(self, v: &T) -> Result<Word, NotAWord> {
        v.serialize(Probe)
    }

    // Anything else is not one word.
    refuse! {
        serialize_bool(bool) -> Word;
        serialize_i8(i8) -> Word;
        serialize_i16(i16) -> Word;
        serialize_i32(i32) -> Word;
        serialize_i64(i64) -> Word;
        serialize_u8(u8) -> Word;
        serialize_u16(u16) -> Word;
        serialize_u32(u32) -> Word;
        serialize_u64(u64) -> Word;
        serialize_f32(f32) -> Word;
        serialize_f64(f64) -> Word;
        serialize_char(char) -> Word;
        serialize_str(&str) -> Word;
        serialize_bytes(&[u8]) -> Word;
        serialize_unit_struct(&'static str) -> Word;
        serialize_seq(Option<usize>) -> No;
        serialize_tuple(usize) -> No;
        serialize_tuple_struct(&'static str, usize) -> No;
        serialize_tuple_variant(&'static str, u32, &'static str, usize) -> No;
        serialize_map(Option<usize>) -> No;
        serialize_struct(&'static str, usize) -> No;
        serialize_struct_variant(&'static str, u32, &'static str, usize) -> No;
    }
    fn serialize_newtype_struct<T: Serialize + ?Sized>(
        self,
        _: &'static str,
        _: &T,
    ) -> Result<Word, NotAWord> {
        Err(NotAWord)
    }
    fn serialize_newtype_variant<T: Serialize + ?Sized>(
        self,
        _: &'static str,
        _: u32,
        _: &'static str,
        _: &T,
    ) -> Result<Word, NotAWord> {
        Err(NotAWord)
    }
}

#[cfg(test)]
mod tests {
    use super::{Word, word};

    #[derive(serde::Serialize)]
    #[serde(rename_all = "snake_case")]
    enum Shade {
        DeepBlue,
        #[allow(dead_code)]
        Mixed(u8),
    }

    #[test]
    fn only_words_are_words() {
        assert!(matches!(
            word(&Shade::DeepBlue),
            Some(Word::Name("deep_blue"))
        ));
        assert!(matches!(
            word(&Some(Shade::DeepBlue)),
            Some(Word::Name("deep_blue"))
        ));
        assert!(matches!(word(&None::<Shade>), Some(Word::Null)));
        assert!(matches!(word(&()), Some(Word::Null)));
        assert!(word(&Shade::Mixed(1)).is_none());
        assert!(word(&Some(2.5)).is_none());
        assert!(word("text").is_none());
        assert!(word(&[1]).is_none());
    }
}
