import { relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { localModules } from './fingerprint';

describe('the shard fingerprint', () => {
  it('follows the builder into the codec and the trainer, and nowhere else', async () => {
    const files = (await localModules('scripts/build-shard.ts')).map((f) => relative('.', f));
    expect(files).toContain('scripts/shard/build.ts');
    expect(files).toContain('src/lib/data/shard-codec.ts');
    expect(files).toContain('src/lib/data/model-codec.ts');
    expect(files).toContain('src/lib/model/ncf-train.ts');
    expect(files).toContain('src/lib/model/train-loop.ts');
    expect(files).toContain('src/lib/model/fold-in.ts');
    expect(files).not.toContain('src/lib/model/fine-tune.ts');
    expect(files.some((f) => f.startsWith('src/routes/') || f.startsWith('src/lib/engine/'))).toBe(
      false,
    );
  });
});
