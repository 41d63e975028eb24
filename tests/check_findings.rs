//! How findings come out: exact UTF-16 spans, the merge policy, order,
//! determinism, length counting, structure, and large inputs.

use std::time::Instant;
use tactful::check::{CheckContext, Checker, Finding};
use tactful::contract::{Marketplace, Part, Severity};
use tactful::text::offsets::to_utf16;
use tactful::text::Span;

fn ctx(marketplace: Marketplace) -> CheckContext {
    CheckContext { marketplace, buyer_language: None, proactive: false }
}

/// Findings with UTF-16 spans, as JSON and JS see them.
fn utf16(checker: &Checker, draft: &str, marketplace: Marketplace) -> Vec<(String, usize, usize)> {
    let result = to_utf16(draft, checker.check(draft, &ctx(marketplace)).expect("check"));
    result.findings.into_iter().map(|f| (f.rule, f.span.start, f.span.end)).collect()
}

#[test]
fn spans_are_exact_in_utf16() {
    let checker = Checker::builtin();
    type Case<'a> = (&'a str, Marketplace, &'a [(&'a str, usize, usize)]);
    let cases: &[Case] = &[
        ("Email me at sam@shop.com today.", Marketplace::Us, &[("contact_info.email", 12, 24)]),
        ("Danke 👍🏽 für Ihre Geduld.", Marketplace::De, &[("formatting.emoji", 6, 10)]),
        ("遅れてごめんなさい。", Marketplace::Jp, &[("register.ja_casual_apology", 3, 9)]),
        ("🎉 Add us on WhatsApp", Marketplace::Us, &[("formatting.emoji", 0, 2), ("contact_info.messenger", 13, 21)]),
        ("We will ship soon!!!", Marketplace::Us, &[("vague_timeline.soon", 13, 17), ("formatting.exclamation", 17, 20)]),
        ("Call 0161 496 0000 or see www.myshop.com/sale.", Marketplace::Uk, &[("contact_info.phone", 5, 18), ("link.external", 26, 45)]),
        ("Track: https://www.ups.com/track?n=1Z999AA10123456784.", Marketplace::Us, &[]),
        ("Track: http://www.ups.com/track", Marketplace::Us, &[("link.non_https", 7, 31)]),
        // Full-width forms are matched through normalisation, reported on the user's characters.
        ("電話：０９０－１２３４－５６７８まで", Marketplace::Jp, &[("contact_info.phone", 3, 16)]),
        ("ＬＩＮＥで友だち追加", Marketplace::Jp, &[("contact_info.line_app", 0, 5)]),
        ("Mail: sam＠shop.com", Marketplace::Us, &[("contact_info.email", 6, 18)]),
    ];
    for (draft, market, expected) in cases {
        let got = utf16(&checker, draft, *market);
        let expected: Vec<(String, usize, usize)> = expected.iter().map(|(r, s, e)| (r.to_string(), *s, *e)).collect();
        assert_eq!(got, expected, "{draft}");
    }
}

#[test]
fn computed_fixes_come_first() {
    let checker = Checker::builtin();
    let r = checker.check("Track: http://www.ups.com/track", &ctx(Marketplace::Us)).expect("check");
    assert_eq!(r.findings[0].fixes, vec!["https://www.ups.com/track".to_string()]);
    let r = checker.check("PLEASE READ THE MANUAL first.", &ctx(Marketplace::Us)).expect("check");
    assert_eq!(r.findings[0].fixes[0], "Please read the manual");
}

#[test]
fn same_category_overlaps_merge_and_other_categories_nest() {
    let checker = Checker::builtin();
    // Incentive and positive-only overlap: one review finding over both.
    let draft = "We send a gift card in exchange for a 5-star review.";
    let r = checker.check(draft, &ctx(Marketplace::Us)).expect("check");
    let review: Vec<&Finding> = r.findings.iter().filter(|f| f.rule.starts_with("review_manipulation")).collect();
    assert_eq!(review.len(), 1, "{:?}", r.findings);
    assert_eq!(review[0].span, Span::new(draft.find("gift").unwrap(), draft.find(" review.").unwrap() + 7));
    // A vague promise inside a shouted run: two categories, both kept.
    let draft = "WE WILL SHIP IT ASAP";
    let r = checker.check(draft, &ctx(Marketplace::Us)).expect("check");
    let rules: Vec<(&str, Span)> = r.findings.iter().map(|f| (f.rule.as_str(), f.span)).collect();
    assert_eq!(rules, vec![("formatting.caps", Span::new(0, 20)), ("vague_timeline.asap", Span::new(16, 20))]);
}

