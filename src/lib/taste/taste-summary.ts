/**
 * What Your taste says in words: the rows each chart shows and one plain sentence per chart (the
 * charts' text alternative), every figure taken from the profile and the average fan.
 */
import type { AverageFan } from './average-fan';
import type { CountedTitles, ScoreComparison, StudioRow, TasteProfile } from './taste-profile';

export interface ShareRow {
  label: string;
  yours: number;
  fan: number;
}

export const percent = (share: number): string => `${Math.round(share * 100)}%`;
const count = (n: number, one: string, many = `${one}s`) =>
  `${n.toLocaleString('en')} ${n === 1 ? one : many}`;
const whole = (n: number) => Math.round(n).toLocaleString('en');

/** The labels most of the user's titles carry (most first), with the average fan's share. */
export function topShares(
  yours: readonly number[],
  fan: readonly number[],
  labels: readonly string[],
  limit = 10,
): ShareRow[] {
  return labels
    .map((label, k) => ({ label, yours: yours[k] ?? 0, fan: fan[k] ?? 0 }))
    .filter((row) => row.yours > 0)
    .sort((a, b) => b.yours - a.yours || b.fan - a.fan || a.label.localeCompare(b.label))
    .slice(0, limit);
}

/** The label whose share is furthest above the average fan's, if any is above. */
export function furthestAbove(
  yours: readonly number[],
  fan: readonly number[],
  labels: readonly string[],
): ShareRow | null {
  let best: ShareRow | null = null;
  for (const [k, label] of labels.entries()) {
    const row = { label, yours: yours[k] ?? 0, fan: fan[k] ?? 0 };
    if (row.yours > row.fan && (!best || row.yours - row.fan > best.yours - best.fan)) best = row;
  }
  return best;
}

export function shareSentence(
  kind: 'genre' | 'theme',
  yours: readonly number[],
  fan: readonly number[],
  labels: readonly string[],
): string {
  const [top] = topShares(yours, fan, labels, 1);
  if (!top) return `None of your titles has a ${kind} in the dataset.`;
  let sentence =
    `Your most frequent ${kind} is ${top.label}: ${percent(top.yours)} of your titles, ` +
    `against ${percent(top.fan)} for the average fan.`;
  const above = furthestAbove(yours, fan, labels);
  if (above?.label === top.label)
    sentence += ` It is also the ${kind} where you are furthest above the average fan.`;
  else if (above)
    sentence +=
      ` Furthest above the average fan: ${above.label} ` +
      `(${percent(above.yours)} against ${percent(above.fan)}).`;
  return sentence;
}

function difference(d: number): string {
  const size = Math.abs(d).toFixed(1);
  return size === '0.0' ? 'the same as MAL' : `${size} ${d > 0 ? 'higher' : 'lower'} than MAL`;
}

export function scoreSentence(scores: ScoreComparison, fan: AverageFan | null): string {
  if (!scores.scored)
    return 'None of the titles counted has both your score and a MAL mean: score some on Your list to compare.';
  let sentence =
    `You score ${difference(scores.difference)} on average: your mean is ` +
    `${scores.yourMean.toFixed(2)} and MAL's ${scores.malMean.toFixed(2)} over the same ` +
    `${count(scores.scored, 'title')}.`;
  if (fan?.scoreUsers) sentence += ` The average fan scores ${difference(fan.scoreVsMal)}.`;
  return sentence;
}

export function nicheSentence(members: TasteProfile['members'], fan: AverageFan | null): string {
  if (!members.known) return 'None of the titles counted has a known number of MAL members.';
  let sentence = `The middle title of your list has ${whole(members.median)} members on MAL (half have more, half fewer)`;
  if (!fan?.medianMembers) return `${sentence}.`;
  sentence += `; the average fan's middle title has ${whole(fan.medianMembers)}.`;
  const ratio = members.median / fan.medianMembers;
  const verdict =
    ratio < 2 / 3
      ? 'more niche than'
      : ratio > 3 / 2
        ? 'more mainstream than'
        : 'about as mainstream as';
  return `${sentence} Your list is ${verdict} the average fan's.`;
}

/** The studio with the highest mean score among those with at least `minScored` scored titles. */
export function bestScoredStudio(rows: readonly StudioRow[], minScored = 3): StudioRow | null {
  let best: StudioRow | null = null;
  for (const row of rows)
    if (row.scored >= minScored && (!best || row.meanScore > best.meanScore)) best = row;
  return best;
}

export function studioSentence(rows: readonly StudioRow[]): string {
  const [top] = rows;
  if (!top) return 'None of the titles counted names its studio.';
  let sentence = `Your most-watched studio is ${top.name}: ${count(top.titles, 'title')}`;
  sentence += top.scored ? `, which you score ${top.meanScore.toFixed(1)} on average.` : '.';
  const best = bestScoredStudio(rows);
  if (best && best !== top)
    sentence += ` Your highest-scored studio (3 or more scored titles) is ${best.name}, at ${best.meanScore.toFixed(1)}.`;
  return sentence;
}

export function yearSentence(years: TasteProfile['years']): string {
  if (years.length === 0) return 'None of the titles counted has a known year.';
  const total = years.reduce((sum, y) => sum + y.titles, 0);
  const busiest = years.reduce((a, b) => (b.titles > a.titles ? b : a));
  let later = 0;
  let half = years[years.length - 1]!.year;
  for (let k = years.length - 1; k >= 0 && later < total / 2; k--) {
    later += years[k]!.titles;
    half = years[k]!.year;
  }
  return (
    `Your titles premiered from ${years[0]!.year} to ${years[years.length - 1]!.year}; the ` +
    `busiest year is ${busiest.year} with ${count(busiest.titles, 'title')}, and half premiered ` +
    `in ${half} or later.`
  );
}

/** The one line that says what counts. */
export function rulesSentence(counted: CountedTitles, fan: AverageFan | null): string {
  const left = [
    counted.planned && `${counted.planned} planned`,
    counted.hidden && `${counted.hidden} hidden with Not interested`,
    counted.unmatched && `${counted.unmatched} not in the dataset`,
  ].filter(Boolean);
  return (
    `Counted: the ${count(counted.items.length, 'title')} on your list you have seen at least in ` +
    `part (watching, completed, on hold, dropped)` +
    (left.length ? `; left out: ${left.join(', ')}` : '') +
    '. Scores: only the titles you scored.' +
    (fan
      ? ` The average fan: the mean of ${count(fan.users, "user's list", "users' lists")} in the dataset, counted the same way.`
      : '')
  );
}
