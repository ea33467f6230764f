import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { demoBillingEntityId } from '../src/areas/billing-entities/seed.js';
import { stableId } from '../src/seed/random.js';
import { ADMINS, assertProblem, assertUnknownReference, startTestServer, type TestServer } from './harness.js';

const LICENSEE = demoBillingEntityId('licensee');
const ALPHA = demoBillingEntityId('alpha');
const ALPHA_KIDS = demoBillingEntityId('alpha-kids');
const BETA = demoBillingEntityId('beta');
const GAMMA = demoBillingEntityId('gamma');
const image = (key: string) => stableId(`image:${key}`);
const UBUNTU = image('ubuntu-2404'); // licensee's, published to alpha, beta, gamma; alpha-kids excluded
const DEBIAN = image('debian-12'); // licensee's, published to alpha and beta
const WINDOWS = image('windows-2022'); // licensee's, published to alpha and gamma
const ROCKY = image('rocky-9'); // licensee's, published to beta only
const FREEBSD = image('freebsd-14'); // licensee's, not shared
const ALPHA_LAMP = image('alpha-lamp'); // alpha's, published to alpha-kids
const ALPHA_WORDPRESS = image('alpha-wordpress'); // alpha's, not shared
const BETA_IIS = image('beta-iis'); // beta's, not shared
const KIDS_MINECRAFT = image('kids-minecraft'); // alpha-kids' own, not shared

type Entry = { billingEntityId: string; exclude: boolean };
/** The spec's rule, as an oracle: the entry nearest to a billing entity, up its lineage, decides. */
const reaches = (publishedTo: Entry[], lineage: string[]) => {
  for (const be of lineage) {
    const entry = publishedTo.find((p) => p.billingEntityId === be);
    if (entry) return !entry.exclude;
  }
  return false;
};
const LINEAGE = { alpha: [ALPHA, LICENSEE], kids: [ALPHA_KIDS, ALPHA, LICENSEE], beta: [BETA, LICENSEE] };

