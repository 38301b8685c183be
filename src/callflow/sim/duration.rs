//! How long a text takes to speak (SIM.md §3.1), in exact integer arithmetic so that every
//! platform prints the same times.

use crate::callflow::json::Json;

/// `speed` 1 as `S`: thousandths of the written value.
const NORMAL_SPEED: u64 = 1000;

/// One play of `text` at speed `S` (thousandths): `100 × ceil(chars × 2000 / (3 × S))` ms,
/// that is 15 characters a second at speed 1, rounded up to a tenth of a second.
pub fn spoken_ms(text: &str, speed_thousandths: u64) -> u64 {
    let chars = text.chars().count() as u64;
    let divisor = 3 * speed_thousandths.max(1);
    100 * (chars * 2000).div_ceil(divisor)
}

/// `S` for an action's `speed`: absent (or not a number) means speed 1.
pub fn speed_thousandths(speed: Option<&Json>) -> u64 {
    speed
        .and_then(Json::as_number)
        .and_then(|number| thousandths_of_literal(number.text()))
        .unwrap_or(NORMAL_SPEED)
}

/// A positive decimal literal (`1`, `0.75`, `1.2345`, `15e-1`) times 1000, rounded to the
/// nearest integer with halves up, read from its digits rather than from its double (SIM
/// §8.6). `None` for a negative literal or one too large to matter.
pub fn thousandths_of_literal(literal: &str) -> Option<u64> {
    if literal.starts_with('-') {
        return None;
    }
    let (mantissa, exponent) = match literal.find(['e', 'E']) {
        Some(at) => (&literal[..at], literal[at + 1..].parse::<i64>().ok()?),
        None => (literal, 0),
    };
    let (whole, fraction) = mantissa.split_once('.').unwrap_or((mantissa, ""));
    let digits: Vec<u8> = whole.bytes().chain(fraction.bytes()).collect();
    // The decimal point of `digits × 1000` sits after this many digits.
    let point = whole.len() as i64 + exponent.clamp(-100_000, 100_000) + 3;
    let kept = point.clamp(0, digits.len() as i64) as usize;
    let mut value: u64 = 0;
    for &digit in &digits[..kept] {
        value = value
            .checked_mul(10)?
            .checked_add(u64::from(digit - b'0'))?;
    }
    for _ in digits.len() as i64..point {
        value = value.checked_mul(10)?;
    }
    let next_digit = usize::try_from(point)
        .ok()
        .and_then(|at| digits.get(at))
        .map_or(0, |d| d - b'0');
    Some(value + u64::from(next_digit >= 5))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_worked_examples_of_sim_md() {
        let sixty_six = "x".repeat(66);
        assert_eq!(spoken_ms(&sixty_six, 1000), 4400);
        assert_eq!(spoken_ms(&"x".repeat(158), 1000), 10600);
        assert_eq!(spoken_ms("Thank you.", 1000), 700);
        assert_eq!(spoken_ms("", 1000), 0);
    }

    #[test]
    fn characters_are_code_points() {
        assert_eq!(spoken_ms("ééé", 1000), spoken_ms("eee", 1000));
    }

    #[test]
    fn speed_is_read_from_its_digits_with_halves_up() {
        for (literal, expected) in [
            ("1", 1000),
            ("0.5", 500),
            ("2", 2000),
            ("1.2345", 1235),
            ("1.2344999", 1234),
            ("15e-1", 1500),
            ("0.0015E3", 1500),
            ("2.0000000000000001", 2000),
            ("0.49999999999999999", 500),
            ("1.0005", 1001),
        ] {
            assert_eq!(thousandths_of_literal(literal), Some(expected), "{literal}");
        }
    }

    #[test]
    fn speed_changes_the_duration_exactly() {
        // 30 characters: 2000 ms at speed 1, 1000 ms at speed 2, 4000 ms at speed 0.5.
        let text = "x".repeat(30);
        assert_eq!(spoken_ms(&text, 2000), 1000);
        assert_eq!(spoken_ms(&text, 500), 4000);
        // 1.5: 30 × 2000 / 4500 = 13.33…, rounded up to 14 tenths.
        assert_eq!(spoken_ms(&text, 1500), 1400);
    }
}
