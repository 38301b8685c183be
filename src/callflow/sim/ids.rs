//! Seeded, UUID-shaped ids (SIM.md §4.0): the docs only say "UUID", and a simulation must
//! print the same ids for the same seed, so they come from a SplitMix64 generator.

/// Draws ids in the order SIM.md fixes: request id, session id, then call and event ids as
/// the things they name happen.
#[derive(Clone, Debug)]
pub struct IdSource {
    state: u64,
}

impl IdSource {
    pub fn new(seed: u64) -> IdSource {
        IdSource { state: seed }
    }

    /// One SplitMix64 step.
    fn next_u64(&mut self) -> u64 {
        self.state = self.state.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.state;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// Two draws as 16 big-endian bytes, stamped as a version-4, RFC 4122 variant UUID.
    pub fn next_id(&mut self) -> String {
        let mut bytes = [0u8; 16];
        bytes[..8].copy_from_slice(&self.next_u64().to_be_bytes());
        bytes[8..].copy_from_slice(&self.next_u64().to_be_bytes());
        bytes[6] = (bytes[6] & 0x0F) | 0x40;
        bytes[8] = (bytes[8] & 0x3F) | 0x80;
        const HEX: &[u8; 16] = b"0123456789abcdef";
        let mut id = String::with_capacity(36);
        for (at, byte) in bytes.iter().enumerate() {
            if matches!(at, 4 | 6 | 8 | 10) {
                id.push('-');
            }
            id.push(char::from(HEX[usize::from(byte >> 4)]));
            id.push(char::from(HEX[usize::from(byte & 0x0F)]));
        }
        id
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn seed_zero_starts_with_the_ids_of_sim_md() {
        let mut ids = IdSource::new(0);
        assert_eq!(ids.next_id(), "e220a839-7b1d-4daf-ae78-9e6aa1b965f4");
        assert_eq!(ids.next_id(), "06c45d18-8009-454f-b88b-b8a8724c81ec");
        assert_eq!(ids.next_id(), "1b39896a-51a8-449b-93cb-9f0c747ea2ea");
    }

    #[test]
    fn other_seeds_give_other_ids() {
        assert_ne!(IdSource::new(1).next_id(), IdSource::new(0).next_id());
    }
}
