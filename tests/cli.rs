//! The `tactful` binary: one result for TEXT, JSON Lines in and out with
//! ids echoed and bad lines reported in place, exit status 2 on unusable
//! arguments, and the same bytes as `tactful::wire` for the same input.

use serde_json::{json, Value};
use std::io::Write;
use std::process::{Command, Stdio};
use tactful::check::CheckContext;
use tactful::classify::ClassifyContext;
use tactful::contract::{Lang, Marketplace};
use tactful::suggest::{Profile, SuggestContext};
use tactful::{default_engine, wire};

struct Output {
    status: i32,
    stdout: String,
    stderr: String,
}

fn run(args: &[&str], stdin: &[u8]) -> Output {
    let mut child = Command::new(env!("CARGO_BIN_EXE_tactful"))
        .args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("the tactful binary runs");
    let mut input = child.stdin.take().unwrap();
    let bytes = stdin.to_vec();
    // Write from another thread: a large input must not deadlock against
    // output the child is already producing.
    let writer = std::thread::spawn(move || {
        let _ = input.write_all(&bytes);
    });
    let out = child.wait_with_output().unwrap();
    writer.join().unwrap();
    Output {
        status: out.status.code().unwrap_or(-1),
        stdout: String::from_utf8(out.stdout).expect("stdout is UTF-8"),
        stderr: String::from_utf8(out.stderr).expect("stderr is UTF-8"),
    }
}

/// Texts that stress offsets: emoji, flags, ZWJ sequences, CJK, combining
/// marks, CRLF, NUL.
const TEXTS: &[&str] = &[
    "Where is my order 113-4455667-2233445? 🎉",
    "  🇩🇪 Paket nicht angekommen.\r\nBitte um Hilfe!  ",
    "注文した商品がまだ届きません。3月14日に注文しました。",
    "👩‍👩‍👧 cafe\u{301} e\u{301}cole. Deuxième phrase ici.",
    "a\u{0}b NUL inside",
    "",
];

fn analyze_json(text: &str) -> String {
    serde_json::to_string(&wire::analyze(default_engine(), text).unwrap()).unwrap()
}

#[test]
fn text_argument_prints_what_wire_returns() {
    for text in TEXTS.iter().filter(|t| !t.is_empty() && !t.contains('\0')) {
        let out = run(&["analyze", "--", text], b"");
        assert_eq!(out.status, 0, "{text:?}: {}", out.stderr);
        assert_eq!(out.stdout, format!("{}\n", analyze_json(text)), "{text:?}");

        let out = run(&["classify", "--marketplace", "JP", text], b"");
        let context = ClassifyContext { marketplace: Some(Marketplace::Jp) };
        let want = serde_json::to_string(&wire::classify(default_engine(), text, &context).unwrap()).unwrap();
        assert_eq!(out.stdout, format!("{want}\n"), "{text:?}");

        let out = run(&["check", "--marketplace=DE", "--lang", "de", text], b"");
        let context = CheckContext { marketplace: Marketplace::De, buyer_language: Some(Lang::De), ..CheckContext::default() };
        let want = serde_json::to_string(&wire::check(default_engine(), text, &context).unwrap()).unwrap();
        assert_eq!(out.stdout, format!("{want}\n"), "{text:?}");
    }
}

#[test]
fn several_words_are_one_text() {
    let out = run(&["analyze", "where", "is", "it"], b"");
    assert_eq!(out.stdout, format!("{}\n", analyze_json("where is it")));
}

/// Bytes that are not UTF-8 and contain no newline.
fn random_bytes(n: usize) -> Vec<u8> {
    let mut state: u32 = 0x9e37_79b9;
    let mut bytes: Vec<u8> = (0..n)
        .map(|_| {
            state ^= state << 13;
            state ^= state >> 17;
            state ^= state << 5;
            match state.to_le_bytes()[1] {
                b'\n' => 0xff,
                b => b,
            }
        })
        .collect();
    bytes[0] = 0xff;
    bytes
}

/// What a JSON line holds for a result: the id first, then the result's
/// own fields in their own order.
fn with_id(id: &Value, result: &str) -> String {
    format!("{{\"id\":{},{}", serde_json::to_string(id).unwrap(), &result[1..])
}

