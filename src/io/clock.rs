//! The one place the program reads the system clock; the domain is handed the instant.

use crate::callflow::Instant;
use std::time::{SystemTime, UNIX_EPOCH};

pub fn now() -> Instant {
    let nanos = match SystemTime::now().duration_since(UNIX_EPOCH) {
        Ok(since) => since.as_nanos() as i128,
        Err(before) => -(before.duration().as_nanos() as i128),
    };
    Instant::from_unix_nanos(nanos)
}
