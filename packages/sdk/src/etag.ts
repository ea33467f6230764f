// The ETag of each object a read or write returned, kept beside it so the return types stay the spec's own.
const etags = new WeakMap<object, string>();

export function rememberEtag(value: object, etag: string): void {
  etags.set(value, etag);
}

/**
 * The ETag the server sent with `value` (an object this client returned), or undefined for any other object.
 * Writes take the object itself (`client.customers.update({ customerId, ifMatch: customer, body })`); this is for
 * keeping or comparing versions.
 */
export function etagOf(value: object): string | undefined {
  return etags.get(value);
}