describe('images', () => {
  let t: TestServer;
  const all = async (token: string, filter?: string) => {
    const result = await t.call('listImages', { token, query: { pageSize: 500, ...(filter ? { filter } : {}) } });
    assert.equal(result.status, 200);
    return result.body;
  };
  before(async () => {
    t = await startTestServer({ customers: 80 });
  });
  after(() => t.close());

  it('lists every image for the licensee, shared or not, with filters and order', async () => {
    const everything = await all(t.tokens.licensee);
    assert.ok(everything.totalSize > 20, `${everything.totalSize} images`);
    const ids = everything.items.map((i: any) => i.id);
    for (const id of [UBUNTU, ROCKY, FREEBSD, ALPHA_LAMP, BETA_IIS]) assert.ok(ids.includes(id));
    const names = everything.items.map((i: any) => i.name);
    assert.deepEqual(names, [...names].sort((a: string, b: string) => (Buffer.from(a) < Buffer.from(b) ? -1 : a === b ? 0 : 1)), 'default order is by name');
    const shared = await all(t.tokens.licensee, 'publicationCount > 0');
    assert.ok(shared.totalSize > 0 && shared.totalSize < everything.totalSize);
    for (const i of shared.items) assert.equal(i.publicationCount, i.publishedTo.length);
    const customerImages = await all(t.tokens.licensee, 'ownerCustomerId != null');
    assert.ok(customerImages.totalSize > 0, 'customers own images');
    assert.ok(customerImages.items.some((i: any) => i.publicationCount > 0), 'some customer images are shared');
    const disks = await all(t.tokens.licensee, 'imageType = DISK');
    for (const i of disks.items) assert.equal(i.imageType, 'DISK');
    const bySize = await t.call('listImages', { token: t.tokens.licensee, query: { orderBy: 'sizeGb desc', pageSize: 50 } });
    const sizes = bySize.body.items.map((i: any) => i.sizeGb);
    assert.deepEqual(sizes, [...sizes].sort((a: number, b: number) => b - a));
    const made = await all(t.tokens.licensee, `baseImageId = "${UBUNTU}"`);
    assert.ok(made.items.some((i: any) => i.id === ALPHA_LAMP));
    assertProblem(await t.call('listImages', { token: t.tokens.licensee, query: { filter: 'owner = "x"' } }), 400, 'invalid_filter');
    assertProblem(await t.call('listImages', {}), 401, 'unauthenticated');
  });

  it('shows a reseller its own images and those published to it, nothing else', async () => {
    const alpha = await all(t.tokens.alpha);
    const alphaIds = new Set(alpha.items.map((i: any) => i.id));
    for (const id of [UBUNTU, ALPHA_LAMP, ALPHA_WORDPRESS]) assert.ok(alphaIds.has(id), `alpha sees ${id}`);
    for (const id of [ROCKY, FREEBSD, BETA_IIS]) assert.ok(!alphaIds.has(id), `alpha does not see ${id}`);
    const everything = new Map<string, any>((await all(t.tokens.licensee)).items.map((i: any) => [i.id, i]));
    for (const i of alpha.items) {
      const owned = [ALPHA, ALPHA_KIDS].includes(i.ownerBillingEntityId);
      const publishedTo = everything.get(i.id).publishedTo;
      assert.ok(owned || reaches(publishedTo, LINEAGE.alpha) || reaches(publishedTo, LINEAGE.kids), `${i.name} is neither alpha's nor published to it`);
    }
    const beta = await all(t.tokens.beta);
    const betaIds = new Set(beta.items.map((i: any) => i.id));
    for (const id of [UBUNTU, ROCKY, BETA_IIS]) assert.ok(betaIds.has(id));
    for (const id of [FREEBSD, ALPHA_LAMP, ALPHA_WORDPRESS]) assert.ok(!betaIds.has(id));
    assert.equal((await t.call('listImages', { token: t.tokens.beta, query: { filter: `ownerBillingEntityId = "${ALPHA}"` } })).body.totalSize, 0);
    // A filter on sharing stays inside the scope.
    const betaShared = await all(t.tokens.beta, 'publicationCount > 0');
    assert.ok(betaShared.items.every((i: any) => betaIds.has(i.id)));

    for (const id of [FREEBSD, ALPHA_LAMP]) {
      assertProblem(await t.call('getImage', { token: t.tokens.beta, params: { imageId: id } }), 404, 'not_found');
      assertProblem(await t.call('listImagePublications', { token: t.tokens.beta, params: { imageId: id } }), 404, 'not_found');
    }
    assertProblem(await t.call('getImage', { token: t.tokens.alpha, params: { imageId: '00000000-0000-4000-8000-000000000000' } }), 404, 'not_found');
    assertProblem(await t.call('getImage', { token: t.tokens.alpha, params: { imageId: 'nope' } }), 400, 'invalid_parameter');
  });

  it('a child billing entity sees what is published to its parent, unless withheld from it; its own admin signs in', async () => {
    const kids = await t.login(ADMINS.kids);
    const me = await t.call('getMe', { token: kids });
    assert.deepEqual([me.body.role, me.body.billingEntity.id], ['BE_ADMIN', ALPHA_KIDS]);
    const seen = new Set((await all(kids)).items.map((i: any) => i.id));
    for (const id of [ALPHA_LAMP, KIDS_MINECRAFT, DEBIAN, WINDOWS]) assert.ok(seen.has(id), `alpha-kids sees ${id}`);
    for (const id of [UBUNTU, ROCKY, FREEBSD, ALPHA_WORDPRESS, BETA_IIS]) assert.ok(!seen.has(id), `alpha-kids does not see ${id}`);
    // Exactly what the rule gives, over every image of the platform.
    for (const i of (await all(t.tokens.licensee)).items) {
      const expected = i.ownerBillingEntityId === ALPHA_KIDS || reaches(i.publishedTo, LINEAGE.kids);
      assert.equal(seen.has(i.id), expected, `${i.name} (${JSON.stringify(i.publishedTo)})`);
    }
    // Inherited, read only, and without revealing where it was published.
    const debian = await t.call('getImage', { token: kids, params: { imageId: DEBIAN } });
    assert.deepEqual([debian.status, debian.body.publishedTo, debian.body.publicationCount], [200, [], 0]);
    assertProblem(await t.call('getImage', { token: kids, params: { imageId: UBUNTU } }), 404, 'not_found');
    assertProblem(await t.call('updateImage', { token: kids, params: { imageId: DEBIAN }, body: { name: 'Mine' } }), 403, 'forbidden');
    assertProblem(await t.call('publishImage', { token: kids, params: { imageId: DEBIAN }, body: { billingEntityId: ALPHA_KIDS } }), 403, 'forbidden');
  });

  it('publishing to the master billing entity reaches everyone; an exclusion withholds it from a whole subtree', async () => {
    // Seen in the list and readable by id, or neither.
    const sees = async (token: string) => {
      const listed = (await all(token, 'name = "FreeBSD 14.1"')).items.some((i: any) => i.id === FREEBSD);
      const read = (await t.call('getImage', { token, params: { imageId: FREEBSD } })).status;
      assert.equal(read, listed ? 200 : 404);
      return listed;
    };
    const kids = await t.login(ADMINS.kids);
    const who = { alpha: t.tokens.alpha, kids, beta: t.tokens.beta };
    const visibility = async () => Object.fromEntries(await Promise.all(Object.entries(who).map(async ([k, token]) => [k, await sees(token)])));
    const publish = async (billingEntityId: string, exclude = false) =>
      assert.equal((await t.call('publishImage', { token: t.tokens.licensee, params: { imageId: FREEBSD }, body: { billingEntityId, exclude } })).status, 201);
    const revoke = async (billingEntityId: string) =>
      assert.equal((await t.call('revokeImagePublication', { token: t.tokens.licensee, params: { imageId: FREEBSD, billingEntityId } })).status, 204);

    assert.deepEqual(await visibility(), { alpha: false, kids: false, beta: false });
    await publish(LICENSEE);
    assert.deepEqual(await visibility(), { alpha: true, kids: true, beta: true });
    await publish(ALPHA, true);
    assert.deepEqual(await visibility(), { alpha: false, kids: false, beta: true });
    // The nearest entry decides: published again further down, below the exclusion.
    await publish(ALPHA_KIDS);
    assert.deepEqual(await visibility(), { alpha: true, kids: true, beta: true }, 'alpha sees it through its child');
    assert.equal((await t.call('getImage', { token: t.tokens.alpha, params: { imageId: FREEBSD } })).body.publishedTo.length, 2);
    for (const be of [ALPHA_KIDS, ALPHA, LICENSEE]) await revoke(be);
    assert.deepEqual(await visibility(), { alpha: false, kids: false, beta: false });
  });

  it('never reveals publications to other resellers', async () => {
    const full = await t.call('getImage', { token: t.tokens.licensee, params: { imageId: UBUNTU } });
    assert.equal(full.body.publicationCount, 4);
    assert.deepEqual(new Set(full.body.publishedTo.map((p: any) => p.billingEntityId)), new Set([ALPHA, ALPHA_KIDS, BETA, GAMMA]));
    assert.ok(full.body.publishedTo.some((p: any) => p.billingEntityId === ALPHA_KIDS && p.exclude));
    const seenByBeta = await t.call('getImage', { token: t.tokens.beta, params: { imageId: UBUNTU } });
    assert.deepEqual(seenByBeta.body.publishedTo, [{ billingEntityId: BETA, exclude: false }]);
    assert.equal(seenByBeta.body.publicationCount, 1);
    const publications = await t.call('listImagePublications', { token: t.tokens.licensee, params: { imageId: UBUNTU } });
    assert.equal(publications.body.totalSize, 4);
    assert.deepEqual(publications.body.items.map((p: any) => p.billingEntityName), ['Alpha Cloud', 'Alpha Kids Hosting', 'Beta Hosting', 'Gamma Networks']);
    const alphaView = await t.call('listImagePublications', { token: t.tokens.alpha, params: { imageId: UBUNTU }, query: { orderBy: 'billingEntityName desc' } });
    assert.deepEqual(alphaView.body.items.map((p: any) => p.billingEntityId), [ALPHA_KIDS, ALPHA]);
    const excluded = await t.call('listImagePublications', { token: t.tokens.licensee, params: { imageId: UBUNTU }, query: { filter: 'exclude = true' } });
    assert.deepEqual(excluded.body.items.map((p: any) => p.billingEntityId), [ALPHA_KIDS]);
    // Page tokens belong to one image's list.
    const paged = await t.call('listImagePublications', { token: t.tokens.licensee, params: { imageId: UBUNTU }, query: { pageSize: 1 } });
    assert.ok(paged.body.nextPageToken);
    const next = await t.call('listImagePublications', { token: t.tokens.licensee, params: { imageId: UBUNTU }, query: { pageSize: 1, pageToken: paged.body.nextPageToken } });
    assert.equal(next.body.items[0].billingEntityName, 'Alpha Kids Hosting');
    assertProblem(
      await t.call('listImagePublications', { token: t.tokens.licensee, params: { imageId: ALPHA_LAMP }, query: { pageSize: 1, pageToken: paged.body.nextPageToken } }),
      400, 'invalid_page_token',
    );
  });

  it('edits owned images only (merge patch, partial permissions, If-Match)', async () => {
    const read = await t.call('getImage', { token: t.tokens.alpha, params: { imageId: ALPHA_LAMP } });
    const etag = read.headers.get('etag')!;
    const patched = await t.call('updateImage', {
      token: t.tokens.alpha,
      params: { imageId: ALPHA_LAMP },
      headers: { 'if-match': etag },
      body: { name: 'Alpha LAMP 2', permissions: { canConsole: false }, defaultUser: null, description: null },
    });
    assert.equal(patched.status, 200, JSON.stringify(patched.body));
    assert.equal(patched.body.name, 'Alpha LAMP 2');
    assert.equal(patched.body.defaultUser, null);
    assert.equal(patched.body.description, null);
    assert.deepEqual(patched.body.permissions, { ...read.body.permissions, canConsole: false });
    assert.notEqual(patched.headers.get('etag'), etag);
    assertProblem(await t.call('updateImage', { token: t.tokens.alpha, params: { imageId: ALPHA_LAMP }, headers: { 'if-match': etag }, body: { name: 'x' } }), 412, 'precondition_failed');
    // Published to alpha but owned by the licensee: read only for alpha.
    assertProblem(await t.call('updateImage', { token: t.tokens.alpha, params: { imageId: UBUNTU }, body: { name: 'Mine now' } }), 403, 'forbidden');
    assertProblem(await t.call('updateImage', { token: t.tokens.beta, params: { imageId: ALPHA_LAMP }, body: { name: 'x' } }), 404, 'not_found');
    assertProblem(await t.call('updateImage', { token: t.tokens.alpha, params: { imageId: ALPHA_LAMP }, body: {} }), 422, 'validation_failed');
    assertProblem(await t.call('updateImage', { token: t.tokens.alpha, params: { imageId: ALPHA_LAMP }, body: { defaultUser: 'bad user!' } }), 422, 'validation_failed');
    assertProblem(await t.call('updateImage', { token: t.tokens.alpha, params: { imageId: ALPHA_LAMP }, body: { publicationCount: 3 } }), 422, 'read_only_field');
    const licensee = await t.call('updateImage', { token: t.tokens.licensee, params: { imageId: ALPHA_LAMP }, body: { defaultUser: 'admin' } });
    assert.equal(licensee.body.defaultUser, 'admin');
    assert.equal((await t.call('getImage', { token: t.tokens.alpha, params: { imageId: ALPHA_LAMP } })).body.defaultUser, 'admin');
  });

  it('publishes an image to a whole billing entity and revokes it', async () => {
    assertProblem(await t.call('getImage', { token: t.tokens.beta, params: { imageId: FREEBSD } }), 404, 'not_found');
    const headers = { 'idempotency-key': 'publish-freebsd-beta' };
    const published = await t.call('publishImage', { token: t.tokens.licensee, params: { imageId: FREEBSD }, headers, body: { billingEntityId: BETA } });
    assert.equal(published.status, 201, JSON.stringify(published.body));
    assert.deepEqual({ ...published.body, createdAt: undefined }, { imageId: FREEBSD, billingEntityId: BETA, billingEntityName: 'Beta Hosting', exclude: false, createdAt: undefined });
    assert.equal(published.headers.get('location'), `/v1/images/${FREEBSD}/publications/${BETA}`);
    const replay = await t.call('publishImage', { token: t.tokens.licensee, params: { imageId: FREEBSD }, headers, body: { billingEntityId: BETA } });
    assert.equal(replay.status, 201);
    assert.equal(replay.headers.get('idempotent-replayed'), 'true');
    assert.deepEqual(replay.body, published.body);
    assertProblem(await t.call('publishImage', { token: t.tokens.licensee, params: { imageId: FREEBSD }, body: { billingEntityId: BETA } }), 409, 'conflict');

    // Published to beta: beta's admin now sees it (read only), alpha's still does not.
    const seen = await t.call('getImage', { token: t.tokens.beta, params: { imageId: FREEBSD } });
    assert.equal(seen.status, 200);
    assert.equal(seen.body.publicationCount, 1);
    assert.ok((await all(t.tokens.beta)).items.some((i: any) => i.id === FREEBSD));
    assertProblem(await t.call('getImage', { token: t.tokens.alpha, params: { imageId: FREEBSD } }), 404, 'not_found');
    assertProblem(await t.call('publishImage', { token: t.tokens.beta, params: { imageId: FREEBSD }, body: { billingEntityId: BETA } }), 403, 'forbidden');
    assertProblem(await t.call('revokeImagePublication', { token: t.tokens.beta, params: { imageId: FREEBSD, billingEntityId: BETA } }), 403, 'forbidden');

    // Revoking: If-Match on the image as read (its publishedTo is what changes), then the image is private again.
    const shared = await t.call('getImage', { token: t.tokens.licensee, params: { imageId: FREEBSD } });
    for (const stale of ['"stale"', published.headers.get('etag')!]) {
      assertProblem(await t.call('revokeImagePublication', { token: t.tokens.licensee, params: { imageId: FREEBSD, billingEntityId: BETA }, headers: { 'if-match': stale } }), 412, 'precondition_failed');
    }
    assertProblem(await t.call('revokeImagePublication', { token: t.tokens.licensee, params: { imageId: FREEBSD, billingEntityId: BETA }, blind: true }), 428, 'precondition_required');
    const revoked = await t.call('revokeImagePublication', { token: t.tokens.licensee, params: { imageId: FREEBSD, billingEntityId: BETA }, headers: { 'if-match': shared.headers.get('etag')! } });
    assert.equal(revoked.status, 204);
    assertProblem(await t.call('revokeImagePublication', { token: t.tokens.licensee, params: { imageId: FREEBSD, billingEntityId: BETA } }), 404, 'not_found');
    assertProblem(await t.call('getImage', { token: t.tokens.beta, params: { imageId: FREEBSD } }), 404, 'not_found');
    assert.equal((await t.call('getImage', { token: t.tokens.licensee, params: { imageId: FREEBSD } })).body.publicationCount, 0);
  });

  it('lets a reseller share its own images inside its tree only', async () => {
    const kids = await t.call('publishImage', { token: t.tokens.alpha, params: { imageId: ALPHA_WORDPRESS }, body: { billingEntityId: ALPHA_KIDS, exclude: false } });
    assert.equal(kids.status, 201);
    const image = await t.call('getImage', { token: t.tokens.alpha, params: { imageId: ALPHA_WORDPRESS } });
    assert.deepEqual(image.body.publishedTo, [{ billingEntityId: ALPHA_KIDS, exclude: false }]);
    const shared = await all(t.tokens.alpha, 'publicationCount > 0');
    assert.ok(shared.items.some((i: any) => i.id === ALPHA_WORDPRESS));
    // Out-of-scope targets are a 422 at the field, whatever they are.
    for (const target of [BETA, LICENSEE, '00000000-0000-4000-8000-000000000000']) {
      assertUnknownReference(await t.call('publishImage', { token: t.tokens.alpha, params: { imageId: ALPHA_WORDPRESS }, body: { billingEntityId: target } }), '/billingEntityId');
    }
    assertProblem(await t.call('publishImage', { token: t.tokens.alpha, params: { imageId: ALPHA_LAMP }, body: { billingEntityId: ALPHA_KIDS } }), 409, 'conflict');
    // Published to alpha, owned by the licensee: alpha cannot share it further.
    assertProblem(await t.call('publishImage', { token: t.tokens.alpha, params: { imageId: UBUNTU }, body: { billingEntityId: ALPHA_KIDS } }), 403, 'forbidden');
    assertProblem(await t.call('publishImage', { token: t.tokens.alpha, params: { imageId: ROCKY }, body: { billingEntityId: ALPHA } }), 404, 'not_found');
    assertProblem(await t.call('publishImage', { token: t.tokens.alpha, params: { imageId: ALPHA_WORDPRESS }, body: {} }), 422, 'validation_failed');
    assertProblem(await t.call('publishImage', { token: t.tokens.alpha, params: { imageId: ALPHA_WORDPRESS }, body: { billingEntityId: 'beta' } }), 422, 'validation_failed');
    assertProblem(await t.call('publishImage', { params: { imageId: ALPHA_WORDPRESS }, body: { billingEntityId: ALPHA_KIDS } }), 401, 'unauthenticated');
    assertProblem(await t.call('revokeImagePublication', { token: t.tokens.beta, params: { imageId: ALPHA_WORDPRESS, billingEntityId: ALPHA_KIDS } }), 404, 'not_found');
    const revoked = await t.call('revokeImagePublication', { token: t.tokens.alpha, params: { imageId: ALPHA_WORDPRESS, billingEntityId: ALPHA_KIDS } });
    assert.equal(revoked.status, 204);
    assert.deepEqual((await t.call('getImage', { token: t.tokens.alpha, params: { imageId: ALPHA_WORDPRESS } })).body.publishedTo, []);
  });
});
