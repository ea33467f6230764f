/**
 * The stories' fault injection: the widget tests' fetch wrappers (packages/widgets/test/support/faults.ts) around a
 * client signed in to the real server. Stories that use one say so in their description.
 */
import { createClient, type Client } from '@fco-admin/sdk';
import type { Fetch } from '../../packages/widgets/test/support/faults.js';
import { API_URL, signIn, type Admin } from './api.js';

export { failing, failingUntilRetry, hanging, noRows, hostileTexts, listPathOf, postsTo, textFields } from '../../packages/widgets/test/support/faults.js';
export { DEMO_PERIOD, mountedWith } from '../../packages/widgets/test/support/mounting.js';

/** A client signed in as `admin` whose calls go through `wrapped` (single attempts, so an injected 500 shows at once). */
export function clientThrough(admin: Admin, wrapped: Fetch): Client {
  return createClient({ baseUrl: API_URL, auth: () => signIn(admin), fetch: wrapped, retry: false });
}
