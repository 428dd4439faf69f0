//! The reader and writer on OIDs, nested elements, long lengths and small values.

use super::*;

#[test]
fn oids_round_trip() {
    for oid in [
        "2.5.4.3",
        "1.2.840.113549.1.1.11",
        "2.25.329800735698586629295641978511506172918",
        "0.9.2342.19200300.100.1.25",
        "2.999.1",
        "1.2.18446744073709551615",
        "1.2.18446744073709551616.7",
        "0.0",
    ] {
        let der = oid_from_string(oid).unwrap();
        let tlv = Tlv::read_exact(&der).unwrap();
        assert_eq!(oid_to_string(tlv.content).as_deref(), Some(oid));
    }
    assert_eq!(oid_to_string(&[0x80, 0x01]), None);
    assert_eq!(oid_to_string(&[0x81]), None);
    assert_eq!(oid_to_string(&[]), None);
    assert_eq!(oid_to_string(&[0x2a, 0x86]), None);
    assert_eq!(oid_from_string("3.1"), None);
}

#[test]
fn reads_nested_elements() {
    let der = [0x30, 0x06, 0x02, 0x01, 0x05, 0x04, 0x01, 0xaa];
    let seq = Tlv::read_exact(&der)
        .unwrap()
        .with_tag(TAG_SEQUENCE, "SEQUENCE")
        .unwrap();
    let kids: Vec<_> = seq.children().collect::<Result<_>>().unwrap();
    assert_eq!(kids.len(), 2);
    assert_eq!((kids[0].tag, kids[0].content), (TAG_INTEGER, &[5u8][..]));
    assert_eq!(kids[1].raw, &[0x04, 0x01, 0xaa]);
    assert!(Tlv::read_exact(&der[..7]).is_err());
}

#[test]
fn long_lengths_encode() {
    let content = vec![0u8; 300];
    let der = encode(TAG_OCTET_STRING, &content);
    assert_eq!(&der[..4], &[0x04, 0x82, 0x01, 0x2c]);
    assert_eq!(Tlv::read_exact(&der).unwrap().content.len(), 300);
}

#[test]
fn small_values() {
    assert_eq!(small_uint(&[0x01, 0x00]), Some(256));
    assert_eq!(small_uint(&[0xff]), None);
    assert_eq!(small_uint(&[]), None);
    assert_eq!(boolean(&[0xff]), Some(true));
    assert_eq!(boolean(&[]), None);
    assert_eq!(set_bits(&[0x07, 0x80]), Some(vec![0]));
    assert_eq!(set_bits(&[0x01, 0x05, 0x80]), Some(vec![5, 7, 8]));
    assert_eq!(set_bits(&[0x08, 0x00]), None);
    assert_eq!(set_bits(&[0x00]), Some(vec![]));
}

#[test]
fn integer_magnitudes() {
    let owned = |content: &[u8]| {
        let (negative, magnitude) = integer_magnitude(content);
        (negative, magnitude.into_owned())
    };
    assert_eq!(owned(&[0x00]), (false, vec![]));
    assert_eq!(owned(&[0x00, 0x80]), (false, vec![0x80]));
    assert_eq!(owned(&[0xff]), (true, vec![0x01]));
    assert_eq!(owned(&[0xff, 0x00]), (true, vec![0x01, 0x00]));
    assert_eq!(owned(&[0x80]), (true, vec![0x80]));
    // Non-negative magnitudes borrow the content.
    assert!(matches!(
        integer_magnitude(&[0x00, 0x80]).1,
        std::borrow::Cow::Borrowed(_)
    ));
}

#[test]
fn integers_are_minimal_and_positive() {
    assert_eq!(unsigned_integer(&[0, 0, 0x7f]), [0x7f]);
    assert_eq!(unsigned_integer(&[0x80]), [0, 0x80]);
    assert_eq!(unsigned_integer(&[0, 0, 0]), [0]);
    assert_eq!(unsigned_integer(&[]), [0]);
}

#[test]
fn minimal_unsigned_integers_only() {
    assert_eq!(minimal_unsigned(&[0]), Some(&[][..]));
    assert_eq!(minimal_unsigned(&[0x7f]), Some(&[0x7f][..]));
    assert_eq!(minimal_unsigned(&[0, 0x80]), Some(&[0x80][..]));
    assert_eq!(minimal_unsigned(&[0, 0x7f]), None); // padded
    assert_eq!(minimal_unsigned(&[0x80]), None); // negative
    assert_eq!(minimal_unsigned(&[]), None); // no integer at all
}
