//! The `tactful` command line. (Skeleton; the build work completes it.)

fn main() {
    let text = std::env::args().skip(2).collect::<Vec<_>>().join(" ");
    match tactful::wire::analyze(tactful::default_engine(), &text) {
        Ok(a) => println!("{}", serde_json::to_string(&a).unwrap_or_default()),
        Err(e) => {
            eprintln!("tactful: {e}");
            std::process::exit(2);
        }
    }
}
