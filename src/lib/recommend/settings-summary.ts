/**
 * What the folded filters panel has changed from the defaults, in a few words each, so that the
 * compact bar of For you can say why the picks look the way they do without opening it.
 */
import { compactNumber } from '$lib/catalogue/labels';
import { SEASONS } from '$lib/data/shard-types';
import { DEFAULT_CONTROLS, type BlendControls, type RecommendFilters } from './rank';

function range(from: number | null, to: number | null, unit: string): string | null {
  if (from === null && to === null) return null;
  if (from !== null && to !== null) return from === to ? `${from}${unit}` : `${from}–${to}${unit}`;
  return from !== null ? `${from} or later${unit}` : `up to ${to}${unit}`;
}

/** One short phrase per setting that differs from the defaults, in the panel's order. */
export function changedSettings(controls: BlendControls, filters: RecommendFilters): string[] {
  const out: string[] = [];
  if (!controls.autoBlend) out.push(`${Math.round(controls.contentWeight * 100)}% content`);
  if (controls.niche !== DEFAULT_CONTROLS.niche) out.push(controls.niche > 0 ? 'niche' : 'popular');
  if (controls.boostPlanToWatch) out.push('with plan-to-watch');
  if (controls.showAdult) out.push('adult titles shown');
  if (controls.newFranchisesOnly) out.push('new franchises only');
  if (controls.showDislikedFranchises) out.push('dropped franchises back');
  out.push(...filters.include.map((tag) => `+${tag}`), ...filters.exclude.map((tag) => `−${tag}`));
  if (filters.seasons.length) out.push(filters.seasons.map((s) => SEASONS[s]).join('/'));
  const years = range(filters.yearFrom, filters.yearTo, '');
  if (years) out.push(years);
  const episodes = range(filters.episodesMin, filters.episodesMax, ' episodes');
  if (episodes) out.push(episodes);
  if (filters.minMembers !== null) out.push(`${compactNumber(filters.minMembers)}+ members`);
  if (filters.types.length) out.push(filters.types.join('/'));
  return out;
}
