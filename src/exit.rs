//! How a command ends, shared by every face (the headless commands and the builder), so no
//! face has to import another to report a failure.

use std::process::ExitCode;

/// A command's failure to do its work at all: exit 2 with one line on standard error.
pub struct Failure(pub String);

pub type Outcome = Result<ExitCode, Failure>;
