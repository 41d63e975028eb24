//! The `tactful` command line.
//!
//! With TEXT it prints one JSON result. Without, it reads JSON Lines on
//! stdin (`{"id": …, "text": …, "marketplace": …}` plus any option of the
//! subcommand) and writes one JSON line per input line, echoing `id`. A bad
//! line gets `{"id": …, "error": "…"}` and the rest go on, so one broken
//! record never loses a batch. Unusable arguments exit with status 2 and one
//! line on stderr.
//!
//! Every answer comes from `tactful::wire`, like the WASM binding's, so the
//! CLI, Node and the browser agree. Arguments are parsed by hand: there are
//! few, and a parser crate would cost more than it saves.

use serde_json::{Map, Value};
use std::io::{self, BufRead, Write};
use std::process::exit;
use std::time::{SystemTime, UNIX_EPOCH};
use tactful::check::CheckContext;
use tactful::classify::ClassifyContext;
use tactful::contract::{Lang, Marketplace};
use tactful::suggest::{Profile, SuggestContext};
use tactful::{wire, Engine, Error};

const USAGE: &str = "\
usage: tactful analyze|classify|check|suggest [OPTIONS] [TEXT...]
       tactful types

  analyze    language, sentences and facts of a text
  classify   intent, risk flags and facts of a buyer message
  check      compliance findings of a seller's draft
  suggest    a three-part reply to a buyer message
  types      print the TypeScript declarations of every result

