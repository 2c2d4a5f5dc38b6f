/** An import the user has to fix: the message says what is wrong and what to do. */
export class ImportError extends Error {
  override name = 'ImportError';
}

/**
 * The one plain sentence the page shows when reading `fileName` failed: an `ImportError`'s own
 * message (it already says what to do), otherwise what went wrong without an "Error:" prefix,
 * then `outcome` (lower case, ending the sentence: what was kept and what to do).
 */
export function fileProblemMessage(fileName: string, error: unknown, outcome: string): string {
  if (error instanceof ImportError) return error.message;
  const detail = error instanceof Error ? error.message : String(error);
  return `${fileName} could not be read because of an unexpected problem (${detail || 'no details'}); ${outcome}`;
}
