/** The small JSON file beside the shard: which file to fetch, and what it holds. */
export interface ShardManifest {
  version: number;
  /** File name of the shard, content-hashed, in the same folder as the manifest. */
  file: string;
  bytes: number;
  sha256: string;
  builtAt: string;
  anime: number;
  users: number;
  entries: number;
  /** Hash of the inputs and builder options; a different one means the shard is stale. */
  fingerprint: string;
}

export const MANIFEST_PATH = 'data/shard.json';
