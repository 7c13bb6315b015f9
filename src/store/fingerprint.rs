//! What a workbook file held when phasebook read or wrote it, so a save can tell whether
//! someone else has changed the file since: the size and a hash of the bytes, plus the
//! modification time to say when.

use std::time::SystemTime;

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

/// The identity of a file's content at one moment.
///
/// Two fingerprints match when size and hash agree; the time is only for messages, since a
/// copy tool may keep an old time on new content or a `touch` change the time alone.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Fingerprint {
    pub len: u64,
    /// FNV-1a (64-bit) of the bytes: stable across builds and platforms, so a fingerprint kept
    /// in a recovery file by one phasebook is still comparable by the next. It guards against
    /// accidents, not attackers; 64 bits make a chance collision of two edits negligible.
    pub hash: u64,
    pub modified: Option<DateTime<Utc>>,
}

impl Fingerprint {
    /// The fingerprint of `bytes`, as a file last modified at `modified`.
    pub fn of(bytes: &[u8], modified: Option<SystemTime>) -> Fingerprint {
        Fingerprint { len: bytes.len() as u64, hash: fnv1a(bytes), modified: modified.map(DateTime::<Utc>::from) }
    }

    /// Whether both describe the same content.
    pub fn same_content(&self, other: &Fingerprint) -> bool {
        self.len == other.len && self.hash == other.hash
    }
}

pub(crate) fn fnv1a(bytes: &[u8]) -> u64 {
    const OFFSET: u64 = 0xcbf2_9ce4_8422_2325;
    const PRIME: u64 = 0x0000_0100_0000_01b3;
    bytes.iter().fold(OFFSET, |hash, &b| (hash ^ u64::from(b)).wrapping_mul(PRIME))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_hash_is_the_published_fnv1a() {
        // Test vectors from the FNV reference: a stable hash is the point of using it.
        assert_eq!(fnv1a(b""), 0xcbf2_9ce4_8422_2325);
        assert_eq!(fnv1a(b"a"), 0xaf63_dc4c_8601_ec8c);
        assert_eq!(fnv1a(b"foobar"), 0x8594_4171_f739_67e8);
    }

    #[test]
    fn a_one_byte_change_is_a_different_content() {
        let a = Fingerprint::of(b"status: Done", None);
        let b = Fingerprint::of(b"status: Dome", None);
        assert!(!a.same_content(&b));
        assert!(a.same_content(&Fingerprint::of(b"status: Done", Some(SystemTime::now()))));
    }
}
