// The file name a download's answer carries (RFC 6266 Content-Disposition): `filename*` (RFC 8187, UTF-8) wins over
// `filename`. Only the last path segment is kept, so a name can never point into a folder.

/** The server's file name for a download, or undefined when it gave none. */
export function filenameOf(response: Pick<Response, 'headers'>): string | undefined {
  const header = response.headers.get('content-disposition');
  if (!header) return undefined;
  const extended = /filename\*\s*=\s*([^']*)'[^']*'([^;]+)/i.exec(header);
  let name: string | undefined;
  if (extended) {
    try {
      name = decodeURIComponent(extended[2]!.trim());
    } catch {
      name = undefined;
    }
  }
  if (name === undefined) {
    const plain = /filename\s*=\s*(?:"((?:[^"\\]|\\.)*)"|([^;\s]+))/i.exec(header);
    name = plain ? (plain[1]?.replace(/\\(.)/g, '$1') ?? plain[2]) : undefined;
  }
  const base = name?.split(/[\\/]/).at(-1)?.trim();
  return base ? base : undefined;
}
