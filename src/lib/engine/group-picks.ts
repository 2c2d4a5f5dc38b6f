/**
 * Together: 2–4 members' lists, each ranked by the same signals as For you (the stored list's
 * are For you's own), aggregated, one title per franchise, each pick with the group's reasons.
 */
import { displayTitle } from '$lib/catalogue/labels';
import { FLAG_ADULT } from '$lib/data/shard-types';
import { ImportError } from '$lib/import/import-error';
import { parseListFile } from '$lib/import/parse-list';
import { hiddenMask, hiddenTitles } from '$lib/library/hidden';
import { userItems } from '$lib/library/user-items';
import { loadLibraryMeta } from '$lib/storage/library-store';
import { findEntry } from '$lib/library/match';
import { groupPicks, type Aggregation } from '$lib/recommend/group';
import { groupReasons } from '$lib/recommend/group-reasons';
import { autoContentWeight, blendedScores, sharesFor } from '$lib/recommend/rank';
import { explainSignals, userSignals } from '$lib/recommend/user-signals';
import type { GroupMember, GroupResult } from './api';
import type { ListSignals } from './list-signals';
import type { ShardIndices } from './shard-indices';

/** A group member from a list file: read, not stored in the library. */
export async function readGroupMember(
  indices: ShardIndices,
  bytes: Uint8Array,
  fileName: string,
): Promise<GroupMember> {
  const parsed = await parseListFile(bytes);
  const lookup = indices.lookup();
  const entries = parsed.entries
    .filter((e) => findEntry(lookup, e) >= 0)
    .map((e) => ({ ...e, fields: {} }));
  if (entries.length === 0)
    throw new ImportError(
      "None of the entries of this list is in Tsugi's catalogue: choose this member's anime list export.",
    );
  const name = parsed.user?.name || fileName.replace(/\.(xml|gz|csv|json)+$/i, '');
  return { name, source: 'file', entries };
}

/** Picks for 2–4 members: each one's blend, on a common scale, aggregated. */
export async function groupRecommend(
  indices: ShardIndices,
  list: ListSignals,
  members: GroupMember[],
  aggregation: Aggregation,
  limit: number,
): Promise<GroupResult> {
  const started = performance.now();
  if (members.length < 2 || members.length > 4) throw new Error('A group has 2 to 4 members.');
  const { catalogue } = indices.shard;
  const model = await list.listModel();
  const context = await list.context(model.inUse);
  const excluded = Uint8Array.from(catalogue.flags, (f) => f & FLAG_ADULT);
  // What the user hid ("not interested") leaves the group's picks too, whoever the members are.
  const hidden = hiddenTitles(await loadLibraryMeta());
  hiddenMask(hidden, indices.lookup(), indices.franchises()).forEach((h, i) => {
    if (h) excluded[i] = 1;
  });
  const views = [];
  for (const member of members) {
    const view =
      member.source === 'library'
        ? await list.stored()
        : (() => {
            const items = userItems(member.entries, indices.lookup(), catalogue.size);
            return { items, context, signals: userSignals(context, items) };
          })();
    if (!view) throw new Error(`${member.name}: there is no stored list yet.`);
    const { items, signals } = view;
    for (let i = 0; i < catalogue.size; i++)
      if (items.seenByAnime[i] || signals.blocked[i] || signals.dislikedFranchise[i])
        excluded[i] = 1;
    views.push({ ...view, name: member.name, you: member.source === 'library' });
  }
  const scores = views.map(({ items, signals }) =>
    blendedScores(
      catalogue,
      signals,
      autoContentWeight(items.items.length),
      sharesFor(items.items.length),
    ),
  );
  // One title per franchise: the best-placed entry of each.
  const { group } = indices.franchises();
  const shown = new Set<number>();
  const picks = groupPicks(scores, excluded, aggregation, limit * 4)
    .filter((pick) => !shown.has(group[pick.index]!) && shown.add(group[pick.index]!))
    .slice(0, limit);
  for (const pick of picks) {
    const explained = views.map((v) => ({
      name: v.name,
      you: v.you,
      explanation: explainSignals(v.context, v.items, v.signals, [pick.index])[0]!,
    }));
    pick.reasons = groupReasons(explained, (i) => displayTitle(catalogue, i));
  }
  return {
    picks,
    note: model.inUse
      ? ''
      : 'No trained model yet: these group picks come from what fans of your favourites ' +
        'loved, and from content.',
    ms: performance.now() - started,
    model: model.tag,
  };
}
