//! Fuzzes the page parser and model builder on one page: any bytes must give a model and
//! diagnostics, never a panic.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data).into_owned();
    let _ = graphgen::model::build::build_model(vec![("api/fuzzed-page.md".to_string(), text)]);
});
