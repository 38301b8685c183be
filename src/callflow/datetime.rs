//! RFC 3339 date-times (SPEC §1, §9), read into nanoseconds since the Unix epoch.
//!
//! The domain never reads the clock: the current instant comes in as one of these.

/// An instant, in nanoseconds since 1970-01-01T00:00:00Z.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub struct Instant(pub i128);

const NANOS_PER_SECOND: i128 = 1_000_000_000;

impl Instant {
    pub fn from_unix_seconds(seconds: i64) -> Instant {
        Instant(i128::from(seconds) * NANOS_PER_SECOND)
    }

    pub fn from_unix_nanos(nanos: i128) -> Instant {
        Instant(nanos)
    }

    pub fn plus_seconds(self, seconds: i64) -> Instant {
        Instant(self.0 + i128::from(seconds) * NANOS_PER_SECOND)
    }

    /// `YYYY-MM-DDTHH:MM:SSZ`, or with `.fff` when the instant has a fraction.
    pub fn to_rfc3339(self) -> String {
        let seconds = self.0.div_euclid(NANOS_PER_SECOND);
        let nanos = self.0.rem_euclid(NANOS_PER_SECOND);
        let days = seconds.div_euclid(86_400);
        let second_of_day = seconds.rem_euclid(86_400);
        let (year, month, day) = civil_from_days(days as i64);
        let time = format!(
            "{year:04}-{month:02}-{day:02}T{:02}:{:02}:{:02}",
            second_of_day / 3600,
            second_of_day / 60 % 60,
            second_of_day % 60
        );
        if nanos == 0 {
            format!("{time}Z")
        } else {
            format!("{time}.{:03}Z", nanos / 1_000_000)
        }
    }
}

/// Reads `YYYY-MM-DDTHH:MM:SS`, an optional fraction, then `Z` or `±HH:MM`; `None` unless
/// it is a real calendar date and time.
pub fn parse_rfc3339(text: &str) -> Option<Instant> {
    let bytes = text.as_bytes();
    let mut reader = Reader { bytes, at: 0 };
    let year = reader.number(4)?;
    reader.expect(b'-')?;
    let month = reader.number(2)?;
    reader.expect(b'-')?;
    let day = reader.number(2)?;
    reader.expect(b'T')?;
    let hour = reader.number(2)?;
    reader.expect(b':')?;
    let minute = reader.number(2)?;
    reader.expect(b':')?;
    let second = reader.number(2)?;
    let nanos = reader.fraction()?;
    let offset_minutes = reader.offset()?;
    let valid = reader.at == bytes.len()
        && (1..=12).contains(&month)
        && (1..=days_in_month(year, month)).contains(&day)
        && hour <= 23
        && minute <= 59
        && second <= 59;
    if !valid {
        return None;
    }
    let days = days_from_civil(year, month, day);
    let seconds = days * 86_400 + hour * 3600 + minute * 60 + second - offset_minutes * 60;
    Some(Instant(i128::from(seconds) * NANOS_PER_SECOND + nanos))
}

struct Reader<'a> {
    bytes: &'a [u8],
    at: usize,
}

impl Reader<'_> {
    fn number(&mut self, width: usize) -> Option<i64> {
        let digits = self.bytes.get(self.at..self.at + width)?;
        if !digits.iter().all(u8::is_ascii_digit) {
            return None;
        }
        self.at += width;
        Some(digits.iter().fold(0, |n, d| n * 10 + i64::from(d - b'0')))
    }

    fn expect(&mut self, byte: u8) -> Option<()> {
        (self.bytes.get(self.at) == Some(&byte)).then(|| self.at += 1)
    }

    /// Nanoseconds of an optional `.digits`; digits past the ninth are dropped.
    fn fraction(&mut self) -> Option<i128> {
        if self.bytes.get(self.at) != Some(&b'.') {
            return Some(0);
        }
        self.at += 1;
        let start = self.at;
        while self.bytes.get(self.at).is_some_and(u8::is_ascii_digit) {
            self.at += 1;
        }
        let digits = &self.bytes[start..self.at];
        if digits.is_empty() {
            return None;
        }
        let nanos = (0..9).fold(0i128, |n, i| {
            n * 10 + digits.get(i).map_or(0, |d| i128::from(d - b'0'))
        });
        Some(nanos)
    }

    /// The offset east of UTC in minutes.
    fn offset(&mut self) -> Option<i64> {
        let sign = match self.bytes.get(self.at)? {
            b'Z' => {
                self.at += 1;
                return Some(0);
            }
            b'+' => 1,
            b'-' => -1,
            _ => return None,
        };
        self.at += 1;
        let hours = self.number(2)?;
        self.expect(b':')?;
        let minutes = self.number(2)?;
        (hours <= 23 && minutes <= 59).then_some(sign * (hours * 60 + minutes))
    }
}

