/**
 * Wraps user text (a name from the server) for a sentence built from a message: U+2068 FIRST STRONG ISOLATE and
 * U+2069 POP DIRECTIONAL ISOLATE keep its direction and any unterminated override (U+202E) inside it, so the words
 * around it are not reordered. The string counterpart of `<bdi>`, for messages that are plain strings.
 */
export function isolate(text: string): string {
  return `\u2068${text}\u2069`;
}
