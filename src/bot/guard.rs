//! Who may do what: the per-user cooldown on questions, and the moderator check for reloads
//! (Discord's `default_member_permissions` can be changed by server owners, so the bot checks
//! again on its side).

use std::collections::HashMap;
use std::sync::Mutex;
use std::time::{Duration, Instant};

use serenity::all::{Permissions, RoleId};

/// Remembers when each user last asked.
pub struct Cooldowns {
    wait: Duration,
    last: Mutex<HashMap<u64, Instant>>,
}

impl Cooldowns {
    pub fn new(wait: Duration) -> Cooldowns {
        Cooldowns {
            wait,
            last: Mutex::new(HashMap::new()),
        }
    }

    /// `Ok` and records the question when the user may ask now; otherwise how long to wait.
    pub fn check(&self, user: u64, now: Instant) -> Result<(), Duration> {
        if self.wait.is_zero() {
            return Ok(());
        }
        let mut last = self.last.lock().unwrap_or_else(|e| e.into_inner());
        if let Some(&at) = last.get(&user) {
            let since = now.saturating_duration_since(at);
            if since < self.wait {
                return Err(self.wait - since);
            }
        }
        last.insert(user, now);
        // Forget users whose wait is long over, so the map stays small.
        if last.len() > 10_000 {
            let wait = self.wait;
            last.retain(|_, at| now.saturating_duration_since(*at) < wait);
        }
        Ok(())
    }
}

/// Whether a member may reload the corpus: Manage Server (or Administrator) in the channel's
/// resolved permissions, or one of the configured moderator roles.
pub fn is_moderator(
    permissions: Option<Permissions>,
    roles: &[RoleId],
    moderator_roles: &[u64],
) -> bool {
    let by_permission = permissions.is_some_and(|p| p.manage_guild() || p.administrator());
    let by_role = roles.iter().any(|r| moderator_roles.contains(&r.get()));
    by_permission || by_role
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_second_question_within_the_cooldown_waits() {
        let cooldowns = Cooldowns::new(Duration::from_secs(3));
        let start = Instant::now();
        assert!(cooldowns.check(1, start).is_ok());
        let wait = cooldowns
            .check(1, start + Duration::from_secs(1))
            .unwrap_err();
        assert_eq!(wait, Duration::from_secs(2));
        assert!(
            cooldowns.check(2, start + Duration::from_secs(1)).is_ok(),
            "others are not held"
        );
        assert!(cooldowns.check(1, start + Duration::from_secs(4)).is_ok());
    }

    #[test]
    fn moderators_have_manage_server_or_a_moderator_role() {
        let role = RoleId::new(77);
        assert!(is_moderator(Some(Permissions::MANAGE_GUILD), &[], &[]));
        assert!(is_moderator(Some(Permissions::ADMINISTRATOR), &[], &[]));
        assert!(is_moderator(
            Some(Permissions::SEND_MESSAGES),
            &[role],
            &[77]
        ));
        assert!(!is_moderator(
            Some(Permissions::SEND_MESSAGES),
            &[role],
            &[78]
        ));
        assert!(!is_moderator(None, &[], &[]));
    }
}
