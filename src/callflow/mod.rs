//! The domain: everything SPEC.md says, in pure Rust. No terminal, no files, no clock.

pub mod account;
pub mod account_pull;
pub mod characters;
pub mod datetime;
pub mod destinations;
pub mod difference;
pub mod document;
pub mod exercise;
pub mod export;
pub mod hash;
pub mod json;
pub mod locate;
pub mod msisdn;
pub mod params;
pub mod parse;
pub mod path;
pub mod print;
pub mod profiles;
pub mod repeated;
pub mod report;
pub mod sample;
pub mod schema;
pub mod sim;
pub mod status;
pub mod teaching;
pub mod templates;
pub mod validate;
pub mod verdict;

pub use account::AccountProfile;
pub use datetime::Instant;
pub use json::Json;
pub use path::JsonPath;
pub use status::StatusCode;
pub use validate::{
    Context, Revalidator, validate, validate_bytes, validate_bytes_listing, validate_text,
};
pub use verdict::{Finding, Listing, MAX_LISTED_FINDINGS, Response, Severity, Verdict};
