import { describe, expect, it } from 'vitest';
import type { Catalogue } from '$lib/data/shard-types';
import { makeTestShard } from '$fixtures/test-shard';
import { searchTitles } from './search';
import { buildSearchIndex } from './search-index';
import { foldTitle, normaliseTitle } from './title-text';
import { japaneseAliases } from './title-aliases';

/** [MAL id, romaji title, Japanese title, members], as the real shard has them. */
const ROWS: [number, string, string, number][] = [
  [21, 'One Piece', 'ONE PIECE', 2_708_247],
  [50410, 'One Piece Film: Red', 'ONE PIECE FILM RED', 231_347],
  [33338, 'One Piece: Heart of Gold', 'ワンピース ～ハートオブ ゴールド～', 85_021],
  [
    15323,
    'One Piece: Episode of Nami - Koukaishi no Namida to Nakama no Kizuna',
    'ワンピース エピソード・オブ・ナミ～航海士の涙と仲間の絆～',
    76_834,
  ],
  [41340, 'Noroi no One Piece', '呪いのワンピース', 1_200],
  [52991, 'Sousou no Frieren', '葬送のフリーレン', 1_100_000],
  [19, 'Monster', 'MONSTER', 1_000_000],
  [30001, 'Monster Strike: Rain of Memories', 'モンスターストライク レクイエム', 20_000],
  [30002, 'Monster Strike: Sora no Kanata', 'モンスターストライク 空の彼方', 30_000],
];

/** A catalogue with only what search reads filled in. */
function searchCatalogue(): Catalogue {
  const base = makeTestShard().catalogue;
  return {
    ...base,
    size: ROWS.length,
    malId: Uint32Array.from(ROWS, (r) => r[0]),
    title: ROWS.map((r) => r[1]),
    titleEnglish: ROWS.map(() => ''),
    titleJapanese: ROWS.map((r) => r[2]),
    titleSynonyms: ROWS.map((r) => (r[0] === 21 ? 'OP' : '')),
    members: Uint32Array.from(ROWS, (r) => r[3]),
  };
}

const catalogue = searchCatalogue();
const index = buildSearchIndex(catalogue);
const ids = (query: string) => (searchTitles(index, query) ?? []).map((i) => catalogue.malId[i]);

describe('Japanese search', () => {
  it('folds width, kana and punctuation', () => {
    expect(foldTitle('ＯＮＥ　ＰＩＥＣＥ')).toBe('onepiece');
    expect(foldTitle('ﾜﾝﾋﾟｰｽ')).toBe(foldTitle('ワンピース'));
    expect(foldTitle('ワンピース')).toBe('わんぴーす');
    expect(foldTitle('エピソード・オブ・ナミ～')).toBe('えぴそーどおぶなみ');
    expect(foldTitle('HUNTER×HUNTER')).toBe('hunterhunter');
  });

  it('finds One Piece (TV) first for ワンピース, whose own Japanese title is "ONE PIECE"', () => {
    const found = ids('ワンピース');
    expect(found[0]).toBe(21);
    expect(found).toEqual(expect.arrayContaining([50410, 33338, 15323, 41340]));
    expect(found).not.toContain(19);
    for (const query of ['ﾜﾝﾋﾟｰｽ', 'わんぴーす', ' ワンピース ']) expect(ids(query)[0]).toBe(21);
  });

  it('finds One Piece for a full-width ＯＮＥ　ＰＩＥＣＥ', () => {
    expect(ids('ＯＮＥ　ＰＩＥＣＥ')[0]).toBe(21);
    expect(ids('ｏｎｅ　ｐｉｅｃｅ')[0]).toBe(21);
  });

  it('finds kanji, hiragana and mixed titles, spaces and width aside', () => {
    expect(ids('葬送のフリーレン')).toEqual([52991]);
    expect(ids('ふりーれん')).toEqual([52991]);
    expect(ids('ワンピース　エピソード')).toEqual([15323]);
    expect(ids('ワンピース ハート')).toEqual([33338]);
    expect(ids('呪い')).toEqual([41340]);
  });

  it('lends a franchise name only to entries of that franchise without Japanese script', () => {
    const aliases = japaneseAliases(catalogue, catalogue.title.map(normaliseTitle));
    const alias = (malId: number) => aliases.get(catalogue.malId.indexOf(malId));
    expect(alias(21)).toBe('ワンピース');
    expect(alias(50410)).toBe('ワンピース');
    // Has its own Japanese title; and "Monster" is not "Monster Strike".
    expect(alias(52991)).toBeUndefined();
    expect(alias(19)).toBeUndefined();
    expect(ids('モンスターストライク')).toEqual([30002, 30001]);
  });
});
