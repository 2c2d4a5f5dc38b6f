/**
 * Japanese names for anime whose own Japanese title is in Latin letters or unknown. bangumi-data
 * writes One Piece's Japanese title as the logo does, "ONE PIECE", and no table carries the
 * katakana ワンピース; but its specials are written "ワンピース エピソード・オブ・ナミ～…", and
 * their romaji titles start with the same name ("One Piece: Episode of Nami"). So a romaji name
 * whose entries agree on the Japanese words their titles start with lends those words to every
 * entry of that name without Japanese script, for search only.
 */
import { normaliseTitle } from './title-text';
import type { Catalogue } from '$lib/data/shard-types';

/**
 * Kana, kanji, the prolonged sound mark and the middle dot of katakana names, up to a space, a
 * subtitle or the end: "ダイヤのA" and "ガールズ&パンツァー" have no head.
 */
const HEAD =
  /^([\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Han}ー・]{2,})(?:$|[\s~:\-(「『【])/u;
const JAPANESE = /[\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Han}]/u;
/** Where a romaji title's name ends and its subtitle starts. */
const SUBTITLE = /[:：!?~～]| - /;
/** Entries that must agree, and the share of a name's entries with Japanese script that must. */
const MIN_AGREEING = 2;
/** A name this specific lends its alias to longer names too ("one piece film red"). */
const MIN_PREFIX_WORDS = 2;
/** A head shared by this many names is a word like 劇場版 ("the movie"), not a name. */
const GENERIC_NAMES = 3;
const MIN_NAME_LENGTH = 4;

/** The Japanese words a title starts with, before a space or a subtitle: "ワンピース". */
function japaneseHead(title: string): string | null {
  const head = HEAD.exec(title.normalize('NFKC'))?.[1];
  return head && JAPANESE.test(head) ? head : null;
}

/** The romaji name before any subtitle: "One Piece: Heart of Gold" → "one piece". */
function romajiName(title: string, normalised: string): string {
  const cut = SUBTITLE.exec(title);
  return cut ? normaliseTitle(title.slice(0, cut.index)) : normalised;
}

/**
 * Catalogue index → a Japanese name for search, for entries whose titles have no Japanese
 * script. `normalised` holds each romaji title as `normaliseTitle` gives it.
 */
export function japaneseAliases(c: Catalogue, normalised: string[]): Map<number, string> {
  const heads = new Map<string, Map<string, number>>();
  const namesOfHead = new Map<string, Set<string>>();
  const hasJapanese = new Uint8Array(c.size);
  for (let i = 0; i < c.size; i++) {
    if (!JAPANESE.test(c.titleJapanese[i]!)) continue;
    hasJapanese[i] = 1;
    const head = japaneseHead(c.titleJapanese[i]!);
    if (!head) continue;
    const name = romajiName(c.title[i]!, normalised[i]!);
    if (name.length < MIN_NAME_LENGTH) continue;
    const counts = heads.get(name) ?? new Map<string, number>();
    counts.set(head, (counts.get(head) ?? 0) + 1);
    heads.set(name, counts);
    namesOfHead.set(head, (namesOfHead.get(head) ?? new Set()).add(name));
  }
  const aliasOf = new Map<string, string>();
  for (const [name, counts] of heads) {
    const total = [...counts.values()].reduce((a, b) => a + b, 0);
    const [head, count] = [...counts].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))[0]!;
    if (count >= MIN_AGREEING && count * 2 > total && namesOfHead.get(head)!.size < GENERIC_NAMES)
      aliasOf.set(name, head);
  }
  const aliases = new Map<number, string>();
  // A name's first word: most titles start with none, and are passed over at once.
  const firstWords = new Set([...aliasOf.keys()].map((name) => name.split(' ')[0]));
  for (let i = 0; i < c.size; i++) {
    if (hasJapanese[i] || !firstWords.has(normalised[i]!.split(' ', 1)[0])) continue;
    // Its own name, else the longest name of two words or more it starts with, by whole words:
    // "One Piece Film: Red" → "one piece"; "Hello World" does not borrow from "hello".
    let alias = aliasOf.get(romajiName(c.title[i]!, normalised[i]!));
    const words = normalised[i]!.split(' ');
    for (let n = words.length; !alias && n >= MIN_PREFIX_WORDS; n--)
      alias = aliasOf.get(words.slice(0, n).join(' '));
    if (alias) aliases.set(i, alias);
  }
  return aliases;
}
