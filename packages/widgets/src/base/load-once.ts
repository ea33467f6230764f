/**
 * A lazily imported chunk, downloaded the first time it is asked for and shared by every later caller; a failed
 * download is not kept, so the next call tries again (the network may be back).
 */
export function loadOnce<T>(load: () => Promise<T>): () => Promise<T> {
  let pending: Promise<T> | undefined;
  return () =>
    (pending ??= load().catch((error: unknown) => {
      pending = undefined;
      throw error;
    }));
}
