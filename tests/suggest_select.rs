//! Choosing the template, the language and the opener; filling variables;
//! the clock and the notes on risky threads.

use tactful::contract::{Intent, Lang, Marketplace, Risk};
use tactful::suggest::{parse_amount, Profile, SuggestContext, Tone};
use tactful::Engine;

/// Tuesday 11 March 2025, 03:00 UTC.
const NOW: i64 = 1_741_662_000_000;

fn ctx(m: Marketplace, intent: Intent, vars: &[(&str, &str)]) -> SuggestContext {
    SuggestContext {
        marketplace: m,
        now_ms: Some(NOW),
        intent: Some(intent),
        variables: vars.iter().map(|(k, v)| (k.to_string(), v.to_string())).collect(),
        ..SuggestContext::default()
    }
}

#[test]
fn the_variant_follows_facts_risks_and_the_profiles_remedies() {
    let engine = Engine::new();
    let p = Profile::default();
    let pick = |profile: &Profile, c: SuggestContext| engine.suggest("", profile, &c).expect("suggest").template;
    // (intent, variables, risks, expected template)
    type Case<'a> = (Intent, Vec<(&'a str, &'a str)>, Vec<Risk>, &'a str);
    let cases: Vec<Case> = vec![
        (Intent::NotReceived, vec![], vec![], "not_received.reship"),
        (Intent::NotReceived, vec![("tracking_id", "1Z999AA10123456784")], vec![], "not_received.trace"),
        (Intent::NotReceived, vec![("refund_amount", "$12.50")], vec![], "not_received.refund"),
        (Intent::NotReceived, vec![("refund_amount", "$89.00")], vec![], "not_received.reship"),
        (Intent::DamagedDefective, vec![], vec![], "damaged_defective.replacement"),
        (Intent::DamagedDefective, vec![], vec![Risk::Safety], "damaged_defective.safety"),
        (Intent::DamagedDefective, vec![("refund_amount", "9,99 €")], vec![], "damaged_defective.refund"),
        (Intent::OrderStatus, vec![], vec![], "order_status.ships_soon"),
        (Intent::OrderStatus, vec![("tracking_id", "1Z999AA10123456784")], vec![], "order_status.tracking"),
        (Intent::ChangeOrder, vec![], vec![], "change_order.address"),
    ];
    for (intent, vars, risks, expected) in cases {
        let mut c = ctx(Marketplace::Us, intent, &vars);
        c.risks = risks;
        assert_eq!(pick(&p, c), expected, "{intent} {vars:?}");
    }
    let mut refunder = Profile::default();
    refunder.remedies.not_received = String::from("refund");
    refunder.remedies.damaged_defective = String::from("refund");
    assert_eq!(pick(&refunder, ctx(Marketplace::Us, Intent::NotReceived, &[])), "not_received.refund");
    assert_eq!(pick(&refunder, ctx(Marketplace::Us, Intent::DamagedDefective, &[])), "damaged_defective.refund");
    // The safety variant is never offered first without a safety flag.
    let s = engine.suggest("", &p, &ctx(Marketplace::Us, Intent::DamagedDefective, &[])).expect("suggest");
    assert_eq!(s.candidates.last().map(String::as_str), Some("damaged_defective.safety"));
}

#[test]
fn the_reply_language_follows_marketplace_and_buyer() {
    let engine = Engine::new();
    let p = Profile::default();
    let cases = [
        (Marketplace::De, Lang::De),
        (Marketplace::Fr, Lang::Fr),
        (Marketplace::Ca, Lang::En),
        (Marketplace::Mx, Lang::Es),
        (Marketplace::Jp, Lang::Ja),
        (Marketplace::Uk, Lang::En),
        // No templates in Dutch, Swedish or Polish yet: English.
        (Marketplace::Nl, Lang::En),
        (Marketplace::Se, Lang::En),
    ];
    for (m, lang) in cases {
        let s = engine.suggest("", &p, &ctx(m, Intent::Other, &[])).expect("suggest");
        assert_eq!(s.language, lang, "{m}");
    }
}

#[test]
fn variables_come_from_profile_overrides_and_dates_and_unknown_ones_stay_missing() {
    let engine = Engine::new();
    let mut p = Profile { seller_name: String::from("Lumen Home"), return_days: 60, ..Profile::default() };
    p.carriers.insert(String::from("UK"), String::from("Royal Mail"));
    let c = ctx(Marketplace::Uk, Intent::ReturnRequest, &[("buyer_name", "Sam"), ("order_id", "202-1234567-7654321"), ("colour", "red")]);
    let s = engine.suggest("", &p, &c).expect("suggest");
    assert_eq!(s.template, "return_request.label");
    assert!(s.reply.starts_with("Hello Sam,\n\n"), "{}", s.reply);
    assert!(s.parts.act.contains("60 days"), "{}", s.parts.act);
    assert!(s.parts.confirm.contains("202-1234567-7654321"));
    // 11 March 03:00 UTC is 11:00 in Shanghai: 2 business days -> Thursday 13 March, British style.
    assert!(s.parts.timeline.contains("Thursday, 13 March"), "{}", s.parts.timeline);
    assert!(s.reply.ends_with("Kind regards,\nLumen Home"), "{}", s.reply);
    assert_eq!(s.variables.get("carrier").map(String::as_str), Some("Royal Mail"));
    assert!(!s.variables.contains_key("colour"));
    assert!(s.missing.is_empty());

    // Without a buyer name the greeting is anonymous, never guessed; a
    // product answer the seller has not written stays as {answer}.
    let s = engine.suggest("Passt die Halterung auch in einen Golf von 2019?", &p, &ctx(Marketplace::De, Intent::ProductQuestion, &[])).expect("suggest");
    assert!(s.reply.starts_with("Guten Tag,\n\n"), "{}", s.reply);
    assert_eq!(s.missing, vec![String::from("answer")]);
    assert!(s.parts.act.ends_with("{answer}"), "{}", s.parts.act);
    assert_eq!(s.parts.act.matches('{').count(), 1, "only {{answer}} stays open: {}", s.parts.act);

    // Without now_ms: no dates, the date variables are reported missing.
    let mut c = ctx(Marketplace::Us, Intent::Other, &[("order_id", "113-4455667-2233445")]);
    c.now_ms = None;
    let s = engine.suggest("", &p, &c).expect("suggest");
    assert!(s.dates.is_none() && s.clock.is_none());
    assert_eq!(s.missing, vec![String::from("resolve_by")]);
}

