//! `SharedBytes`: a part of one reference-counted buffer. A parsed certificate copies its DER
//! once, and its byte fields (`signature`, the SPKI, each extension's value) are views of that
//! copy: one allocation where there was one per field.

use std::fmt;
use std::ops::Deref;
use std::sync::Arc;

use serde::{Serialize, Serializer};

/// Bytes that are `start..end` of a shared buffer. Derefs to `[u8]`.
#[derive(Clone)]
pub struct SharedBytes {
    buffer: Arc<[u8]>,
    start: usize,
    end: usize,
}

impl SharedBytes {
    /// A buffer of its own holding a copy of `bytes`.
    pub fn copy_of(bytes: &[u8]) -> Self {
        Self {
            buffer: Arc::from(bytes),
            start: 0,
            end: bytes.len(),
        }
    }

    /// The bytes, as `Vec::as_slice` gives them (callers of `Certificate::der` use it).
    pub fn as_slice(&self) -> &[u8] {
        self
    }

    /// `part` as a view of this buffer when it lies inside it (it was read from these bytes),
    /// else a copy of its own.
    pub fn view(&self, part: &[u8]) -> Self {
        let base = self.buffer.as_ptr() as usize;
        let at = (part.as_ptr() as usize).wrapping_sub(base);
        if at <= self.buffer.len() && part.len() <= self.buffer.len() - at {
            return Self {
                buffer: Arc::clone(&self.buffer),
                start: at,
                end: at + part.len(),
            };
        }
        Self::copy_of(part)
    }
}

impl Deref for SharedBytes {
    type Target = [u8];
    fn deref(&self) -> &[u8] {
        &self.buffer[self.start..self.end]
    }
}

impl AsRef<[u8]> for SharedBytes {
    fn as_ref(&self) -> &[u8] {
        self
    }
}

impl From<Vec<u8>> for SharedBytes {
    fn from(bytes: Vec<u8>) -> Self {
        let end = bytes.len();
        Self {
            buffer: Arc::from(bytes),
            start: 0,
            end,
        }
    }
}

impl PartialEq for SharedBytes {
    fn eq(&self, other: &Self) -> bool {
        **self == **other
    }
}

impl Eq for SharedBytes {}

impl PartialEq<[u8]> for SharedBytes {
    fn eq(&self, other: &[u8]) -> bool {
        **self == *other
    }
}

impl<const N: usize> PartialEq<[u8; N]> for SharedBytes {
    fn eq(&self, other: &[u8; N]) -> bool {
        **self == *other
    }
}

impl PartialEq<Vec<u8>> for SharedBytes {
    fn eq(&self, other: &Vec<u8>) -> bool {
        **self == **other
    }
}

impl PartialEq<SharedBytes> for Vec<u8> {
    fn eq(&self, other: &SharedBytes) -> bool {
        **self == **other
    }
}

impl fmt::Debug for SharedBytes {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Debug::fmt(&**self, f)
    }
}

impl Serialize for SharedBytes {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_bytes(self)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parts_of_the_buffer_are_views_and_other_bytes_copies() {
        let whole = SharedBytes::copy_of(b"0123456789");
        let part = whole.view(&whole[2..5]);
        assert_eq!(&*part, b"234");
        assert!(Arc::ptr_eq(&part.buffer, &whole.buffer));
        let empty_at_end = whole.view(&whole[10..]);
        assert_eq!(&*empty_at_end, b"");
        let elsewhere = [1u8, 2, 3];
        let copied = whole.view(&elsewhere);
        assert_eq!(&*copied, &elsewhere);
        assert!(!Arc::ptr_eq(&copied.buffer, &whole.buffer));
        let longer = [0u8; 20];
        assert_eq!(&*whole.view(&longer), &longer);
        assert_eq!(SharedBytes::from(b"234".to_vec()), part);
        assert_eq!(
            serde_json::to_value(&part).unwrap(),
            serde_json::json!([50, 51, 52])
        );
    }
}
