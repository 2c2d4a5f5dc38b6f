/** Recognises a table by its header; an unknown header is an error that lists what is known. */
import { METADATA_FORMATS, type MetadataFormat } from './metadata-formats';
import { RATING_FORMATS, type RatingFormat } from './rating-formats';

export type DetectedFormat =
  { kind: 'ratings'; format: RatingFormat } | { kind: 'metadata'; format: MetadataFormat };

export function normaliseHeader(header: string[]): string[] {
  return header.map((h) =>
    h
      .replace(/^\uFEFF/, '')
      .trim()
      .toLowerCase(),
  );
}

export function detectFormat(fileName: string, header: string[]): DetectedFormat {
  const columns = new Set(normaliseHeader(header));
  const candidates: DetectedFormat[] = [
    ...RATING_FORMATS.map((format) => ({ kind: 'ratings' as const, format })),
    ...METADATA_FORMATS.map((format) => ({ kind: 'metadata' as const, format })),
  ].filter(({ format }) => format.columns.every((c) => columns.has(c)));
  const best = Math.max(0, ...candidates.map(({ format }) => format.columns.length));
  const top = candidates.filter(({ format }) => format.columns.length === best);
  const byName = top.find(
    ({ format }) => 'matchesFile' in format && format.matchesFile?.(fileName),
  );
  const chosen =
    byName ?? top.find(({ format }) => !('matchesFile' in format && format.matchesFile));
  if (chosen) return chosen;
  throw new UnknownFormatError(fileName, header);
}

export class UnknownFormatError extends Error {
  constructor(fileName: string, header: string[]) {
    const known = [...RATING_FORMATS, ...METADATA_FORMATS]
      .map((f) => `  ${f.name}: ${f.columns.join(',')}  (${f.description})`)
      .join('\n');
    super(
      `${fileName}: unknown table format. Its header is "${header.join(',')}".\n` +
        `Expected a header containing the columns of one of:\n${known}`,
    );
    this.name = 'UnknownFormatError';
  }
}