#[test]
fn findings_are_sorted_and_deterministic() {
    let checker = Checker::builtin();
    let draft = "Hey!!! Leave 5 stars and email sam@shop.com, we ship ASAP 😊 {order_id}";
    let a = checker.check(draft, &ctx(Marketplace::Us)).expect("check");
    let b = checker.check(draft, &ctx(Marketplace::Us)).expect("check");
    assert_eq!(a, b);
    assert_eq!(serde_json::to_string(&a).unwrap(), serde_json::to_string(&b).unwrap());
    let other = Checker::builtin().check(draft, &ctx(Marketplace::Us)).expect("check");
    assert_eq!(a, other, "a fresh checker gives the same answer");
    for pair in a.findings.windows(2) {
        let key = |f: &Finding| (f.span.start, f.severity, std::cmp::Reverse(f.span.end));
        assert!(key(&pair[0]) <= key(&pair[1]), "{:?} before {:?}", pair[0].rule, pair[1].rule);
    }
    assert!(a.findings.len() >= 7, "{:?}", a.findings.iter().map(|f| &f.rule).collect::<Vec<_>>());
}

#[test]
fn length_counts_characters_and_highlights_the_excess() {
    let checker = Checker::builtin();
    let draft = "ü".repeat(2_000) + "Ende";
    let r = checker.check(&draft, &ctx(Marketplace::De)).expect("check");
    assert_eq!(r.chars, 2_004);
    let f = r.findings.iter().find(|f| f.rule == "length.over_limit").expect("length finding");
    assert_eq!(f.span, Span::new(4_000, draft.len()));
    let exact = "ü".repeat(2_000);
    let r = checker.check(&exact, &ctx(Marketplace::De)).expect("check");
    assert!(r.findings.iter().all(|f| f.rule != "length.over_limit"));
}

