/**
 * A card's standing: its place among all the user's picks, before the filters narrow the page
 * (one place per franchise, as the page shows them). The match label reads it, so a filtered
 * page does not make its best card a "Strong match" only because the filter removed the rest.
 */
export class Standings {
  /** Best score of each franchise (a franchise id is a catalogue index), −∞ when none. */
  readonly #best: Float32Array;
  readonly #groups: number[] = [];
  #sorted: Float32Array | null = null;

  constructor(catalogueSize: number) {
    this.#best = new Float32Array(catalogueSize).fill(-Infinity);
  }

  /** A pick of franchise `group` scoring `score`, filtered in or out. */
  add(group: number, score: number): void {
    const best = this.#best[group]!;
    if (best === -Infinity) this.#groups.push(group);
    if (score > best) this.#best[group] = score;
    this.#sorted = null;
  }

  /** 1 + the franchises whose best pick scores above `score`, its own left aside. */
  of(group: number, score: number): number {
    const sorted = (this.#sorted ??= Float32Array.from(this.#groups, (g) => this.#best[g]!).sort());
    // The first place whose score is above `score`, ascending: everything after it is ahead.
    let low = 0;
    let high = sorted.length;
    while (low < high) {
      const mid = (low + high) >> 1;
      if (sorted[mid]! > score) high = mid;
      else low = mid + 1;
    }
    const ahead = sorted.length - low;
    return 1 + ahead - (this.#best[group]! > score ? 1 : 0);
  }
}
