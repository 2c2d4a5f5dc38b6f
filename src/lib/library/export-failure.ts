/**
 * The one plain sentence Your list shows when an export could not be written: the export only
 * reads, so the stored list is as it was. A storage refusal (DOMException, or its copy after the
 * worker boundary) is named by its kind, never by the browser's own wording.
 */
export function exportFailureMessage(error: unknown): string {
  const name = error instanceof Error && error.name !== 'Error' ? error.name : '';
  const storage = /^(Version|Invalid(State|Access)|Abort|Unknown|NotFound|Quota\w*|Data\w*)Error$/;
  const why = storage.test(name)
    ? `the browser's storage could not be read (${name})`
    : 'of an unexpected problem' +
      (error instanceof Error && error.message ? ` (${error.message.replace(/\.+$/, '')})` : '');
  return `Your list could not be exported because ${why}; nothing was changed, so reload the page and try again.`;
}
