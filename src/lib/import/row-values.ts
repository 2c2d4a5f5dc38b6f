/** Checks every list format makes of a row's values, with the reason a row is refused. */

/** A raw value quoted for a reason, cut short so that one odd cell cannot flood the report. */
export const quoted = (text: string) => `"${text.length > 40 ? `${text.slice(0, 39)}…` : text}"`;

/**
 * An id written in digits: a number, or why it is none. Ids past 2^53 are refused, not rounded:
 * 10^23 would otherwise be stored, and exported, as 1e+23.
 */
export function idFromText(text: string, what: string): number | string {
  const id = Number(text);
  if (/^\d+$/.test(text)) {
    if (!Number.isSafeInteger(id)) return `the ${what} ${quoted(text)} is too large to be an id`;
    if (id > 0) return id;
  }
  return Number.isFinite(id) && text.trim() !== ''
    ? `the ${what} ${quoted(text)} is not a whole number above 0`
    : `the ${what} ${quoted(text)} is not a number`;
}

/** The same for a JSON value, which may be a number already (1e23 parses to an unsafe one). */
export function idFromJson(value: unknown, what: string): number | string {
  if (typeof value === 'number' && Number.isInteger(value) && !Number.isSafeInteger(value))
    return `the ${what} ${quoted(String(value))} is too large to be an id`;
  if (typeof value === 'number' || typeof value === 'string')
    return idFromText(String(value), what);
  return `the ${what} ${quoted(rawText(value))} is not a number`;
}

/** A JSON value as the text of a raw field: objects as JSON, never "[object Object]". */
export function rawText(value: unknown): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'string') return value;
  if (typeof value === 'object') return JSON.stringify(value);
  return String(value);
}
