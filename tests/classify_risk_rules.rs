//! The legal, safety and chargeback phrase rules (`data/model/risk_rules.json`) on
//! messages written for this test, not taken from the corpus: the ways
//! buyers say these things in each language (no accents, misspellings
//! included) must raise the flag, and harmless uses of the same words
//! ("Fire TV Stick", "burning question", "I'm not sure", "dead battery")
//! must not. The corpus measures the rules; this guards what they are for.

use tactful::classify::risk::RiskRules;
use tactful::classify::Prepared;
use tactful::contract::Risk;

const RULES: &str = include_str!("../data/model/risk_rules.json");

fn raised(rules: &RiskRules, text: &str) -> Vec<Risk> {
    let p = Prepared::new(text);
    let mut r: Vec<Risk> = rules.find(&p.normalized.text, p.detected).into_iter().map(|m| m.risk).collect();
    r.sort();
    r.dedup();
    r
}

fn check(risk: Risk, flagged: &[&str], harmless: &[&str]) {
    let rules = RiskRules::from_json(RULES).expect("risk rules compile");
    let mut wrong = Vec::new();
    for t in flagged {
        if !raised(&rules, t).contains(&risk) {
            wrong.push(format!("missed: {t}"));
        }
    }
    for t in harmless {
        if raised(&rules, t).contains(&risk) {
            wrong.push(format!("false alarm: {t}"));
        }
    }
    assert!(wrong.is_empty(), "{risk:?}:\n{}", wrong.join("\n"));
}

#[test]
fn legal_threats_in_every_language() {
    check(
        Risk::Legal,
        &[
            "If this isn't sorted by Monday my solicitor will be writing to you.",
            "I have spoken to an attorney about the burns.",
            "Refund me or I'll see you in small claims court.",
            "I'm reporting this listing to Trading Standards.",
            "Selling counterfeit goods is illegal, you know that.",
            "Citizens Advice told me I'm entitled to a repair or refund.",
            "im going to sue you for this",
            "Ich habe meinen Rechtsanwalt eingeschaltet.",
            "Das ist rechtswidrig, ich gehe zur Verbraucherzentrale.",
            "Wenn nichts passiert, sehen wir uns vor Gericht.",
            "Je vais saisir le tribunal judiciaire.",
            "Mon avocat vous enverra une mise en demeure.",
            "Je fais un signalement sur SignalConso et a la DGCCRF.",
            "Mi rivolgo al mio avvocato se non rispondete.",
            "Faccio un esposto all'Antitrust per pubblicita ingannevole.",
            "Vi denuncio alla polizia postale.",
            "Voy a poner una reclamacion en la OMIC y hablar con mi abogado.",
            "Esto es ilegal y lo llevare a los tribunales.",
            "Les voy a demandar si no me devuelven el dinero.",
            "弁護士に相談しています。",
            "消費生活センターに連絡しました。",
            "法的措置を検討します。",
        ],
        &[
            "Does the Fire TV stick come with a remote?",
            "The court shoes run small, can I swap for a 6?",
            "My mother-in-law loved the scarf, thank you!",
            "Per favore indicate la sede legale in fattura.",
            "Il pacco e in ritardo a causa dello sciopero?",
            "Hay mucha demanda, cuando vuelve a haber stock?",
            "Es un anillo de plata de ley 925?",
            "L'huile d'avocat est-elle bio ?",
            "Amazonに通報すべきでしょうか、それとも出品者さんに直接聞けばいいですか。",
        ],
    );
}

#[test]
fn safety_reports_in_every_language() {
    check(
        Risk::Safety,
        &[
            "The charger started smoking and there's a scorch mark on the desk.",
            "My son choked on one of the small beads, he's fine now but this is a choking hazard.",
            "Got an electric shock off the kettle base.",
            "The phone battery is swollen and the case is bulging.",
            "it caught fire while charging!!",
            "The blade came loose and cut my hand, I needed stitches.",
            "My dog got really sick after eating these treats, the vet thinks it's poisoning.",
            "Die Lichterkette ist durchgeschmort und hat Funken geschlagen.",
            "Mein Sohn hat sich an der scharfen Kante verletzt.",
            "Das Ladegeraet wurde glühend heiß und fing an zu qualmen.",
            "Le chargeur a fait des etincelles et une odeur de brule.",
            "Ma fille a eu une reaction allergique, plaques rouges partout.",
            "La lampe a pris feu dans la chambre.",
            "Il caricatore ha fatto scintille ed e uscito fumo.",
            "Mio figlio ha ingoiato un pezzo, siamo andati al pronto soccorso.",
            "La crema mi ha provocato un'irritazione e prurito.",
            "El cargador se sobrecalento y se derritio el enchufe.",
            "Me dio calambre al tocar la lampara.",
            "Mi hijo se atraganto con una pieza pequeña.",
            "充電中に発火しました。",
            "子供が部品を誤飲しそうになりました。",
            "使用中に煙が出て焦げ臭いです。",
        ],
        &[
            "Is the Kindle Fire case compatible with the 2022 model?",
            "Quick burning question: does it come in burnt orange?",
            "We are a smoke-free home, please don't add perfume samples.",
            "The battery died after two days, can I get a replacement?",
            "I'm in hospital until Friday, please deliver to my neighbour.",
            "Ich bin nicht sicher, welche Groesse ich nehmen soll.",
            "Bitte um Rueckruf wegen der Lieferung.",
            "Le feu arriere du velo fonctionne avec des piles ?",
            "Je ne suis pas sur de la couleur, je peux echanger ?",
            "La batteria e morta dopo un mese, me la sostituite?",
            "Il prodotto e fatto male, le cuciture sono storte.",
            "Es una lastima, el color no es el de la foto.",
            "Se cayo la pagina cuando pagaba, se hizo el pedido?",
            "燃えるゴミで捨てていいですか？",
            "電源を切ったら動かなくなりました。",
            "気の毒ですが、返品はできますか。",
        ],
    );
}

#[test]
fn chargeback_threats_in_every_language() {
    check(
        Risk::Chargeback,
        &[
            "Refund today or I'm calling my bank to reverse the charge.",
            "I've opened a PayPal dispute.",
            "Ich lasse die Lastschrift zurueckgehen.",
            "Je vais faire opposition sur ma carte.",
            "Contestero l'addebito con la mia banca.",
            "Voy a pedir un contracargo a mi banco.",
            "カード会社に連絡して支払いを止めます。",
        ],
        &[
            "Please refund to my credit card, not as a gift card.",
            "Is there a reference number I can give my bank?",
            "Meine Bank sagt, es kam keine Erstattung an.",
        ],
    );
}

#[test]
fn unless_phrases_only_drop_the_match_they_overlap() {
    let rules = RiskRules::from_json(RULES).expect("risk rules compile");
    // "no smoke" is dropped, "sparks" still counts.
    assert!(raised(&rules, "No smoke, but it sparks every time I plug it in.").contains(&Risk::Safety));
    assert!(!raised(&rules, "Does the Fire TV stick need a separate power adapter?").contains(&Risk::Safety));
}
