/**
 * Answer bodies that a cache hands to every caller (kept pages, kept principals' representations): frozen, so no
 * caller can change one for the others, and stringified once, so a body answered again costs no JSON.stringify.
 */

/** Answer bodies a cache holds (pages, principals' representations), and their JSON once made. */
const sharedBodies = new WeakSet<object>();
const json = new WeakMap<object, string>();

/** Freezes a body that a cache hands to every caller (so none can change it for the others); its JSON is made once. */
export function sharedBody<T extends object>(body: T): T {
  deepFreeze(body);
  sharedBodies.add(body);
  return body;
}

/** Whether a cache shares this body (so whatever is made from it, its JSON or its compressed bytes, can be kept with it). */
export function isSharedBody(body: unknown): body is object {
  return typeof body === 'object' && body !== null && sharedBodies.has(body);
}

/** JSON.stringify, made once for a body a cache holds (it is frozen, so the text stays right). */
export function bodyJson(body: unknown): string {
  if (!isSharedBody(body)) return JSON.stringify(body);
  let text = json.get(body);
  if (text === undefined) json.set(body, (text = JSON.stringify(body)));
  return text;
}

function deepFreeze(value: unknown): void {
  if (typeof value !== 'object' || value === null || Object.isFrozen(value)) return;
  Object.freeze(value);
  for (const child of Object.values(value)) deepFreeze(child);
}
