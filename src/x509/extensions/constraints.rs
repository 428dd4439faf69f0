//! basicConstraints, nameConstraints, policyConstraints.

use serde::Serialize;

use super::{ExtensionValue, integer_u32, invalid};
use crate::der::{self, TAG_BOOLEAN, TAG_INTEGER, TAG_SEQUENCE, Tlv};
use crate::error::Result;
use crate::x509::general_name::{GeneralName, IpForm, general_name};

/// basicConstraints: whether the subject is a CA, and how many CAs may follow it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
#[cfg_attr(feature = "ts", derive(tsify::Tsify))]
pub struct BasicConstraints {
    pub ca: bool,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub path_length: Option<u32>,
}

impl From<BasicConstraints> for ExtensionValue {
    fn from(b: BasicConstraints) -> Self {
        ExtensionValue::BasicConstraints {
            ca: b.ca,
            path_length: b.path_length,
        }
    }
}

/// One permitted or excluded subtree of nameConstraints.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(tsify::Tsify))]
pub struct GeneralSubtree {
    pub base: GeneralName,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub minimum: Option<u32>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub maximum: Option<u32>,
}

pub fn basic_constraints(value: &Tlv<'_>) -> Result<BasicConstraints> {
    let seq = value.with_tag(TAG_SEQUENCE, "a BasicConstraints SEQUENCE")?;
    let mut fields = seq.children();
    let ca = match fields.optional(TAG_BOOLEAN)? {
        Some(flag) => der::boolean(flag.content).ok_or_else(|| invalid("bad cA flag"))?,
        None => false,
    };
    let path_length = fields
        .optional(TAG_INTEGER)?
        .map(|t| integer_u32(t.content))
        .transpose()?;
    if !fields.is_empty() {
        return Err(invalid("unexpected field in BasicConstraints"));
    }
    Ok(BasicConstraints { ca, path_length })
}

pub fn name_constraints(value: &Tlv<'_>) -> Result<ExtensionValue> {
    let seq = value.with_tag(TAG_SEQUENCE, "a NameConstraints SEQUENCE")?;
    let mut fields = seq.children();
    let permitted = fields
        .optional(0xa0)?
        .map(|t| subtrees(&t))
        .transpose()?
        .unwrap_or_default();
    let excluded = fields
        .optional(0xa1)?
        .map(|t| subtrees(&t))
        .transpose()?
        .unwrap_or_default();
    if !fields.is_empty() {
        return Err(invalid("unexpected field in NameConstraints"));
    }
    Ok(ExtensionValue::NameConstraints {
        permitted,
        excluded,
    })
}

fn subtrees(container: &Tlv<'_>) -> Result<Vec<GeneralSubtree>> {
    container
        .children()
        .map(|subtree| {
            let subtree = subtree?.with_tag(TAG_SEQUENCE, "a GeneralSubtree")?;
            let mut fields = subtree.children();
            let base = general_name(&fields.required("base")?, IpForm::Range)?;
            let minimum = fields
                .optional(0x80)?
                .map(|t| integer_u32(t.content))
                .transpose()?;
            let maximum = fields
                .optional(0x81)?
                .map(|t| integer_u32(t.content))
                .transpose()?;
            Ok(GeneralSubtree {
                base,
                minimum,
                maximum,
            })
        })
        .collect()
}

pub fn policy_constraints(value: &Tlv<'_>) -> Result<ExtensionValue> {
    let seq = value.with_tag(TAG_SEQUENCE, "a PolicyConstraints SEQUENCE")?;
    let mut fields = seq.children();
    let require_explicit_policy = fields
        .optional(0x80)?
        .map(|t| integer_u32(t.content))
        .transpose()?;
    let inhibit_policy_mapping = fields
        .optional(0x81)?
        .map(|t| integer_u32(t.content))
        .transpose()?;
    if !fields.is_empty() {
        return Err(invalid("unexpected field in PolicyConstraints"));
    }
    Ok(ExtensionValue::PolicyConstraints {
        require_explicit_policy,
        inhibit_policy_mapping,
    })
}
