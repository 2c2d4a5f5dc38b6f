/** Gathers the selected users' entries into CSR form, catalogue-indexed, sorted and de-duplicated. */
import type { Ratings } from '../../src/lib/data/shard-types';
import type { RatingEntry } from './rating-formats';
import type { SelectedUser } from './select-users';

export class RatingCollector {
  private readonly slotOf: Map<number, number>[];
  private users: Uint32Array;
  private anime: Uint32Array;
  private values: Uint8Array;
  private size = 0;

  constructor(
    private readonly selected: SelectedUser[],
    tableCount: number,
  ) {
    this.slotOf = Array.from({ length: tableCount }, () => new Map());
    selected.forEach((s, slot) => this.slotOf[s.table]!.set(s.user, slot));
    const capacity = Math.max(
      16,
      selected.reduce((sum, s) => sum + s.entries, 0),
    );
    this.users = new Uint32Array(capacity);
    this.anime = new Uint32Array(capacity);
    this.values = new Uint8Array(capacity);
  }

  /** Keeps the entry if its user was selected. */
  add(table: number, entry: RatingEntry): void {
    const slot = this.slotOf[table]!.get(entry.user);
    if (slot === undefined) return;
    if (this.size === this.users.length) this.grow();
    this.users[this.size] = slot;
    this.anime[this.size] = entry.anime;
    this.values[this.size] = entry.score | (entry.status << 4);
    this.size++;
  }

  /** CSR ratings; `indexOf` maps MAL ids to catalogue positions. A repeated pair keeps its last row. */
  toRatings(tables: string[], indexOf: Map<number, number>): Ratings {
    const n = this.size;
    const order = new Uint32Array(n);
    const position = new Uint32Array(n);
    for (let i = 0; i < n; i++) {
      order[i] = i;
      position[i] = indexOf.get(this.anime[i]!) ?? 0xffffffff;
    }
    order.sort((a, b) => this.users[a]! - this.users[b]! || position[a]! - position[b]! || b - a);
    const rowPtr = new Uint32Array(this.selected.length + 1);
    const anime = new Uint32Array(n);
    const score = new Uint8Array(n);
    const status = new Uint8Array(n);
    let kept = 0;
    let previousUser = -1;
    let previousAnime = -1;
    for (const i of order) {
      const user = this.users[i]!;
      const at = position[i]!;
      if (at === 0xffffffff)
        throw new Error(`anime ${this.anime[i]} is missing from the catalogue`);
      if (user === previousUser && at === previousAnime) continue;
      previousUser = user;
      previousAnime = at;
      rowPtr[user + 1]!++;
      anime[kept] = at;
      score[kept] = this.values[i]! & 0x0f;
      status[kept] = this.values[i]! >> 4;
      kept++;
    }
    for (let u = 0; u < this.selected.length; u++) rowPtr[u + 1]! += rowPtr[u]!;
    return {
      userCount: this.selected.length,
      entryCount: kept,
      tables,
      userTable: Uint8Array.from(this.selected.map((s) => s.table)),
      userSourceId: Uint32Array.from(this.selected.map((s) => s.user)),
      rowPtr,
      anime: anime.slice(0, kept),
      score: score.slice(0, kept),
      status: status.slice(0, kept),
    };
  }

  private grow(): void {
    const grow = <T extends Uint32Array | Uint8Array>(a: T, make: (n: number) => T): T => {
      const bigger = make(a.length * 2);
      bigger.set(a);
      return bigger;
    };
    this.users = grow(this.users, (n) => new Uint32Array(n));
    this.anime = grow(this.anime, (n) => new Uint32Array(n));
    this.values = grow(this.values, (n) => new Uint8Array(n));
  }
}
