/**
 * Why a Together pick suits the group, from each member's own explanation of it: the loved
 * titles behind it that members share ("Both of you loved …"), then each member's own ("Fits
 * Ann's love of …"), then the features it shares with a member's taste. One title is named once.
 */
import type { Explanation } from './explain';

export interface MemberExplanation {
  name: string;
  explanation: Explanation;
}

/** The loved titles behind a pick for one member, strongest first. */
function anchors(e: Explanation): number[] {
  const out = [...e.becauseYouLiked, ...e.fansOf];
  if (e.continues !== null) out.unshift(e.continues);
  return [...new Set(out)];
}

function together(names: string[], all: number): string {
  if (names.length === all) return all === 2 ? 'Both of you' : 'All of you';
  return `${names.slice(0, -1).join(', ')} and ${names.at(-1)}`;
}

export function groupReasons(members: MemberExplanation[], title: (i: number) => string): string[] {
  const reasons: string[] = [];
  const named = new Set<number>();
  const covered = new Set<string>();
  const byAnchor = new Map<number, string[]>();
  for (const { name, explanation } of members)
    for (const i of anchors(explanation)) byAnchor.set(i, [...(byAnchor.get(i) ?? []), name]);
  const shared = [...byAnchor].filter(([, names]) => names.length > 1);
  shared.sort((a, b) => b[1].length - a[1].length);
  for (const [i, names] of shared.slice(0, 2)) {
    reasons.push(`${together(names, members.length)} loved ${title(i)}`);
    named.add(i);
    for (const name of names) covered.add(name);
  }
  for (const { name, explanation } of members) {
    if (covered.has(name)) continue;
    const own = anchors(explanation).find((i) => !named.has(i));
    if (own !== undefined) {
      reasons.push(`Fits ${name}'s love of ${title(own)}`);
      named.add(own);
    } else if (explanation.sharedFeatures.length) {
      reasons.push(`Fits ${name}'s taste for ${explanation.sharedFeatures.join(', ')}`);
    }
  }
  return reasons;
}
