import { describe, expect, it } from 'vitest';
import { becauseText, followsText, lovedFrom, regardOf } from './regard';

describe('the words a reason may use for a title the user has seen', () => {
  it('keeps "loved" for the top quarter of the user\'s own scores, from 8 to 10', () => {
    // A typical list: its top quarter starts at 9, so a 9 is loved and a 7 or 8 only liked.
    const typical = [10, 9, 9, 8, 8, 8, 7, 7, 7, 6, 5, 0, 0];
    expect(lovedFrom(typical)).toBe(9);
    expect([10, 9, 8, 7, 0].map((s) => regardOf(s, lovedFrom(typical)))).toEqual([
      'loved',
      'loved',
      'liked',
      'liked',
      'watched',
    ]);
    // Someone who gives most titles a 10 loves only the 10s.
    expect(lovedFrom([10, 10, 10, 10, 9, 9, 8])).toBe(10);
    // A harsh scorer's best are 8s: loved; a 7 never is, whoever gives it.
    expect(lovedFrom([8, 7, 7, 6, 6, 5, 5, 4])).toBe(8);
    expect(lovedFrom([7, 7, 6, 5])).toBe(8);
    expect(regardOf(7, lovedFrom([7, 7, 6, 5]))).toBe('liked');
    // Nothing scored: nothing is loved, all is watched.
    expect(regardOf(0, lovedFrom([0, 0]))).toBe('watched');
  });

  it('groups the named titles by regard, strongest first', () => {
    expect(becauseText([{ title: 'Monster', regard: 'watched' }])).toBe(
      'Because you watched Monster',
    );
    expect(
      becauseText([
        { title: 'Roujin Z', regard: 'watched' },
        { title: 'Akira', regard: 'loved' },
      ]),
    ).toBe('Because you loved Akira and watched Roujin Z');
    expect(
      becauseText([
        { title: 'Akira', regard: 'liked' },
        { title: 'Paprika', regard: 'liked' },
      ]),
    ).toBe('Because you liked Akira and Paprika');
    expect(becauseText([])).toBe('');
    expect(followsText('Re:Zero Season 3', 'liked')).toBe(
      'Follows Re:Zero Season 3, which you liked',
    );
  });
});