/// Splits one output line into its `id` and the rest of the object, as
/// JSON text without the id, so it can be compared byte for byte with wire.
fn split_id(line: &str) -> (Value, Value) {
    let mut value: Value = serde_json::from_str(line).unwrap_or_else(|e| panic!("not JSON: {line}: {e}"));
    let id = value.as_object_mut().unwrap().remove("id").expect("every line has an id");
    (id, value)
}

#[test]
fn json_lines_go_on_past_bad_lines() {
    let mut input = Vec::new();
    input.extend_from_slice(format!("{}\n", json!({"id": 1, "text": TEXTS[0]})).as_bytes());
    input.extend_from_slice(b"{\"id\": 2, \"text\": \"unterminated\n");
    input.extend_from_slice(&random_bytes(300));
    input.extend_from_slice(b"\n\n   \n");
    input.extend_from_slice(format!("{}\r\n", json!({"id": "no-text"})).as_bytes());
    input.extend_from_slice(format!("{}\n", json!({"id": [5], "text": 42})).as_bytes());
    input.extend_from_slice(format!("{}\n", json!({"id": 6, "text": "x", "proactive": true})).as_bytes());
    input.extend_from_slice(format!("{}\n", json!({"id": 7, "text": "x", "marketplace": "XX"})).as_bytes());
    input.extend_from_slice(b"[1, 2]\n");
    input.extend_from_slice(format!("{}\n", json!({"id": {"k": "v"}, "text": TEXTS[1], "marketplace": "DE"})).as_bytes());
    input.extend_from_slice(format!("{}", json!({"id": "last", "text": TEXTS[4]})).as_bytes());

    let out = run(&["analyze"], &input);
    assert_eq!(out.status, 0, "{}", out.stderr);
    assert_eq!(out.stderr, "");
    let lines: Vec<&str> = out.stdout.lines().collect();
    let expected_ids = [json!(1), json!(null), json!(null), json!("no-text"), json!([5]), json!(6), json!(7), json!(null), json!({"k": "v"}), json!("last")];
    assert_eq!(lines.len(), expected_ids.len(), "{}", out.stdout);
    let errors = [
        None,
        Some("line 2: invalid JSON: EOF while parsing a string"),
        Some("line 3: not valid UTF-8 (at byte 0)"),
        Some("line 6: missing \"text\""),
        Some("line 7: \"text\" must be a string"),
        Some("line 8: invalid analyze options JSON: unknown field `proactive`, there are no fields"),
        Some("line 9: invalid analyze options JSON: unknown marketplace \"XX\""),
        Some("line 10: expected a JSON object with a \"text\" string"),
        None,
        None,
    ];
    let texts = [Some(TEXTS[0]), None, None, None, None, None, None, None, Some(TEXTS[1]), Some(TEXTS[4])];
    for (i, line) in lines.iter().enumerate() {
        let (id, rest) = split_id(line);
        assert_eq!(id, expected_ids[i], "line {i}: {line}");
        match (errors[i], texts[i]) {
            (Some(error), _) => {
                let message = rest["error"].as_str().unwrap_or_else(|| panic!("line {i} is an error: {line}"));
                assert!(message.starts_with(error), "line {i}: {message:?} should start with {error:?}");
                assert_eq!(rest.as_object().unwrap().len(), 1, "{line}");
            }
            (None, Some(text)) => assert_eq!(*line, with_id(&id, &analyze_json(text))),
            (None, None) => unreachable!(),
        }
    }
}

#[test]
fn json_lines_carry_per_line_options() {
    let profile = json!({"seller_name": "Nordlicht Shop", "handling_days": 2});
    let input = format!(
        "{}\n{}\n{}\n",
        json!({"id": "a", "text": TEXTS[1], "marketplace": "DE", "now_ms": 1_767_225_600_000_i64, "profile": profile}),
        json!({"id": "b", "text": TEXTS[2], "now_ms": 1_767_225_600_000_i64, "variables": {"tracking_id": "1Z999AA10123456784"}}),
        json!({"id": "c", "text": "x", "profile": {"handling_days": "two"}}),
    );
    let out = run(&["suggest", "--marketplace", "JP"], input.as_bytes());
    assert_eq!(out.status, 0, "{}", out.stderr);
    let lines: Vec<&str> = out.stdout.lines().collect();
    assert_eq!(lines.len(), 3, "{}", out.stdout);

    let profile: Profile = serde_json::from_value(profile).unwrap();
    let context = SuggestContext { marketplace: Marketplace::De, now_ms: Some(1_767_225_600_000), ..SuggestContext::default() };
    let want = serde_json::to_string(&wire::suggest(default_engine(), TEXTS[1], &profile, &context).unwrap()).unwrap();
    assert_eq!(lines[0], with_id(&json!("a"), &want));

    let context = SuggestContext {
        marketplace: Marketplace::Jp,
        now_ms: Some(1_767_225_600_000),
        variables: [("tracking_id".to_string(), "1Z999AA10123456784".to_string())].into(),
        ..SuggestContext::default()
    };
    let want = serde_json::to_string(&wire::suggest(default_engine(), TEXTS[2], &Profile::default(), &context).unwrap()).unwrap();
    assert_eq!(lines[1], with_id(&json!("b"), &want));

    let (id, rest) = split_id(lines[2]);
    assert_eq!(id, json!("c"));
    assert!(rest["error"].as_str().unwrap().starts_with("line 3: invalid seller profile JSON: invalid type: string \"two\""), "{}", lines[2]);
}

