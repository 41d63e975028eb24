//! The stable identifiers every surface depends on: intents, risk flags,
//! compliance categories, severities, languages, marketplaces, fact kinds and
//! carriers. They are defined here once; the JSON shapes, the CLI, the
//! TypeScript types (`crate::typescript`) and the data files all use these
//! strings, so renaming one is a breaking change for every consumer.

use serde::{Deserialize, Deserializer, Serialize, Serializer};
use std::fmt;
use std::str::FromStr;

/// Defines a closed set of string ids: the enum, `ALL` in declaration order,
/// `as_str`, `FromStr`, `Display` and serde as the bare id string.
macro_rules! id_enum {
    ($(#[$meta:meta])* $name:ident { $($(#[$vmeta:meta])* $variant:ident = $id:literal),+ $(,)? }) => {
        $(#[$meta])*
        #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
        pub enum $name { $($(#[$vmeta])* $variant),+ }

        impl $name {
            /// Every id, in the order of the contract table.
            pub const ALL: &'static [$name] = &[$($name::$variant),+];
            /// The stable id string.
            pub const fn as_str(self) -> &'static str {
                match self { $($name::$variant => $id),+ }
            }
        }

        impl FromStr for $name {
            type Err = crate::error::Error;
            fn from_str(s: &str) -> Result<Self, Self::Err> {
                match s {
                    $($id => Ok($name::$variant),)+
                    _ => Err(crate::error::Error::UnknownId {
                        kind: stringify!($name),
                        value: crate::error::clip(s),
                        expected: $name::ALL.iter().map(|v| v.as_str()).collect::<Vec<_>>().join(", "),
                    }),
                }
            }
        }

        impl fmt::Display for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result { f.write_str(self.as_str()) }
        }

        impl Serialize for $name {
            fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> { s.serialize_str(self.as_str()) }
        }

        impl<'de> Deserialize<'de> for $name {
            fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
                let s = <std::borrow::Cow<'de, str>>::deserialize(d)?;
                s.parse().map_err(serde::de::Error::custom)
            }
        }
    };
}

id_enum! {
    /// What the buyer wants. One primary intent per message, maybe secondaries.
    Intent {
        OrderStatus = "order_status",
        NotReceived = "not_received",
        NotAsDescribed = "not_as_described",
        DamagedDefective = "damaged_defective",
        ReturnRequest = "return_request",
        RefundRequest = "refund_request",
        CancelOrder = "cancel_order",
        ChangeOrder = "change_order",
        ProductQuestion = "product_question",
        InvoiceRequest = "invoice_request",
        FeedbackPositive = "feedback_positive",
        Complaint = "complaint",
        Other = "other",
    }
}

id_enum! {
    /// How dangerous the thread is; any number may be raised.
    Risk {
        AToZ = "a_to_z",
        Chargeback = "chargeback",
        NegativeReview = "negative_review",
        Legal = "legal",
        Safety = "safety",
        Urgent = "urgent",
        Angry = "angry",
    }
}

id_enum! {
    /// Compliance categories of Buyer-Seller Messaging findings.
    Category {
        ReviewManipulation = "review_manipulation",
        ContactInfo = "contact_info",
        Link = "link",
        Marketing = "marketing",
        PolicyAction = "policy_action",
        VagueTimeline = "vague_timeline",
        Language = "language",
        Register = "register",
        Formatting = "formatting",
        Tone = "tone",
        PersonalData = "personal_data",
        Placeholder = "placeholder",
        Length = "length",
        AutoReply = "auto_reply",
    }
}

id_enum! {
    /// How bad a finding is. Ordered from worst to mildest.
    Severity {
        /// Likely to be blocked or to restrict the account.
        Block = "block",
        /// A policy or metrics risk.
        Warning = "warning",
        /// Advice.
        Style = "style",
    }
}

id_enum! {
    /// Languages the engine knows. `Unknown` is an honest answer for text too
    /// short, mixed, or in a language not covered.
    Lang {
        En = "en",
        De = "de",
        Fr = "fr",
        It = "it",
        Es = "es",
        Ja = "ja",
        Zh = "zh",
        Nl = "nl",
        Pl = "pl",
        Sv = "sv",
        Unknown = "unknown",
    }
}

impl Lang {
    /// The six languages with full templates, rules and classifier corpus.
    pub const PRIMARY: &'static [Lang] = &[Lang::En, Lang::De, Lang::Fr, Lang::It, Lang::Es, Lang::Ja];

    /// The marketplace a text in this language is most naturally checked
    /// against (its own market; English and the languages without one of
    /// the six markets: the US).
    pub fn home_marketplace(self) -> Marketplace {
        match self {
            Lang::De => Marketplace::De,
            Lang::Fr => Marketplace::Fr,
            Lang::It => Marketplace::It,
            Lang::Es => Marketplace::Es,
            Lang::Ja => Marketplace::Jp,
            _ => Marketplace::Us,
        }
    }
}

id_enum! {
    /// Amazon marketplaces, by the country code sellers use.
    Marketplace {
        Us = "US",
        Ca = "CA",
        Mx = "MX",
        Uk = "UK",
        De = "DE",
        Fr = "FR",
        It = "IT",
        Es = "ES",
        Nl = "NL",
        Se = "SE",
        Pl = "PL",
        Jp = "JP",
    }
}

impl Marketplace {
    /// Languages a reply on this marketplace may be written in; the first is
    /// the marketplace's default. (Canada accepts English and French.)
    pub fn languages(self) -> &'static [Lang] {
        match self {
            Marketplace::Us | Marketplace::Uk => &[Lang::En],
            Marketplace::Ca => &[Lang::En, Lang::Fr],
            Marketplace::Mx | Marketplace::Es => &[Lang::Es],
            Marketplace::De => &[Lang::De],
            Marketplace::Fr => &[Lang::Fr],
            Marketplace::It => &[Lang::It],
            Marketplace::Nl => &[Lang::Nl],
            Marketplace::Se => &[Lang::Sv],
            Marketplace::Pl => &[Lang::Pl],
            Marketplace::Jp => &[Lang::Ja],
        }
    }

    /// The marketplace's default reply language.
    pub fn language(self) -> Lang {
        self.languages()[0]
    }
}

id_enum! {
    /// Kinds of facts found in text.
    EntityKind {
        OrderId = "order_id",
        Asin = "asin",
        Tracking = "tracking",
        Money = "money",
        Date = "date",
        Duration = "duration",
        Model = "model",
    }
}

id_enum! {
    /// Carriers that can be inferred from a tracking number's format.
    Carrier {
        Ups = "ups",
        Usps = "usps",
        Fedex = "fedex",
        DhlExpress = "dhl_express",
        DhlPaket = "dhl_paket",
        RoyalMail = "royal_mail",
        DeutschePost = "deutsche_post",
        LaPoste = "la_poste",
        PosteItaliane = "poste_italiane",
        Correos = "correos",
        JapanPost = "japan_post",
        Yamato = "yamato",
        Sagawa = "sagawa",
        AmazonLogistics = "amazon_logistics",
    }
}

id_enum! {
    /// The three parts of a reply: confirm what the buyer said, say what we
    /// did or will do, and give a timeline with a concrete date.
    Part {
        Confirm = "confirm",
        Act = "act",
        Timeline = "timeline",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_round_trip_through_strings_and_json() {
        for i in Intent::ALL {
            assert_eq!(i.as_str().parse::<Intent>().unwrap(), *i);
            let json = serde_json::to_string(i).unwrap();
            assert_eq!(serde_json::from_str::<Intent>(&json).unwrap(), *i);
        }
        assert_eq!(Intent::ALL.len(), 13);
        assert_eq!(Category::ALL.len(), 14);
        assert_eq!(Risk::ALL.len(), 7);
        assert_eq!(Marketplace::ALL.len(), 12);
    }

    #[test]
    fn unknown_id_names_what_was_expected() {
        let err = "XX".parse::<Marketplace>().unwrap_err().to_string();
        assert!(err.contains("XX") && err.contains("DE"), "{err}");
    }
}
