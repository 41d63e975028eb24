//! The seller profile: defaults that work, JSON round trip, and validation
//! errors that name the field.

use tactful::suggest::Profile;
use tactful::Error;

#[test]
fn defaults_work_out_of_the_box_and_round_trip() {
    let p = Profile::default();
    p.validate().expect("defaults are valid");
    let json = Profile::default_json();
    let back = Profile::from_json(&json).expect("default JSON parses");
    assert_eq!(serde_json::to_string(&back).expect("json"), serde_json::to_string(&p).expect("json"));
    let v: serde_json::Value = serde_json::from_str(&json).expect("json");
    assert_eq!(v["time_zone"], "Asia/Shanghai");
    assert_eq!(v["return_days"], 30);
    assert_eq!(v["working_hours"]["start"], "09:00");
    assert_eq!(v["tone"], "warm");
    assert_eq!(v["remedies"]["not_received"], "reship");
    assert!(Profile::from_json("").is_ok() && Profile::from_json("{}").is_ok());
    let partial = Profile::from_json(r#"{"seller_name": "Lumen Home", "marketplaces": ["DE", "FR"], "carriers": {"DE": "DHL"}}"#).expect("partial");
    assert_eq!((partial.handling_days, partial.carriers.len()), (1, 1));
    assert!(Profile::from_json(r#"{"time_zone": "+05:30"}"#).is_ok());
}

#[test]
fn invalid_profiles_name_the_field() {
    let cases = [
        (r#"{"time_zone": "Mars/Olympus"}"#, "time_zone"),
        (r#"{"working_days": ["mon", "funday"]}"#, "working_days"),
        (r#"{"working_days": []}"#, "working_days"),
        (r#"{"working_hours": {"start": "9am", "end": "18:00"}}"#, "working_hours.start"),
        (r#"{"working_hours": {"start": "09:00", "end": "25:00"}}"#, "working_hours.end"),
        (r#"{"working_hours": {"start": "18:00", "end": "09:00"}}"#, "working_hours"),
        (r#"{"return_days": 0}"#, "return_days"),
        (r#"{"handling_days": 31}"#, "handling_days"),
        (r#"{"resolve_days": 0}"#, "resolve_days"),
        (r#"{"marketplaces": []}"#, "marketplaces"),
        (r#"{"carriers": {"US": " "}}"#, "carriers.US"),
        (r#"{"carriers": {"USA": "UPS"}}"#, "carriers.USA"),
        (r#"{"remedies": {"not_received": "prayer"}}"#, "remedies.not_received"),
        (r#"{"remedies": {"damaged_defective": "reship"}}"#, "remedies.damaged_defective"),
        (r#"{"remedies": {"refund_below": -1}}"#, "remedies.refund_below"),
    ];
    for (json, field) in cases {
        match Profile::from_json(json) {
            Err(Error::InvalidProfile { field: f, .. }) => assert_eq!(f, field, "{json}"),
            other => panic!("{json}: {other:?}"),
        }
    }
    for json in [r#"{"colour": "red"}"#, r#"{"tone": "sarcastic"}"#, r#"{"marketplaces": ["XX"]}"#, "{"] {
        let err = Profile::from_json(json).expect_err(json);
        assert!(matches!(err, Error::InvalidJson { .. }), "{json}: {err}");
    }
}