#[test]
fn large_and_oversized_lines() {
    let big = "Mein Paket 113-4455667-2233445 ist nicht angekommen. ".repeat(100_000);
    assert!(big.len() > 5_000_000);
    let input = format!("{}\n{}\n", json!({"id": "big", "text": big}), json!({"id": "huge", "text": big.repeat(2)}));
    let out = run(&["analyze"], input.as_bytes());
    assert_eq!(out.status, 0, "{}", out.stderr);
    let lines: Vec<&str> = out.stdout.lines().collect();
    assert_eq!(lines.len(), 2);
    assert_eq!(lines[0], with_id(&json!("big"), &analyze_json(&big)));
    let (id, rest) = split_id(lines[1]);
    assert_eq!(id, json!("huge"));
    assert!(rest["error"].as_str().unwrap().starts_with("line 2: text is too large"), "{}", lines[1]);
}

#[test]
fn unusable_arguments_exit_2_with_one_line() {
    let cases: &[(&[&str], &str)] = &[
        (&[], "missing subcommand"),
        (&["frobnicate", "x"], "unknown subcommand \"frobnicate\""),
        (&["check", "--colour", "x"], "unknown option \"--colour\""),
        (&["check", "--marketplace", "XX", "x"], "unknown marketplace \"XX\""),
        (&["check", "--marketplace"], "--marketplace needs a value"),
        (&["check", "--lang", "klingon", "x"], "unknown language \"klingon\""),
        (&["suggest", "--lang", "de", "x"], "--lang does not apply to suggest"),
        (&["analyze", "--marketplace", "DE", "x"], "--marketplace does not apply to analyze"),
        (&["classify", "--profile", "p.json", "x"], "--profile does not apply to classify"),
        (&["suggest", "--profile", "/nonexistent/profile.json", "x"], "--profile /nonexistent/profile.json: "),
        (&["types", "extra"], "types takes no arguments"),
    ];
    for (args, message) in cases {
        let out = run(args, b"");
        assert_eq!(out.status, 2, "{args:?}");
        assert_eq!(out.stdout, "", "{args:?}");
        assert!(out.stderr.starts_with(&format!("tactful: {message}")), "{args:?}: {:?}", out.stderr);
        assert_eq!(out.stderr.lines().count(), 1, "{args:?}: {:?}", out.stderr);
    }
}

#[test]
fn a_bad_profile_file_is_an_argument_error() {
    let dir = std::env::temp_dir().join(format!("tactful-cli-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join("profile.json");
    std::fs::write(&path, r#"{"handling_days": -1}"#).unwrap();
    let out = run(&["suggest", "--profile", path.to_str().unwrap(), "x"], b"");
    std::fs::remove_dir_all(&dir).unwrap();
    assert_eq!(out.status, 2);
    assert!(out.stderr.contains("invalid seller profile JSON"), "{}", out.stderr);
}

#[test]
fn types_prints_the_generated_declarations() {
    let out = run(&["types"], b"");
    assert_eq!(out.status, 0);
    assert_eq!(out.stdout, tactful::typescript::declarations());
}

#[test]
fn help_goes_to_stdout() {
    let out = run(&["--help"], b"");
    assert_eq!(out.status, 0);
    assert!(out.stdout.starts_with("usage: tactful analyze|classify|check|suggest"));
    assert_eq!(out.stderr, "");
}