#[test]
fn structure_finds_the_three_parts_or_names_the_missing_ones() {
    let checker = Checker::builtin();
    // (draft, marketplace, expected confirm / act / timeline sentences)
    type Case<'a> = (&'a str, Marketplace, [Option<&'a str>; 3]);
    let cases: &[Case] = &[
        (
            "Hello Sam, thank you for letting us know. We have sent a replacement today. It will arrive by Friday, 14 March.",
            Marketplace::Us,
            [Some("Hello Sam, thank you for letting us know."), Some("We have sent a replacement today."), Some("It will arrive by Friday, 14 March.")],
        ),
        (
            "Guten Tag, vielen Dank für Ihre Nachricht. Wir haben den Ersatz heute verschickt. Er kommt innerhalb von 2 Werktagen an.",
            Marketplace::De,
            [Some("Guten Tag, vielen Dank für Ihre Nachricht."), Some("Wir haben den Ersatz heute verschickt."), Some("Er kommt innerhalb von 2 Werktagen an.")],
        ),
        (
            "Bonjour, nous avons bien reçu votre message. Nous vous avons remboursé aujourd'hui. Le montant apparaîtra sous 5 jours ouvrés.",
            Marketplace::Fr,
            [Some("Bonjour, nous avons bien reçu votre message."), Some("Nous vous avons remboursé aujourd'hui."), Some("Le montant apparaîtra sous 5 jours ouvrés.")],
        ),
        (
            "ご連絡いただきありがとうございます。本日代替品を発送いたしました。3月14日までにお届けいたします。",
            Marketplace::Jp,
            [Some("ご連絡いただきありがとうございます。"), Some("本日代替品を発送いたしました。"), Some("3月14日までにお届けいたします。")],
        ),
        // A past "today" is a fact, not the promised date; with nothing
        // better it still counts as the timeline.
        ("We have sent a replacement today.", Marketplace::Us, [None, Some("We have sent a replacement today."), Some("We have sent a replacement today.")]),
        ("Wir haben Ihre Nachricht erhalten.", Marketplace::De, [Some("Wir haben Ihre Nachricht erhalten."), None, None]),
        ("Ok.", Marketplace::Us, [None, None, None]),
    ];
    for (draft, market, expected) in cases {
        let s = checker.check(draft, &ctx(*market)).expect("check").structure;
        let got = [s.confirm, s.act, s.timeline].map(|p| p.map(|span| &draft[span.start..span.end]));
        assert_eq!(&got, expected, "{draft}");
        let missing: Vec<Part> = [Part::Confirm, Part::Act, Part::Timeline].into_iter().zip(expected).filter(|(_, e)| e.is_none()).map(|(p, _)| p).collect();
        assert_eq!(s.missing, missing, "{draft}");
    }
}

#[test]
fn a_five_megabyte_draft_returns() {
    let checker = Checker::builtin();
    let block = "Thank you for your message!!! We will ship soon, see www.example.com or call 0161 496 0000. 😊\n\n\n\n";
    let draft = block.repeat(5_000_000 / block.len() + 1);
    let started = Instant::now();
    let r = checker.check(&draft, &ctx(Marketplace::Uk)).expect("check");
    println!("5 MB draft ({} bytes): {} findings in {:?}", draft.len(), r.findings.len(), started.elapsed());
    assert!(r.findings.iter().any(|f| f.rule == "length.over_limit"));
    let per_rule = r.findings.iter().filter(|f| f.rule == "formatting.exclamation").count();
    assert_eq!(per_rule, 200, "findings per rule are capped");
}

#[test]
fn severities_follow_the_policy() {
    let checker = Checker::builtin();
    let severity = |draft: &str, rule: &str| {
        checker.check(draft, &ctx(Marketplace::Us)).expect("check").findings.into_iter().find(|f| f.rule == rule).map(|f| f.severity)
    };
    assert_eq!(severity("Email sam@shop.com", "contact_info.email"), Some(Severity::Block));
    assert_eq!(severity("I'll PayPal you £5", "policy_action.off_amazon_payment"), Some(Severity::Block));
    assert_eq!(severity("We will refund you soon.", "vague_timeline.soon"), Some(Severity::Warning));
    assert_eq!(severity("Thanks!!!", "formatting.exclamation"), Some(Severity::Style));
}

/// Every span of every finding and part lies on char boundaries inside the
/// draft, for odd text (expansions, combining marks, ZWJ emoji, CRLF,
/// full-width forms) and for every prefix of it.
#[test]
fn spans_stay_on_char_boundaries_for_odd_text() {
    let checker = Checker::builtin();
    let samples = [
        "Straße ß ẞ e\u{301}mail SAM＠SHOP．COM 👩‍👩‍👧 ｶﾞｲﾄﾞ\r\n\r\n\r\n\r\nＢＩＴ．ＬＹ/abc!!!",
        "ご連絡ありがとうございます。ＬＩＮＥで友だち追加してください！！ 電話：０９０－１２３４－５６７８",
        "ﬁnal ﬂoor ① ② … «Bewertung» – bitte löschen\u{AD}Sie Ihr Feedback",
        "{{buyer_name}} [Buyer Name] <NAME> XXX ○○様 %NAME% #order-id#",
    ];
    for sample in samples {
        let cuts: Vec<usize> = sample.char_indices().map(|(i, _)| i).chain(std::iter::once(sample.len())).collect();
        for &cut in &cuts {
            let draft = &sample[..cut];
            let result = checker.check(draft, &ctx(Marketplace::De)).expect("check");
            let spans = result
                .findings
                .iter()
                .map(|f| f.span)
                .chain([result.structure.confirm, result.structure.act, result.structure.timeline].into_iter().flatten());
            for span in spans {
                assert!(span.start <= span.end && span.end <= draft.len(), "{span:?} in {draft:?}");
                assert!(draft.is_char_boundary(span.start) && draft.is_char_boundary(span.end), "{span:?} in {draft:?}");
            }
        }
    }
}

/// A date written the way the market writes it is a timeline even when no
/// cue phrase names it (the suggester's own French and Spanish replies).
#[test]
fn a_concrete_date_in_any_phrasing_is_a_timeline() {
    use tactful::check::{CheckContext, Checker};
    use tactful::contract::{Marketplace, Part};
    let checker = Checker::builtin();
    for (market, draft, date) in [
        (Marketplace::Fr, "Bonjour, nous vous enverrons un remplacement au plus tard le mercredi 25 novembre.", "25 novembre"),
        (Marketplace::Es, "Buenos días, le enviaremos un reemplazo como máximo el miércoles 25 de noviembre.", "25 de noviembre"),
        (Marketplace::It, "Buongiorno, il rimborso sarà completato entro mercoledì 25 novembre.", "25 novembre"),
    ] {
        let ctx = CheckContext { marketplace: market, ..CheckContext::default() };
        let s = checker.check(draft, &ctx).unwrap().structure;
        let span = s.timeline.unwrap_or_else(|| panic!("no timeline in {draft:?}"));
        assert!(span.slice(draft).contains(date), "{draft:?}: timeline {:?}", span.slice(draft));
        assert!(!s.missing.contains(&Part::Timeline));
    }
    let ctx = CheckContext { marketplace: Marketplace::Us, ..CheckContext::default() };
    let past = checker.check("Hello, your parcel left our warehouse yesterday.", &ctx).unwrap().structure;
    assert!(past.missing.contains(&Part::Timeline), "a date in the past is no timeline");
}
