//! The passphrase's two forms, INTEGER content octets and the per-file budget.

use super::*;

#[test]
fn the_password_is_a_nul_terminated_bmp_string() {
    let passwords = Passwords::new("ab€");
    assert_eq!(
        passwords.bmp.as_slice(),
        &[0, b'a', 0, b'b', 0x20, 0xac, 0, 0]
    );
    assert_eq!(passwords.utf8.as_slice(), "ab€".as_bytes());
    assert!(Passwords::absent().bmp.is_empty());
}

#[test]
fn integers_encode_minimally() {
    assert_eq!(uint_content(0), vec![0]);
    assert_eq!(uint_content(2048), vec![0x08, 0x00]);
    assert_eq!(uint_content(128), vec![0x00, 0x80]);
    assert_eq!(uint_content(u32::MAX), vec![0, 0xff, 0xff, 0xff, 0xff]);
}

#[test]
fn the_budget_refuses_work_beyond_ten_million_iterations() {
    let mut budget = Budget::default();
    budget.charge(9_000_000, "a").unwrap();
    assert_eq!(
        budget.charge(2_000_000, "b").unwrap_err().code(),
        "KEY_ENCRYPTION_TOO_COSTLY"
    );
}
