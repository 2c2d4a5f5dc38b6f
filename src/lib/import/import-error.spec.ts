import { describe, expect, it } from 'vitest';
import { fileProblemMessage, ImportError } from './import-error';

describe('fileProblemMessage', () => {
  it("keeps an ImportError's own message, which already says what to do", () => {
    const error = new ImportError('list.xml is not an anime list: export the anime list instead.');
    expect(fileProblemMessage('list.xml', error, 'nothing changed.')).toBe(error.message);
  });

  it('names the file and the problem without an "Error:" prefix, then the outcome, in one sentence', () => {
    const message = fileProblemMessage(
      'a.csv',
      new TypeError('x is undefined'),
      'nothing changed.',
    );
    expect(message).toBe(
      'a.csv could not be read because of an unexpected problem (x is undefined); nothing changed.',
    );
    expect(fileProblemMessage('b.xml', 'boom', 'try again.')).toBe(
      'b.xml could not be read because of an unexpected problem (boom); try again.',
    );
    expect(fileProblemMessage('c.xml', new Error(''), 'try again.')).not.toMatch(/\(\)|Error:/);
  });
});
