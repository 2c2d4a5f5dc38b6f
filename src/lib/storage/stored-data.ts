/** What Tsugi keeps on this device, and about how much space it takes (Your list's panel). */
import { CURRENT, database, FINE_TUNED } from './db';

export interface StoredData {
  listEntries: number;
  /** Approximate bytes of each kind of data (what it would take serialised). */
  bytes: { list: number; model: number; profile: number; settings: number };
  /** The browser's own figure for this site, app and dataset caches included (if it tells). */
  usage: number | null;
  quota: number | null;
}

const floatBytes = (...arrays: (ArrayLike<number> | undefined)[]) =>
  arrays.reduce((sum, a) => sum + (a?.length ?? 0) * 4, 0);

const SAMPLE = 1000;

/** What Tsugi keeps on this device, and about how much space it takes. */
export async function storedData(): Promise<StoredData> {
  const db = await database();
  const [listEntries, sample, model, tuned, profile, settings] = await Promise.all([
    db.count('entries'),
    db.getAll('entries', null, SAMPLE),
    db.get('models', CURRENT),
    db.get('models', FINE_TUNED),
    db.get('profiles', CURRENT),
    db.getAll('settings'),
  ]);
  const m = model?.model;
  const t = tuned?.model;
  const estimate = await navigator.storage?.estimate?.().catch(() => null);
  return {
    listEntries,
    bytes: {
      // Estimated from the first entries: serialising 200,000 of them would take seconds.
      list: sample.length
        ? Math.round((JSON.stringify(sample).length / sample.length) * listEntries)
        : 0,
      model:
        (m ? floatBytes(m.users, m.items, m.userBias, m.itemBias) : 0) +
        (t ? floatBytes(t.users, t.items, t.userBias, t.itemBias) : 0),
      profile: profile ? floatBytes(profile.vector) : 0,
      settings: JSON.stringify(settings).length,
    },
    usage: estimate?.usage ?? null,
    quota: estimate?.quota ?? null,
  };
}
