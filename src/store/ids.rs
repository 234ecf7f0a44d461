//! Keyed hashes of Discord ids: what the store keeps instead of the ids.

use std::time::SystemTime;

/// Keyed hashes of Discord ids (BLAKE3 in keyed mode): the same id gives the same hash under
/// one key, and without the key nothing links a hash back to an id.
#[derive(Clone)]
pub struct IdHasher {
    key: [u8; 32],
}

impl IdHasher {
    /// From the configured key (any text; derived to 32 bytes), or a random one when empty.
    pub fn new(key: &str) -> IdHasher {
        let key = if key.is_empty() {
            let mut random = [0u8; 32];
            let seed = format!("{:?}{}{:p}", SystemTime::now(), std::process::id(), &random);
            random.copy_from_slice(blake3::hash(seed.as_bytes()).as_bytes());
            random
        } else {
            blake3::derive_key("luopan store id hashes v1", key.as_bytes())
        };
        IdHasher { key }
    }

    /// The hash of an id of a kind (`guild`, `channel`, `user`, `answer`), 16 bytes in hex.
    pub fn hash(&self, kind: &str, id: u64) -> String {
        let mut hasher = blake3::Hasher::new_keyed(&self.key);
        hasher.update(kind.as_bytes());
        hasher.update(&id.to_le_bytes());
        hasher.finalize().to_hex()[..32].to_string()
    }
}

impl std::fmt::Debug for IdHasher {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("IdHasher(..)")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_hash_the_same_under_one_key_and_differently_under_another() {
        let one = IdHasher::new("secret");
        let again = IdHasher::new("secret");
        let other = IdHasher::new("another");
        let id = 123_456_789_012_345_678;
        assert_eq!(one.hash("user", id), again.hash("user", id));
        assert_ne!(one.hash("user", id), other.hash("user", id));
        assert_ne!(one.hash("user", id), one.hash("guild", id));
        assert!(!one.hash("user", id).contains(&id.to_string()));
        assert_eq!(one.hash("user", id).len(), 32);
    }
}
