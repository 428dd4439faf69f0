//! Self-signature results remembered by certificate. Checking the self-signature of an RSA root
//! is most of what parsing it costs (~0.5 ms in wasm, where the rest of the certificate takes
//! ~60 µs), and pages read the same roots again and again (a bundle re-parsed as the user types,
//! a CA list, the roots of every chain). The result is a function of the certificate's bytes
//! alone, so it is remembered by their SHA-256 (the fingerprint parsing computes anyway): the
//! same key means the same bytes, and the same answer. Bounded; nothing secret is kept.

use std::sync::{Mutex, PoisonError};

/// How many results are kept (newest first); a lookup scans them, so the list stays short.
const REMEMBERED: usize = 32;

static RESULTS: Mutex<Vec<([u8; 32], bool)>> = Mutex::new(Vec::new());

/// The result for the certificate whose DER has SHA-256 `digest`: remembered, or `check()`ed
/// now and remembered.
pub fn self_signature(digest: [u8; 32], check: impl FnOnce() -> bool) -> bool {
    // A poisoned lock only means a panic elsewhere while it was held; every change below is a
    // single insert or remove, so the list is whole either way.
    let mut results = RESULTS.lock().unwrap_or_else(PoisonError::into_inner);
    if let Some(index) = results.iter().position(|(key, _)| *key == digest) {
        let entry = results.remove(index);
        results.insert(0, entry);
        return entry.1;
    }
    // Checked with the lock held: the module is single-threaded in wasm, and natively a second
    // caller waits for this answer rather than computing it again.
    let valid = check();
    results.truncate(REMEMBERED - 1);
    results.insert(0, (digest, valid));
    valid
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn remembers_by_digest_and_keeps_the_newest() {
        let mut calls = 0;
        let key = [7u8; 32];
        assert!(self_signature(key, || {
            calls += 1;
            true
        }));
        assert!(self_signature(key, || {
            calls += 1;
            false
        }));
        assert_eq!(calls, 1);
        // Another certificate gets its own answer.
        assert!(!self_signature([8u8; 32], || false));
        // Past the bound the oldest answers go, and are computed again when asked.
        for i in 0..REMEMBERED as u8 {
            self_signature([100 + i; 32], || true);
        }
        let mut again = false;
        self_signature(key, || {
            again = true;
            true
        });
        assert!(again);
    }
}
