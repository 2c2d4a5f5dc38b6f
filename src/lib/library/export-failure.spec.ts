import { describe, expect, it } from 'vitest';
import { exportFailureMessage } from './export-failure';

/** As Comlink hands a worker's error to the page: an Error carrying the original name. */
const fromWorker = (name: string, message: string) => Object.assign(new Error(message), { name });

describe('exportFailureMessage', () => {
  it("names a storage refusal by its kind, not the browser's wording, in one sentence", () => {
    const message = exportFailureMessage(
      fromWorker(
        'VersionError',
        'The requested version (4) is less than the existing version (5).',
      ),
    );
    expect(message).toBe(
      "Your list could not be exported because the browser's storage could not be read " +
        '(VersionError); nothing was changed, so reload the page and try again.',
    );
  });

  it('gives any other problem without an "Error:" prefix or a doubled stop', () => {
    expect(exportFailureMessage(new TypeError('text.replace is not a function.'))).toBe(
      'Your list could not be exported because of an unexpected problem (text.replace is not a ' +
        'function); nothing was changed, so reload the page and try again.',
    );
    expect(exportFailureMessage('odd')).toBe(
      'Your list could not be exported because of an unexpected problem; nothing was changed, so ' +
        'reload the page and try again.',
    );
  });
});
