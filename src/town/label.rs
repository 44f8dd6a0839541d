//! How a town keeps its model label: a list of ranked, dated, sourced
//! claims ([`Claim<RegionalModel>`]), and the JSON forms of the `model`
//! field.
//!
//! Most towns have one undated label of normal rank, which format 1 and
//! format 2 wrote as one object `{"value", "source"}` (with an optional
//! reference `year`); that form is still read and written for them, so
//! their files round-trip byte for byte. A label that sources dispute, or
//! that changed over time, is an array of claims, each as a profile
//! claim: `{"value", "period", "rank", "source"}`.
//!
//! The one-claim case is stored inline, without an allocation, as the
//! single `Observed` of before was.

use serde::de::{self, MapAccess, SeqAccess, Visitor};
use serde::{Deserialize, Deserializer, Serialize, Serializer};

use crate::{Claim, Observed, Period, Rank, RegionalModel};

/// A town's model-label claims, in order.
#[derive(Debug, Clone, PartialEq, Default)]
pub(crate) enum ModelLabel {
    /// No label.
    #[default]
    Unlabelled,
    /// One claim.
    One(Claim<RegionalModel>),
    /// Two claims or more.
    Many(Box<[Claim<RegionalModel>]>),
}

impl ModelLabel {
    /// From claims in order.
    pub(crate) fn from_claims(mut claims: Vec<Claim<RegionalModel>>) -> ModelLabel {
        match claims.len() {
            0 => ModelLabel::Unlabelled,
            1 => claims.pop().map_or(ModelLabel::Unlabelled, ModelLabel::One),
            _ => ModelLabel::Many(claims.into_boxed_slice()),
        }
    }

    /// The claims, in order.
    pub(crate) fn claims(&self) -> &[Claim<RegionalModel>] {
        match self {
            ModelLabel::Unlabelled => &[],
            ModelLabel::One(c) => std::slice::from_ref(c),
            ModelLabel::Many(cs) => cs,
        }
    }

    /// Whether there is no claim.
    pub(crate) fn is_empty(&self) -> bool {
        matches!(self, ModelLabel::Unlabelled)
    }

    /// Adds a claim at the end.
    pub(crate) fn push(&mut self, claim: Claim<RegionalModel>) {
        let mut all = std::mem::take(self).claims().to_vec();
        all.push(claim);
        *self = ModelLabel::from_claims(all);
    }

    /// The claim that holds now, by the rule of profile claims
    /// ([`ProfileClaims::current`](crate::ProfileClaims::current)).
    pub(crate) fn current(&self) -> Option<&Claim<RegionalModel>> {
        match self {
            ModelLabel::Unlabelled => None,
            // The rule on one claim: it holds unless deprecated.
            ModelLabel::One(c) => (c.rank() != Rank::Deprecated).then_some(c),
            ModelLabel::Many(cs) => crate::dimension::resolve_current(cs),
        }
    }

    /// The one claim, if it can be written in the object form of formats 1
    /// and 2: normal rank, undated or dated to a single year.
    fn compact(&self) -> Option<(&Claim<RegionalModel>, Option<crate::Year>)> {
        let ModelLabel::One(c) = self else { return None };
        if c.rank() != Rank::Normal {
            return None;
        }
        match c.period() {
            None => Some((c, None)),
            Some(p) if p.end() == Some(p.start()) => Some((c, Some(p.start()))),
            Some(_) => None,
        }
    }

    /// Whether the label is written in the object form (or absent), with
    /// its field named `model`; otherwise each claim is `model[i]`.
    pub(crate) fn is_compact(&self) -> bool {
        self.is_empty() || self.compact().is_some()
    }
}

/// The claim an observation of the label stands for: undated, or dated to
/// its reference year; normal rank.
pub(crate) fn claim_of(o: Observed<RegionalModel>) -> Claim<RegionalModel> {
    let year = o.year();
    let source = o.source().clone();
    let claim = Claim::new(*o.value(), source);
    match year.and_then(|y| Period::new(y, Some(y)).ok()) {
        Some(p) => claim.with_period(p),
        None => claim,
    }
}

impl Serialize for ModelLabel {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        if let Some((c, year)) = self.compact() {
            let mut o = Observed::new(*c.value(), c.source().clone());
            if let Some(y) = year {
                o = o.with_year(y);
            }
            return o.serialize(s);
        }
        self.claims().serialize(s)
    }
}

impl<'de> Deserialize<'de> for ModelLabel {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<ModelLabel, D::Error> {
        struct LabelVisitor;
        impl<'de> Visitor<'de> for LabelVisitor {
            type Value = ModelLabel;
            fn expecting(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
                f.write_str("a model label: an object {value, source} or an array of claims")
            }
            fn visit_map<A: MapAccess<'de>>(self, map: A) -> Result<ModelLabel, A::Error> {
                let o = Observed::<RegionalModel>::deserialize(de::value::MapAccessDeserializer::new(map))?;
                Ok(ModelLabel::One(claim_of(o)))
            }
            fn visit_seq<A: SeqAccess<'de>>(self, seq: A) -> Result<ModelLabel, A::Error> {
                let claims = Vec::<Claim<RegionalModel>>::deserialize(de::value::SeqAccessDeserializer::new(seq))?;
                Ok(ModelLabel::from_claims(claims))
            }
        }
        d.deserialize_any(LabelVisitor)
    }
}
