#![allow(clippy::unwrap_used, clippy::expect_used)] // a test crate: panics are failures

//! Replays the committed fuzz corpus (`fuzz/corpus/<target>/`, minimized with `cargo fuzz cmin`)
//! and every input that once crashed a target (`fuzz/regressions/<target>/`) through the same
//! entry points the fuzzer calls, so `cargo test` keeps covering them without nightly.

use std::fs;
use std::path::{Path, PathBuf};

use certkit_fuzz_entry::TARGETS;

fn files(dir: &Path) -> Vec<PathBuf> {
    let Ok(entries) = fs::read_dir(dir) else {
        return Vec::new();
    };
    let mut out: Vec<PathBuf> = entries
        .map(|e| e.unwrap().path())
        .filter(|p| p.is_file())
        .collect();
    out.sort();
    out
}

#[test]
fn every_target_replays_its_corpus_and_regressions() {
    let fuzz = Path::new(env!("CARGO_MANIFEST_DIR")).join("..");
    let mut empty = Vec::new();
    for (name, target) in TARGETS {
        let mut inputs = files(&fuzz.join("corpus").join(name));
        inputs.extend(files(&fuzz.join("regressions").join(name)));
        if inputs.is_empty() {
            empty.push(*name);
        }
        for path in inputs {
            let data = match fs::read(&path) {
                Ok(data) => data,
                // A fuzzer running on this tree replaces inputs it has reduced.
                Err(e) if e.kind() == std::io::ErrorKind::NotFound => continue,
                Err(e) => panic!("{}: {e}", path.display()),
            };
            let outcome = std::panic::catch_unwind(|| target(&data));
            assert!(outcome.is_ok(), "{name} panicked on {}", path.display());
        }
    }
    assert!(
        empty.is_empty(),
        "no corpus or regression files for {empty:?}"
    );
}

#[test]
fn every_fuzz_target_has_an_entry_point() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../fuzz_targets");
    let mut on_disk: Vec<String> = files(&dir)
        .iter()
        .filter_map(|p| Some(p.file_stem()?.to_str()?.to_owned()))
        .collect();
    on_disk.sort();
    let mut listed: Vec<String> = TARGETS.iter().map(|(n, _)| (*n).to_owned()).collect();
    listed.sort();
    assert_eq!(on_disk, listed);
}

/// The CSRs signed with secp256k1 (plain and compressed key), RSA-PSS and DSA, each byte changed
/// in turn: the signature checks certkit writes itself see keys and signatures of every shape.
#[test]
fn signature_seeds_survive_every_byte_change() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../corpus/csr");
    let seeds: Vec<PathBuf> = files(&dir)
        .into_iter()
        .filter(|p| p.to_string_lossy().ends_with("-signature.der"))
        .collect();
    assert_eq!(seeds.len(), 4, "{seeds:?}");
    for path in seeds {
        let seed = fs::read(&path).unwrap();
        for at in 0..seed.len() {
            let mut changed = seed.clone();
            changed[at] ^= 0x5a;
            let outcome = std::panic::catch_unwind(|| certkit_fuzz_entry::csr(&changed));
            assert!(outcome.is_ok(), "{} with byte {at} changed", path.display());
        }
    }
}
