/**
 * Keeping the list on phones that forget: browsers may delete a site's storage under pressure,
 * and Safari deletes it after 7 days without a visit unless the site is on the Home Screen.
 * Tsugi asks for persistent storage once the user has a list to lose, and where that is refused
 * or cannot be asked, says once how to keep it.
 */

export type Persistence = 'persisted' | 'refused' | 'unavailable';

/** The part of `navigator.storage` this needs; absent or partial in older engines. */
export interface PersistentStorage {
  persisted?: () => Promise<boolean>;
  persist?: () => Promise<boolean>;
}

export async function askToPersist(storage: PersistentStorage | undefined): Promise<Persistence> {
  if (typeof storage?.persist !== 'function') return 'unavailable';
  try {
    if (await storage.persisted?.()) return 'persisted';
    return (await storage.persist()) ? 'persisted' : 'refused';
  } catch {
    return 'refused';
  }
}

/**
 * What to tell the user, or null: nothing where storage is kept, or where Tsugi runs from the
 * Home Screen (an installed app is exempt from Safari's 7-day deletion).
 */
export function keepListAdvice(persistence: Persistence, installed: boolean): string | null {
  if (persistence === 'persisted' || installed) return null;
  const why =
    persistence === 'refused'
      ? 'This browser did not agree to keep Tsugi’s data for good'
      : 'This browser gives no way to ask it to keep Tsugi’s data';
  return (
    `${why}: it may delete your list when the device runs short of space, and Safari does after ` +
    '7 days without a visit. ' +
    'To keep it, add Tsugi to your Home Screen (in Safari: Share, then Add to Home Screen), ' +
    'or export your list from Your list now and then.'
  );
}

/** The settings key that records the advice was given (it is given once). */
export const KEEP_LIST_ADVICE_SETTING = 'keep-list-advice-given';