With TEXT, prints one JSON result. Without, reads JSON Lines on stdin
({\"id\": 1, \"text\": \"...\", \"marketplace\": \"DE\"} plus any option of the
subcommand, e.g. \"buyer_language\", \"proactive\", \"now_ms\", \"profile\")
and prints one JSON line per input line with its \"id\"; a bad line gets
{\"id\": ..., \"error\": \"...\"}.

options:
  --marketplace XX   US CA MX UK DE FR IT ES NL SE PL JP (classify, check, suggest)
  --lang xx          the buyer's language (check)
  --profile FILE     seller profile JSON (suggest)
  --rules FILE       an extra rule pack JSON, repeatable (check, suggest)
  --templates FILE   the seller's templates JSON (suggest)
  -h, --help         this help
";

#[derive(Clone, Copy, PartialEq, Eq)]
enum Command {
    Analyze,
    Classify,
    Check,
    Suggest,
}

impl Command {
    fn parse(name: &str) -> Option<Command> {
        match name {
            "analyze" => Some(Command::Analyze),
            "classify" => Some(Command::Classify),
            "check" => Some(Command::Check),
            "suggest" => Some(Command::Suggest),
            _ => None,
        }
    }

    fn name(self) -> &'static str {
        match self {
            Command::Analyze => "analyze",
            Command::Classify => "classify",
            Command::Check => "check",
            Command::Suggest => "suggest",
        }
    }
}

/// A parsed command line for one of the four engine subcommands.
struct Invocation {
    command: Command,
    /// Options from flags, as the JSON keys of the subcommand's context;
    /// a JSON line's own keys override them.
    options: Map<String, Value>,
    profile: Profile,
    engine: Option<Engine>,
    text: Option<String>,
}

/// Exits with status 2 and one line on stderr, pointing at the help.
fn usage_error(message: &str) -> ! {
    eprintln!("tactful: {message} (see tactful --help)");
    exit(2)
}

/// Exits with status 2 and the engine's own message on stderr.
fn fail(message: &str) -> ! {
    eprintln!("tactful: {message}");
    exit(2)
}

fn main() {
    let mut args = std::env::args_os().skip(1).map(|a| match a.into_string() {
        Ok(s) => s,
        Err(raw) => usage_error(&format!("argument {raw:?} is not valid UTF-8")),
    });
    let Some(first) = args.next() else { usage_error("missing subcommand") };
    match first.as_str() {
        "-h" | "--help" | "help" => {
            print!("{USAGE}");
            return;
        }
        "types" => {
            if let Some(extra) = args.next() {
                usage_error(&format!("types takes no arguments, got \"{}\"", tactful::error::clip(&extra)));
            }
            print!("{}", tactful::typescript::declarations());
            return;
        }
        _ => {}
    }
    let Some(command) = Command::parse(&first) else {
        usage_error(&format!("unknown subcommand \"{}\"", tactful::error::clip(&first)))
    };
    let invocation = parse(command, args.collect());
    let engine = invocation.engine.as_ref().unwrap_or_else(|| tactful::default_engine());
    match &invocation.text {
        Some(text) => match answer(engine, &invocation, text, invocation.options.clone(), None) {
            Ok(json) => {
                let mut out = io::stdout().lock();
                if writeln!(out, "{json}").and_then(|()| out.flush()).is_err() {
                    exit(1);
                }
            }
            Err(e) => fail(&e.to_string()),
        },
        None => exit(json_lines(engine, &invocation)),
    }
}

/// Parses the options and TEXT of `command`; exits with status 2 on
/// anything unusable, before any input is read.
fn parse(command: Command, args: Vec<String>) -> Invocation {
    let mut options = Map::new();
    let mut profile = Profile::default();
    let mut rules: Vec<(String, String)> = Vec::new();
    let mut templates: Option<(String, String)> = None;
    let mut words: Vec<String> = Vec::new();
    let mut args = args.into_iter();
    let allowed = |flag: &str, commands: &[Command]| {
        if !commands.contains(&command) {
            usage_error(&format!("{flag} does not apply to {}", command.name()));
        }
    };
    while let Some(arg) = args.next() {
        if arg == "--" {
            words.extend(args.by_ref());
            break;
        }
        if !arg.starts_with('-') || arg == "-" {
            words.push(arg);
            continue;
        }
        let (flag, inline) = match arg.split_once('=') {
            Some((flag, value)) => (flag.to_string(), Some(value.to_string())),
            None => (arg.clone(), None),
        };
        if flag == "-h" || flag == "--help" {
            print!("{USAGE}");
            exit(0);
        }
        let known = ["--marketplace", "--lang", "--profile", "--rules", "--templates"];
        if !known.contains(&flag.as_str()) {
            usage_error(&format!("unknown option \"{}\"", tactful::error::clip(&flag)));
        }
        let Some(value) = inline.or_else(|| args.next()) else { usage_error(&format!("{flag} needs a value")) };
        match flag.as_str() {
            "--marketplace" => {
                allowed(&flag, &[Command::Classify, Command::Check, Command::Suggest]);
                let marketplace: Marketplace = value.parse().unwrap_or_else(|e: Error| usage_error(&e.to_string()));
                options.insert("marketplace".into(), Value::from(marketplace.as_str()));
            }
            "--lang" => {
                allowed(&flag, &[Command::Check]);
                let lang: Lang = value.parse().unwrap_or_else(|e: Error| usage_error(&e.to_string()));
                options.insert("buyer_language".into(), Value::from(lang.as_str()));
            }
            "--profile" => {
                allowed(&flag, &[Command::Suggest]);
                let json = read_file(&flag, &value);
                profile = wire::parse_options("seller profile", &json)
                    .unwrap_or_else(|e: Error| fail(&format!("{flag} {value}: {e}")));
            }
            "--rules" => {
                allowed(&flag, &[Command::Check, Command::Suggest]);
                rules.push((value.clone(), read_file(&flag, &value)));
            }
            _ => {
                allowed(&flag, &[Command::Suggest]);
                templates = Some((value.clone(), read_file(&flag, &value)));
            }
        }
    }
    let engine = if rules.is_empty() && templates.is_none() {
        None
    } else {
        let mut engine = Engine::new();
        for (path, json) in &rules {
            engine.add_rule_pack(json).unwrap_or_else(|e| fail(&format!("--rules {path}: {e}")));
        }
        if let Some((path, json)) = &templates {
            engine.import_templates(json).unwrap_or_else(|e| fail(&format!("--templates {path}: {e}")));
        }
        Some(engine)
    };
    let text = if words.is_empty() { None } else { Some(words.join(" ")) };
    Invocation { command, options, profile, engine, text }
}

fn read_file(flag: &str, path: &str) -> String {
    std::fs::read_to_string(path).unwrap_or_else(|e| fail(&format!("{flag} {path}: {e}")))
}

/// Options of one call: the flags' keys overridden by the line's, parsed
/// into the subcommand's context type (which rejects unknown keys).
fn context<T: serde::de::DeserializeOwned>(what: &'static str, options: Map<String, Value>) -> Result<T, Error> {
    serde_json::from_value(Value::Object(options)).map_err(|e| Error::InvalidJson { what, detail: e.to_string() })
}

/// Unix milliseconds now: "now" for suggestions unless the caller pins it.
fn now_ms() -> i64 {
    SystemTime::now().duration_since(UNIX_EPOCH).map_or(0, |d| i64::try_from(d.as_millis()).unwrap_or(i64::MAX))
}

/// One result as JSON text. `profile` overrides the invocation's profile
/// (a JSON line's `"profile"` key).
fn answer(
    engine: &Engine,
    invocation: &Invocation,
    text: &str,
    mut options: Map<String, Value>,
    profile: Option<Profile>,
) -> Result<String, Error> {
    let json = match invocation.command {
        Command::Analyze => {
            // Lines are shared by every subcommand; a marketplace on an
            // analyze line is checked but has nothing to change.
            if let Some(value) = options.remove("marketplace") {
                context::<ClassifyContext>("analyze options", Map::from_iter([("marketplace".into(), value)]))?;
            }
            context::<Empty>("analyze options", options)?;
            serde_json::to_string(&wire::analyze(engine, text)?)
        }
        Command::Classify => {
            let context: ClassifyContext = context("classify options", options)?;
            serde_json::to_string(&wire::classify(engine, text, &context)?)
        }
        Command::Check => {
            let context: CheckContext = context("check options", options)?;
            serde_json::to_string(&wire::check(engine, text, &context)?)
        }
        Command::Suggest => {
            let mut context: SuggestContext = context("suggest options", options)?;
            context.now_ms = context.now_ms.or_else(|| Some(now_ms()));
            let profile = profile.as_ref().unwrap_or(&invocation.profile);
            serde_json::to_string(&wire::suggest(engine, text, profile, &context)?)
        }
    };
    json.map_err(|e| Error::InvalidJson { what: "result", detail: e.to_string() })
}

/// `analyze` has no options: any key but `id`, `text` and `marketplace`
/// on its lines is a mistake worth reporting.
#[derive(Default, serde::Deserialize)]
#[serde(deny_unknown_fields)]
struct Empty {}

/// Reads JSON Lines from stdin until EOF; returns the exit status.
fn json_lines(engine: &Engine, invocation: &Invocation) -> i32 {
    let mut input = io::stdin().lock();
    let mut out = io::BufWriter::new(io::stdout().lock());
    let mut line = Vec::new();
    let mut number = 0usize;
    loop {
        line.clear();
        match input.read_until(b'\n', &mut line) {
            Ok(0) => break,
            Ok(_) => {}
            Err(e) => {
                eprintln!("tactful: cannot read stdin: {e}");
                return 1;
            }
        }
        number += 1;
        let trimmed = line.strip_suffix(b"\n").unwrap_or(&line);
        let trimmed = trimmed.strip_suffix(b"\r").unwrap_or(trimmed);
        if trimmed.iter().all(u8::is_ascii_whitespace) {
            continue;
        }
        let (id, result) = one_line(engine, invocation, trimmed);
        let id = serde_json::to_string(&id).unwrap_or_else(|_| "null".into());
        let written = match result {
            Ok(body) => match body.strip_prefix('{') {
                Some("}") | None => writeln!(out, "{{\"id\":{id}}}"),
                Some(rest) => writeln!(out, "{{\"id\":{id},{rest}"),
            },
            Err(message) => {
                let message = Value::from(format!("line {number}: {message}"));
                writeln!(out, "{{\"id\":{id},\"error\":{message}}}")
            }
        };
        // Flush per line so a program that talks to us line by line gets
        // each answer as soon as it is ready.
        if let Err(e) = written.and_then(|()| out.flush()) {
            if e.kind() == io::ErrorKind::BrokenPipe {
                return 0;
            }
            eprintln!("tactful: cannot write stdout: {e}");
            return 1;
        }
    }
    0
}

/// The `id` of a line (null when unknown) and its JSON result or error.
fn one_line(engine: &Engine, invocation: &Invocation, bytes: &[u8]) -> (Value, Result<String, String>) {
    let text = match std::str::from_utf8(bytes) {
        Ok(text) => text,
        Err(e) => return (Value::Null, Err(format!("not valid UTF-8 (at byte {})", e.valid_up_to()))),
    };
    let mut fields = match serde_json::from_str::<Value>(text) {
        Ok(Value::Object(fields)) => fields,
        Ok(_) => return (Value::Null, Err("expected a JSON object with a \"text\" string".into())),
        Err(e) => return (Value::Null, Err(format!("invalid JSON: {e}"))),
    };
    let id = fields.remove("id").unwrap_or(Value::Null);
    let text = match fields.remove("text") {
        Some(Value::String(text)) => text,
        Some(_) => return (id, Err("\"text\" must be a string".into())),
        None => return (id, Err("missing \"text\"".into())),
    };
    let profile = match fields.remove("profile") {
        Some(value) if invocation.command == Command::Suggest => {
            match serde_json::from_value::<Profile>(value) {
                Ok(profile) => Some(profile),
                Err(e) => return (id, Err(Error::InvalidJson { what: "seller profile", detail: e.to_string() }.to_string())),
            }
        }
        Some(value) => {
            fields.insert("profile".into(), value);
            None
        }
        None => None,
    };
    let mut options = invocation.options.clone();
    options.extend(fields);
    (id, answer(engine, invocation, &text, options, profile).map_err(|e| e.to_string()))
}
