//! Fuzzes the lenient JSON reader: it must not panic, must agree with itself with and without
//! the strict fast path, and must read its own output back unchanged.
#![no_main]

use graphgen::lenient_json::{parse, parse_tolerant};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    let outcome = parse(&text);
    assert_eq!(outcome, parse_tolerant(&text), "fast path and tolerant reader disagree");
    if let Ok(read) = outcome {
        let Ok(written) = serde_json::to_string(&read.value) else { return };
        match parse(&written) {
            Ok(again) => {
                assert_eq!(again.value, read.value, "value changed when read back");
                assert!(again.repairs.is_empty(), "serialized JSON needed repairs: {:?}", again.repairs);
            }
            Err(error) => panic!("serialized JSON unreadable: {error}"),
        }
    }
});
