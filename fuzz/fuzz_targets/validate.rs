//! The validator from raw bytes: it must never panic, and its answer must always be the
//! first error finding (or Created when there is none).

#![no_main]

use callflow::callflow::{AccountProfile, Context, Instant, StatusCode, validate_bytes};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|body: &[u8]| {
    let context = Context::new(
        AccountProfile::default(),
        Instant::from_unix_seconds(1_800_000_000),
    );
    let verdict = validate_bytes(body, &context);
    match verdict.deciding() {
        Some(error) => assert_eq!(error.code, Some(verdict.response.code)),
        None => assert_eq!(verdict.response.code, StatusCode::Created),
    }
});
