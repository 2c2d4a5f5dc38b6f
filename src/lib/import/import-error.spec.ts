import { describe, expect, it } from 'vitest';
import { fileProblemMessage, ImportError } from './import-error';

describe('fileProblemMessage', () => {
  it("keeps an ImportError's own message, which already says what to do", () => {
    const error = new ImportError('list.xml is not an anime list. Export the anime list instead.');
    expect(fileProblemMessage('list.xml', error, 'Nothing changed.')).toBe(error.message);
  });

  it('names the file and the problem without an "Error:" prefix, then the outcome', () => {
    const message = fileProblemMessage(
      'a.csv',
      new TypeError('x is undefined'),
      'Nothing changed.',
    );
    expect(message).toBe(
      'a.csv could not be read because of an unexpected problem (x is undefined). Nothing changed.',
    );
    expect(fileProblemMessage('b.xml', 'boom', 'Try again.')).toBe(
      'b.xml could not be read because of an unexpected problem (boom). Try again.',
    );
    expect(fileProblemMessage('c.xml', new Error(''), 'Try again.')).not.toMatch(/\(\)|Error:/);
  });
});