fn is_leap_year(year: i64) -> bool {
    (year % 4 == 0 && year % 100 != 0) || year % 400 == 0
}

fn days_in_month(year: i64, month: i64) -> i64 {
    match month {
        2 if is_leap_year(year) => 29,
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    }
}

/// Days since 1970-01-01 of a proleptic Gregorian date (Howard Hinnant's algorithm).
fn days_from_civil(year: i64, month: i64, day: i64) -> i64 {
    let year = if month <= 2 { year - 1 } else { year };
    let era = year.div_euclid(400);
    let year_of_era = year - era * 400;
    let day_of_year = (153 * ((month + 9) % 12) + 2) / 5 + day - 1;
    let day_of_era = year_of_era * 365 + year_of_era / 4 - year_of_era / 100 + day_of_year;
    era * 146_097 + day_of_era - 719_468
}

fn civil_from_days(days: i64) -> (i64, i64, i64) {
    let days = days + 719_468;
    let era = days.div_euclid(146_097);
    let day_of_era = days - era * 146_097;
    let year_of_era =
        (day_of_era - day_of_era / 1460 + day_of_era / 36_524 - day_of_era / 146_096) / 365;
    let day_of_year = day_of_era - (365 * year_of_era + year_of_era / 4 - year_of_era / 100);
    let shifted_month = (5 * day_of_year + 2) / 153;
    let day = day_of_year - (153 * shifted_month + 2) / 5 + 1;
    let month = if shifted_month < 10 {
        shifted_month + 3
    } else {
        shifted_month - 9
    };
    let year = year_of_era + era * 400 + i64::from(month <= 2);
    (year, month, day)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_the_epoch_and_offsets() {
        assert_eq!(parse_rfc3339("1970-01-01T00:00:00Z"), Some(Instant(0)));
        assert_eq!(
            parse_rfc3339("1970-01-01T01:00:00+01:00"),
            parse_rfc3339("1970-01-01T00:00:00-00:00")
        );
        assert_eq!(
            parse_rfc3339("2026-12-01T09:30:00.000Z")
                .unwrap()
                .to_rfc3339(),
            "2026-12-01T09:30:00Z"
        );
    }

    #[test]
    fn refuses_impossible_calendar_dates_and_times() {
        for text in [
            "2025-02-29T00:00:00Z",
            "2026-04-31T00:00:00Z",
            "2026-13-01T00:00:00Z",
            "2026-00-01T00:00:00Z",
            "2026-01-01T24:00:00Z",
            "2026-01-01T00:60:00Z",
            "2026-01-01T00:00:60Z",
            "2026-01-01t00:00:00Z",
            "2026-01-01T00:00:00z",
            "2026-01-01T00:00:00",
            "2026-01-01T00:00:00.Z",
            "2026-01-01T00:00:00+24:00",
            "2026-01-01T00:00:00+01:60",
            "2026-01-01T00:00:00+0100",
            "2026-01-01 00:00:00Z",
            "2026-1-01T00:00:00Z",
        ] {
            assert_eq!(parse_rfc3339(text), None, "{text}");
        }
        assert!(parse_rfc3339("2024-02-29T23:59:59.123456789123+23:59").is_some());
        assert!(parse_rfc3339("2000-02-29T00:00:00Z").is_some());
        assert!(parse_rfc3339("1900-02-29T00:00:00Z").is_none());
    }

    #[test]
    fn fractions_count_to_the_nanosecond() {
        let base = parse_rfc3339("2026-01-01T00:00:00Z").unwrap();
        let fine = parse_rfc3339("2026-01-01T00:00:00.0000000019Z").unwrap();
        assert_eq!(fine.0 - base.0, 1);
    }

    #[test]
    fn civil_dates_round_trip() {
        for days in [-800_000, -1, 0, 1, 11_016, 20_000, 2_932_896] {
            let (y, m, d) = civil_from_days(days);
            assert_eq!(days_from_civil(y, m, d), days);
        }
    }
}
