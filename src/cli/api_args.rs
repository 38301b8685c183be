//! The options every command that talks to the API shares.

use crate::io::credentials::ApiOptions;
use clap::Args;
use std::path::PathBuf;

#[derive(Args, Debug, Clone)]
pub struct ApiArgs {
    /// The API's address [env: CALLFLOW_API_BASE; default: https://voice.8x8.com]
    #[arg(long, value_name = "URL")]
    pub api_base: Option<String>,
    /// The subaccount ID [env: CALLFLOW_SUBACCOUNT, or "subaccount" in config.json]
    #[arg(long, value_name = "ID")]
    pub subaccount: Option<String>,
    /// A file whose first line is the API key [default: env CALLFLOW_API_KEY]
    #[arg(long, value_name = "FILE")]
    pub api_key_file: Option<PathBuf>,
}

impl ApiArgs {
    pub fn options(&self) -> ApiOptions {
        ApiOptions {
            api_base: self.api_base.clone(),
            subaccount: self.subaccount.clone(),
            api_key_file: self.api_key_file.clone(),
        }
    }
}
