/**
 * Why a Together pick suits the group, from each member's own explanation of it: the loved
 * titles behind it that members share ("Both of you loved …"), then each member's own ("Fits
 * Ann's love of …"), then the features it shares with a member's taste. One title is named once,
 * in the words each member's own score for it allows (loved, liked, watched: see regard.ts).
 */
import type { Explanation } from './explain';
import type { Regard } from './regard';

export interface MemberExplanation {
  name: string;
  /** The member is the person using the app (their stored list): "your", not "Me's". */
  you?: boolean;
  explanation: Explanation;
}

/** The loved titles behind a pick for one member, strongest first. */
function anchors(e: Explanation): number[] {
  const out = [...e.becauseYouLiked, ...e.fansOf];
  if (e.continues !== null) out.unshift(e.continues);
  return [...new Set(out)];
}

function together(members: MemberExplanation[], all: number): string {
  if (members.length === all) return all === 2 ? 'Both of you' : 'All of you';
  const names = members
    .map((m) => (m.you ? 'You' : m.name))
    .sort((a, b) => +(b === 'You') - +(a === 'You'));
  return `${names.slice(0, -1).join(', ')} and ${names.at(-1)}`;
}

const whose = (m: MemberExplanation) => (m.you ? 'your' : `${m.name}'s`);

const STRENGTH: Regard[] = ['watched', 'liked', 'loved'];
const regardOf = (m: MemberExplanation, i: number): Regard => m.explanation.regard[i] ?? 'watched';

/** What every one of `who` can be said to have done with title `i`: the weakest of their regards. */
function sharedRegard(who: MemberExplanation[], i: number): Regard {
  return STRENGTH[Math.min(...who.map((m) => STRENGTH.indexOf(regardOf(m, i))))]!;
}

function ownReason(member: MemberExplanation, title: string, regard: Regard): string {
  if (regard === 'loved') return `Fits ${whose(member)} love of ${title}`;
  if (regard === 'liked') return `Fits ${whose(member)} liking for ${title}`;
  return `${member.you ? 'You' : member.name} watched ${title}`;
}

export function groupReasons(members: MemberExplanation[], title: (i: number) => string): string[] {
  const reasons: string[] = [];
  const named = new Set<number>();
  const covered = new Set<MemberExplanation>();
  const byAnchor = new Map<number, MemberExplanation[]>();
  for (const member of members)
    for (const i of anchors(member.explanation))
      byAnchor.set(i, [...(byAnchor.get(i) ?? []), member]);
  const shared = [...byAnchor].filter(([, who]) => who.length > 1);
  shared.sort((a, b) => b[1].length - a[1].length);
  for (const [i, who] of shared.slice(0, 2)) {
    reasons.push(`${together(who, members.length)} ${sharedRegard(who, i)} ${title(i)}`);
    named.add(i);
    for (const member of who) covered.add(member);
  }
  for (const member of members) {
    if (covered.has(member)) continue;
    const { explanation } = member;
    const own = anchors(explanation).find((i) => !named.has(i));
    if (own !== undefined) {
      reasons.push(ownReason(member, title(own), regardOf(member, own)));
      named.add(own);
    } else if (explanation.sharedFeatures.length) {
      reasons.push(`Fits ${whose(member)} taste for ${explanation.sharedFeatures.join(', ')}`);
    }
  }
  return reasons;
}
