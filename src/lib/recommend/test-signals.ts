/** For tests: signals for the four anime of the test shard, each field overridable. */
import type { UserSignals } from './signals';

export function testSignals(overrides: Partial<UserSignals> = {}): UserSignals {
  return {
    collaborative: Float32Array.from([3, 2, 1, 0]),
    userBased: Float32Array.from([3, 2, 1, 0]),
    itemBased: null,
    ease: null,
    content: Float32Array.from([0, 1, 2, 3]),
    listStatus: new Uint8Array(4),
    blocked: new Uint8Array(4),
    dislikedFranchise: new Uint8Array(4),
    franchise: Int32Array.from([0, 1, 2, 3]),
    modelNote: '',
    model: { kind: 'shipped', users: 3, trainedAt: '', note: '' },
    canPersonalise: false,
    listEntries: 0,
    usedEntries: 0,
    foldInMs: 0,
    reusedFoldIn: false,
    ms: 0,
    ...overrides,
  };
}
