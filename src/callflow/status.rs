//! The 22 status codes the Callflows API answers with, and their exact messages.

use std::fmt;

/// A status code. The order of the variants is the order of `callflow codes`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum StatusCode {
    Created,
    InvalidJson,
    SpeechProfile,
    MaxDigitsForMinDigits,
    DtmfCallback,
    OverallTimeoutRequired,
    OverallTimeoutTooSmall,
    InvalidActionType,
    MaxDigitsForCompleteOnHash,
    InvalidEntry,
    TooManyActions,
    MultipleDestinations,
    HangupMisplaced,
    FirstNotMakeCall,
    SourceNotAllowed,
    Expired,
    ForbiddenCharacters,
    InvalidDestination,
    ScenarioNotAlone,
    ScenarioNameEmpty,
    ScenarioNotPermitted,
    Unknown,
}

impl StatusCode {
    pub const ALL: [StatusCode; 22] = [
        StatusCode::Created,
        StatusCode::InvalidJson,
        StatusCode::SpeechProfile,
        StatusCode::MaxDigitsForMinDigits,
        StatusCode::DtmfCallback,
        StatusCode::OverallTimeoutRequired,
        StatusCode::OverallTimeoutTooSmall,
        StatusCode::InvalidActionType,
        StatusCode::MaxDigitsForCompleteOnHash,
        StatusCode::InvalidEntry,
        StatusCode::TooManyActions,
        StatusCode::MultipleDestinations,
        StatusCode::HangupMisplaced,
        StatusCode::FirstNotMakeCall,
        StatusCode::SourceNotAllowed,
        StatusCode::Expired,
        StatusCode::ForbiddenCharacters,
        StatusCode::InvalidDestination,
        StatusCode::ScenarioNotAlone,
        StatusCode::ScenarioNameEmpty,
        StatusCode::ScenarioNotPermitted,
        StatusCode::Unknown,
    ];

    pub fn number(self) -> i32 {
        match self {
            StatusCode::Created => 1,
            StatusCode::InvalidJson => -1001,
            StatusCode::SpeechProfile => -1002,
            StatusCode::MaxDigitsForMinDigits => -1003,
            StatusCode::DtmfCallback => -1004,
            StatusCode::OverallTimeoutRequired => -1005,
            StatusCode::OverallTimeoutTooSmall => -1006,
            StatusCode::InvalidActionType => -1007,
            StatusCode::MaxDigitsForCompleteOnHash => -1008,
            StatusCode::InvalidEntry => -1009,
            StatusCode::TooManyActions => -1010,
            StatusCode::MultipleDestinations => -1011,
            StatusCode::HangupMisplaced => -1012,
            StatusCode::FirstNotMakeCall => -1013,
            StatusCode::SourceNotAllowed => -1014,
            StatusCode::Expired => -1015,
            StatusCode::ForbiddenCharacters => -1016,
            StatusCode::InvalidDestination => -1017,
            StatusCode::ScenarioNotAlone => -1018,
            StatusCode::ScenarioNameEmpty => -1019,
            StatusCode::ScenarioNotPermitted => -1020,
            StatusCode::Unknown => -9999,
        }
    }

    pub fn from_number(number: i64) -> Option<StatusCode> {
        StatusCode::ALL
            .into_iter()
            .find(|code| i64::from(code.number()) == number)
    }

    /// The fixed message. For -1009 the API appends a detail: see [`entry_message`].
    pub fn message(self) -> &'static str {
        match self {
            StatusCode::Created => "Created",
            StatusCode::InvalidJson => "Invalid JSON request body",
            StatusCode::SpeechProfile => "Speech profile or language parameter invalid",
            StatusCode::MaxDigitsForMinDigits => "Valid maxDigits required when minDigits provided",
            StatusCode::DtmfCallback => "DTMF callback url not provided",
            StatusCode::OverallTimeoutRequired => {
                "Valid overallTimeout is required when digitTimeout provided"
            }
            StatusCode::OverallTimeoutTooSmall => {
                "OverallTimeout should be greater than digitTimeout"
            }
            StatusCode::InvalidActionType => {
                "Invalid action type was used. Accepted action type is [say, sayAndcapture, makeCall, hangup, playFile]"
            }
            StatusCode::MaxDigitsForCompleteOnHash => {
                "Valid maxDigits is required when completeOnHash is false"
            }
            StatusCode::InvalidEntry => "Invalid call flow entry provided.",
            StatusCode::TooManyActions => "Some actions are provided beyond the allowed count",
            StatusCode::MultipleDestinations => {
                "Multiple destination phone numbers found in the request"
            }
            StatusCode::HangupMisplaced => "Invalid Callflow : Incorrect use of action Hangup",
            StatusCode::FirstNotMakeCall => {
                "Invalid Callflow : First action should be a MakeCall action"
            }
            StatusCode::SourceNotAllowed => "Source or caller ID is not allowed",
            StatusCode::Expired => "The validity period of the call flow request has expired",
            StatusCode::ForbiddenCharacters => {
                "Invalid Callflow Content: Some special characters are invalid/unaccepted"
            }
            StatusCode::InvalidDestination => "Invalid MSISDN format in Destination",
            StatusCode::ScenarioNotAlone => {
                "Invalid Callflow: Execute Scenario cannot be processed together with other actions"
            }
            StatusCode::ScenarioNameEmpty => {
                "Invalid Callflow Content: scenarioName is null or empty"
            }
            StatusCode::ScenarioNotPermitted => {
                "Invalid Callflow: Invalid scenarioName or the account doesn't have permission to execute this scenario"
            }
            StatusCode::Unknown => "An unknown error has occurred.",
        }
    }

    /// `CREATED` for 1, `NOT_CREATED` for every refusal.
    pub fn session_status(self) -> &'static str {
        if self == StatusCode::Created {
            "CREATED"
        } else {
            "NOT_CREATED"
        }
    }

    pub fn is_created(self) -> bool {
        self == StatusCode::Created
    }
}

/// The -1009 message: the fixed part, a space, then the schema violation's detail.
pub fn entry_message(detail: &str) -> String {
    format!("{} {detail}", StatusCode::InvalidEntry.message())
}

impl fmt::Display for StatusCode {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.number())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_code_round_trips_through_its_number() {
        for code in StatusCode::ALL {
            assert_eq!(StatusCode::from_number(code.number().into()), Some(code));
        }
        assert_eq!(StatusCode::from_number(-1021), None);
    }

    #[test]
    fn numbers_are_distinct_and_in_table_order() {
        let numbers: Vec<i32> = StatusCode::ALL.iter().map(|c| c.number()).collect();
        assert_eq!(numbers[0], 1);
        assert!(numbers[1..21].windows(2).all(|w| w[1] == w[0] - 1));
        assert_eq!(numbers[21], -9999);
    }
}
