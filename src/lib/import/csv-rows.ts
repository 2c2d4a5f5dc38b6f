/**
 * A CSV's records, read by papaparse, each with the lines it spans. Line endings become '\n'
 * first (as XML's do), so lines count the same whatever wrote the file. Quoting errors are never
 * passed over: a quote that never closes swallows every later line into one field, so the file
 * is refused at the line where it opened.
 */
import Papa from 'papaparse';
import { ImportError } from './import-error';

export interface CsvRecord {
  /** The line the record starts on, and the line it ends on (a quoted field may hold newlines). */
  line: number;
  lastLine: number;
  values: string[];
  /** 'stray': a quoted field went on past its closing quote; 'unclosed': the last never closed. */
  quoteError: 'stray' | 'unclosed' | null;
}

export interface CsvTable {
  delimiter: string;
  /** The records that hold anything but blanks, the header first. */
  records: CsvRecord[];
}

const DELIMITERS = [',', ';', '\t', '|'];

/** The delimiter the header line uses most; a header of one column gets the comma. */
function delimiterOf(headerLine: string): string {
  const counts = DELIMITERS.map((d) => headerLine.split(d).length - 1);
  const most = Math.max(...counts);
  return most > 0 ? DELIMITERS[counts.indexOf(most)]! : ',';
}

const newlinesIn = (text: string, from: number, to: number) => {
  let count = 0;
  for (let at = text.indexOf('\n', from); at >= 0 && at < to; at = text.indexOf('\n', at + 1))
    count++;
  return count;
};

export function readCsv(text: string): CsvTable {
  const input = text.replace(/\r\n?/g, '\n');
  const delimiter = delimiterOf(/^\s*([^\n]*)/.exec(input)![1]!);
  const records: CsvRecord[] = [];
  let start = 0;
  let line = 1;
  Papa.parse<string[]>(input, {
    delimiter,
    newline: '\n',
    quoteChar: '"',
    step: ({ data: values, errors, meta }) => {
      const end = meta.cursor;
      const lastLine = line + newlinesIn(input, start, Math.max(start, end - 1));
      const unclosed = errors.find((e) => e.code === 'MissingQuotes');
      if (unclosed) refuseIfSwallowing(input, unclosed.index ?? start);
      const stray = errors.some((e) => e.code === 'InvalidQuotes');
      const quoteError = unclosed ? 'unclosed' : stray ? 'stray' : null;
      if (values.some((v) => v.trim() !== '') || quoteError)
        records.push({ line, lastLine, values, quoteError });
      line += newlinesIn(input, start, end);
      start = end;
    },
  });
  return { delimiter, records };
}

/**
 * A quote that never closes is only one bad row when nothing follows it; when lines do, they
 * were all read into its field and none of them can be trusted.
 */
function refuseIfSwallowing(input: string, afterQuote: number): void {
  if (!/\n\s*\S/.test(input.slice(afterQuote))) return;
  const line = 1 + newlinesIn(input, 0, afterQuote);
  throw new ImportError(
    `Line ${line} opens a quoted field that never closes, so the lines after it cannot be read: ` +
      'add the missing closing quote (") and import the file again.',
  );
}