#[test]
fn risky_threads_open_with_an_apology_and_carry_notes_for_the_seller() {
    let engine = Engine::new();
    let p = Profile { tone: Tone::Brief, ..Profile::default() };
    let mut c = ctx(Marketplace::De, Intent::DamagedDefective, &[]);
    c.risks = vec![Risk::Angry, Risk::Safety];
    let s = engine.suggest("", &p, &c).expect("suggest");
    assert!(s.parts.confirm.starts_with("Danke, dass Sie uns sofort informiert haben."), "{}", s.parts.confirm);
    assert_eq!(s.template, "damaged_defective.safety");
    let notes: Vec<&str> = s.notes.iter().map(|n| n.en.as_str()).collect();
    assert!(notes.iter().any(|n| n.contains("Stop selling this ASIN")), "{notes:?}");
    assert!(notes.iter().any(|n| n.contains("LEARN")), "{notes:?}");
    assert!(s.notes.iter().all(|n| !n.zh.is_empty()));
    assert!(s.reply.contains("\n\nFreundliche Grüße\n"), "{}", s.reply);

    let mut c = ctx(Marketplace::Jp, Intent::Complaint, &[]);
    c.risks = vec![Risk::Legal];
    let s = engine.suggest("", &Profile::default(), &c).expect("suggest");
    assert!(s.parts.confirm.starts_with("ご懸念の点を詳しくお知らせいただき"), "{}", s.parts.confirm);
    assert!(s.notes.iter().any(|n| n.en.contains("compensation")));
    // No risk, no opener and no notes.
    let s = engine.suggest("", &Profile::default(), &ctx(Marketplace::Us, Intent::Complaint, &[])).expect("suggest");
    assert!(s.notes.is_empty() && s.parts.confirm.starts_with("We are sorry that our service"));
}

#[test]
fn the_clock_comes_with_the_suggestion() {
    let engine = Engine::new();
    let mut c = ctx(Marketplace::Jp, Intent::Other, &[]);
    c.received_ms = Some(NOW - 20 * 3_600_000);
    let s = engine.suggest("", &Profile::default(), &c).expect("suggest");
    let clock = s.clock.expect("clock");
    assert_eq!((clock.remaining_minutes, clock.overdue), (Some(240), false));
    assert_eq!((clock.buyer_local_time.as_str(), clock.buyer_night), ("12:00", false));
}

#[test]
fn amounts_parse_in_every_market_style() {
    let cases = [("$24.99", 24.99), ("24,99 €", 24.99), ("1.234,50 EUR", 1234.5), ("2,480円", 2480.0), ("£1,299", 1299.0), ("USD 7", 7.0)];
    for (text, value) in cases {
        assert_eq!(parse_amount(text), Some(value), "{text}");
    }
    assert_eq!(parse_amount("free"), None);
}

#[test]
fn a_bad_profile_is_an_error_not_a_reply() {
    let engine = Engine::new();
    let p = Profile { return_days: 0, ..Profile::default() };
    let err = engine.suggest("", &p, &ctx(Marketplace::Us, Intent::Other, &[])).expect_err("invalid profile");
    assert!(err.to_string().contains("return_days"), "{err}");
}

#[test]
fn times_out_of_range_are_errors() {
    let engine = Engine::new();
    for (now, received, field) in [(Some(i64::MAX), None, "now_ms"), (Some(-5), None, "now_ms"), (Some(NOW), Some(i64::MIN), "received_ms")] {
        let mut c = ctx(Marketplace::Us, Intent::Other, &[]);
        c.now_ms = now;
        c.received_ms = received;
        let err = engine.suggest("", &Profile::default(), &c).expect_err(field);
        assert!(err.to_string().contains(field), "{err}");
    }
}

#[test]
fn filling_keeps_markers_and_one_full_stop() {
    use std::collections::BTreeMap;
    use tactful::suggest::fill::fill;
    let values: BTreeMap<String, String> =
        [("resolve_by", "Mittwoch, 25.11."), ("order_id", "302-4455667-2233445"), ("answer", "{order_id}")]
            .iter()
            .map(|(k, v)| (k.to_string(), v.to_string()))
            .collect();
    let cases = [
        ("bis spätestens {resolve_by}.", "bis spätestens Mittwoch, 25.11.", vec![]),
        ("bis {resolve_by} versendet.", "bis Mittwoch, 25.11. versendet.", vec![]),
        ("Bestellung {order_id}.", "Bestellung 302-4455667-2233445.", vec![]),
        ("{answer}", "{order_id}", vec![]),
        ("Nr. {tracking_id}, {carrier}, {tracking_id}.", "Nr. {tracking_id}, {carrier}, {tracking_id}.", vec!["tracking_id", "carrier"]),
        ("{colour} and { } and {", "{colour} and { } and {", vec![]),
    ];
    for (template, expected, missing) in cases {
        let mut got = Vec::new();
        assert_eq!(fill(template, &values, &mut got), expected);
        assert_eq!(got, missing, "{template}");
    }
}
