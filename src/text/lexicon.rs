//! The word lists of the text layer (`data/text/*.json`), parsed once and
//! normalised with [`normalize`] so they compare with normalised input.
//! The files ship inside the crate and a test parses each of them, so a
//! parse failure here is a build defect, not a user error.

use super::normalize::normalize;
use serde::Deserialize;
use std::collections::{HashMap, HashSet};
use std::sync::OnceLock;

/// Abbreviations whose period does not (always) end a sentence.
pub struct Abbreviations {
    pub never_final: HashSet<String>,
    pub before_number: HashSet<String>,
    pub maybe_final: HashSet<String>,
}

#[derive(Deserialize)]
struct AbbreviationsFile {
    never_final: Vec<String>,
    before_number: Vec<String>,
    maybe_final: Vec<String>,
}

/// Normalises a word-list entry in place, as input text is normalised.
fn norm(s: &mut String) {
    *s = normalize(s).text.trim().to_string();
}

fn normalized_set(words: &[String]) -> HashSet<String> {
    words.iter().map(|w| normalize(w).text.trim().to_string()).collect()
}

pub fn abbreviations() -> &'static Abbreviations {
    static CELL: OnceLock<Abbreviations> = OnceLock::new();
    CELL.get_or_init(|| {
        let f: AbbreviationsFile = serde_json::from_str(data_file!("text/abbreviations.json"))
            .expect("data/text/abbreviations.json is valid");
        Abbreviations {
            never_final: normalized_set(&f.never_final),
            before_number: normalized_set(&f.before_number),
            maybe_final: normalized_set(&f.maybe_final),
        }
    })
}

/// Date and duration vocabulary; see the `_doc` of `data/text/dates.json`.
#[derive(Deserialize)]
pub struct Dates {
    pub months: HashMap<String, Vec<String>>,
    pub weekdays: HashMap<String, Vec<String>>,
    pub numbers: HashMap<String, Vec<String>>,
    pub articles: Vec<String>,
    pub units: HashMap<String, String>,
    pub duration_units_cjk: String,
    pub ago: Vec<String>,
    pub ahead: Vec<String>,
    pub since: Vec<String>,
    pub phrases: Vec<Phrase>,
    pub last: Vec<String>,
    pub next: Vec<String>,
}

/// A fixed relative-date phrase ("yesterday") and its value ("-P1D").
#[derive(Deserialize)]
pub struct Phrase {
    pub text: String,
    pub value: String,
    /// Only counts when the text is in this language.
    #[serde(default)]
    pub strict: Option<crate::contract::Lang>,
}

pub fn dates() -> &'static Dates {
    static CELL: OnceLock<Dates> = OnceLock::new();
    CELL.get_or_init(|| {
        let mut d: Dates =
            serde_json::from_str(data_file!("text/dates.json")).expect("data/text/dates.json is valid");
        for list in d.months.values_mut().chain(d.weekdays.values_mut()).chain(d.numbers.values_mut()) {
            list.iter_mut().for_each(norm);
        }
        d.units.values_mut().for_each(norm);
        norm(&mut d.duration_units_cjk);
        for list in [&mut d.articles, &mut d.ago, &mut d.ahead, &mut d.since, &mut d.last, &mut d.next] {
            list.iter_mut().for_each(norm);
        }
        d.phrases.iter_mut().for_each(|p| norm(&mut p.text));
        d
    })
}

/// Carrier vocabulary; see the `_doc` of `data/text/carriers.json`.
#[derive(Deserialize)]
pub struct Carriers {
    pub carriers: Vec<CarrierWords>,
    pub tracking_words: Vec<String>,
    pub order_words: Vec<String>,
    pub s10_countries: HashMap<String, crate::contract::Carrier>,
}

/// Words that name one carrier, and the digit-only lengths its tracking
/// numbers have.
#[derive(Deserialize)]
pub struct CarrierWords {
    pub carrier: crate::contract::Carrier,
    pub words: Vec<String>,
    pub digits: Vec<usize>,
}

pub fn carriers() -> &'static Carriers {
    static CELL: OnceLock<Carriers> = OnceLock::new();
    CELL.get_or_init(|| {
        let mut c: Carriers = serde_json::from_str(data_file!("text/carriers.json"))
            .expect("data/text/carriers.json is valid");
        c.carriers.iter_mut().for_each(|cw| cw.words.iter_mut().for_each(norm));
        c.tracking_words.iter_mut().for_each(norm);
        c.order_words.iter_mut().for_each(norm);
        c
    })
}

/// Currency symbols, codes and words; see `data/text/money.json`.
#[derive(Deserialize)]
pub struct Money {
    /// Symbol or word (normalised) → ISO 4217 code.
    pub before: HashMap<String, String>,
    pub after: HashMap<String, String>,
    /// Codes whose amounts have no minor unit (JPY).
    pub no_decimals: Vec<String>,
}

pub fn money() -> &'static Money {
    static CELL: OnceLock<Money> = OnceLock::new();
    CELL.get_or_init(|| {
        let m: Money =
            serde_json::from_str(data_file!("text/money.json")).expect("data/text/money.json is valid");
        let keys = |map: HashMap<String, String>| map.into_iter().map(|(k, v)| (normalize(&k).text, v)).collect();
        Money { before: keys(m.before), after: keys(m.after), no_decimals: m.no_decimals }
    })
}
