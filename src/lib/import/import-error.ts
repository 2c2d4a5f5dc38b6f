/** An import the user has to fix: the message says what is wrong and what to do. */
export class ImportError extends Error {
  override name = 'ImportError';
}
