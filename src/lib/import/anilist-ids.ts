/**
 * AniList → MyAnimeList ids, from @kawaiioverflow/arm (a weekly-published mapping of about 35k
 * anime). Loaded on demand: only an AniList import needs its 2 MB.
 */
let mapping: Promise<Map<number, number>> | null = null;

interface ArmEntry {
  mal_id?: number;
  anilist_id?: number;
}

export function aniListToMal(): Promise<Map<number, number>> {
  mapping ??= import('@kawaiioverflow/arm/arm.json').then(({ default: arm }) => {
    const map = new Map<number, number>();
    for (const { mal_id, anilist_id } of arm as ArmEntry[])
      if (mal_id && anilist_id) map.set(anilist_id, mal_id);
    return map;
  });
  return mapping;
}
