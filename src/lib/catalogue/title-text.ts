/** How titles and queries are compared: the normal forms that search, matching and franchises share. */

/** Lower-case ASCII words: "Kimi no Na wa." → "kimi no na wa", "Pokémon" → "pokemon". */
export function normaliseTitle(text: string): string {
  return text
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/['’]/g, '')
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();
}

/**
 * A title or query as Japanese search compares them: full- and half-width forms unified (NFKC:
 * "ＯＮＥ\u3000ＰＩＥＣＥ" → "one piece", "ﾜﾝﾋﾟｰｽ" → "ワンピース"), lower case, katakana as hiragana
 * (so "わんぴーす" finds "ワンピース"), without spaces or punctuation ("・", "～", "×").
 */
export function foldTitle(text: string): string {
  return text
    .normalize('NFKC')
    .toLowerCase()
    .replace(/[\u30a1-\u30f6]/g, (ch) => String.fromCharCode(ch.charCodeAt(0) - 0x60))
    .replace(/[^\p{L}\p{M}\p{N}]+/gu, '');
}
