/**
 * RFC 4180 CSV: CRLF line ends, fields with a comma, quote or line break quoted and quotes doubled. Text that a
 * spreadsheet would run as a formula (starting with = + - @, tab or carriage return) is prefixed with a single
 * quote, so an exported organisation name can never become a formula. Numbers are written as they are.
 */
export function csvCell(value: string | number | null | undefined, numeric = false): string {
  if (value === null || value === undefined) return '';
  let text = String(value);
  // A decimal of a numeric column stays a number (a negative amount is not a formula).
  const isNumber = typeof value === 'number' || (numeric && /^-?\d+(\.\d+)?$/.test(text));
  if (!isNumber && /^[=+\-@\t\r]/.test(text)) text = `'${text}`;
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

export function csvLine(cells: ReadonlyArray<string | number | null | undefined>, numeric: readonly boolean[] = []): string {
  return cells.map((cell, i) => csvCell(cell, numeric[i] ?? false)).join(',') + '\r\n';
}
