/**
 * Demo images: the licensee's base images (some published to resellers, one with an exclusion, one not shared),
 * images of the resellers themselves (some shared down their tree), and customer images made from the base images
 * for a bounded number of customers (the first SEEDED_CUSTOMER_LIMIT by id), a few of them shared with their reseller.
 */
import { seededCustomerBatches } from '../../seed/customer-batches.js';
import type { SeedContext, SeedStep } from '../../seed/seed.js';
import { stableId, type SeededRandom } from '../../seed/random.js';
import { entityRows, insertRows } from '../../store/bulk.js';
import { demoBillingEntityId, demoBillingEntityName, DEMO_BILLING_ENTITIES, type DemoBillingEntity } from '../billing-entities/seed.js';
import { imageEntity, publicationEntity, publicationId, type Image, type PublicationRecord } from './entity.js';

const BATCH = 500;
const DAY_MS = 86400_000;

type BeKey = DemoBillingEntity['key'];
interface Share {
  to: BeKey;
  exclude?: boolean;
}
interface OwnImage {
  key: string;
  owner: BeKey;
  name: string;
  description: string;
  imageType: Image['imageType'];
  sizeGb: number;
  defaultUser: string | null;
  shares: Share[];
  base?: string;
}

const BASE_IMAGES: readonly OwnImage[] = [
  { key: 'ubuntu-2404', owner: 'licensee', name: 'Ubuntu 24.04 LTS', description: 'Ubuntu 24.04 LTS with cloud-init.', imageType: 'SERVER', sizeGb: 10, defaultUser: 'ubuntu', shares: [{ to: 'alpha' }, { to: 'alpha-kids', exclude: true }, { to: 'beta' }, { to: 'gamma' }] },
  { key: 'debian-12', owner: 'licensee', name: 'Debian 12 (Bookworm)', description: 'Minimal Debian 12 server.', imageType: 'SERVER', sizeGb: 8, defaultUser: 'debian', shares: [{ to: 'alpha' }, { to: 'beta' }] },
  { key: 'rocky-9', owner: 'licensee', name: 'Rocky Linux 9', description: 'Rocky Linux 9 with SELinux enforcing.', imageType: 'SERVER', sizeGb: 12, defaultUser: 'rocky', shares: [{ to: 'beta' }] },
  { key: 'windows-2022', owner: 'licensee', name: 'Windows Server 2022', description: 'Windows Server 2022 Datacenter, licence included.', imageType: 'SERVER', sizeGb: 40, defaultUser: 'Administrator', shares: [{ to: 'alpha' }, { to: 'gamma' }] },
  { key: 'freebsd-14', owner: 'licensee', name: 'FreeBSD 14.1', description: 'Not yet released to resellers.', imageType: 'SERVER', sizeGb: 6, defaultUser: 'freebsd', shares: [] },
  { key: 'tools-iso', owner: 'licensee', name: 'Rescue tools disk', description: 'A disk with recovery tools.', imageType: 'DISK', sizeGb: 2, defaultUser: null, shares: [{ to: 'alpha' }, { to: 'beta' }, { to: 'gamma' }] },
];

const RESELLER_IMAGES: readonly OwnImage[] = [
  { key: 'alpha-lamp', owner: 'alpha', name: 'Alpha LAMP stack', description: 'Ubuntu with Apache, MariaDB and PHP.', imageType: 'SERVER', sizeGb: 14, defaultUser: 'ubuntu', shares: [{ to: 'alpha-kids' }], base: 'ubuntu-2404' },
  { key: 'alpha-wordpress', owner: 'alpha', name: 'Alpha WordPress', description: 'WordPress on the LAMP stack.', imageType: 'SERVER', sizeGb: 16, defaultUser: 'ubuntu', shares: [], base: 'ubuntu-2404' },
  { key: 'kids-minecraft', owner: 'alpha-kids', name: 'Minecraft server', description: 'A ready-to-play Minecraft server.', imageType: 'SERVER', sizeGb: 20, defaultUser: 'mc', shares: [], base: 'debian-12' },
  { key: 'beta-iis', owner: 'beta', name: 'Beta IIS web server', description: 'Windows with IIS and .NET.', imageType: 'SERVER', sizeGb: 48, defaultUser: 'Administrator', shares: [], base: 'windows-2022' },
  { key: 'beta-postgres', owner: 'beta', name: 'Beta PostgreSQL 16', description: 'Rocky Linux with PostgreSQL 16 tuned.', imageType: 'SERVER', sizeGb: 20, defaultUser: 'rocky', shares: [{ to: 'beta' }], base: 'rocky-9' },
  { key: 'gamma-k8s', owner: 'gamma', name: 'Gamma Kubernetes node', description: 'Debian with containerd and kubeadm.', imageType: 'SERVER', sizeGb: 18, defaultUser: 'debian', shares: [], base: 'debian-12' },
];

const CLUSTERS = [1, 2, 3].map((n) => stableId(`cluster:${n}`));
const ALL_PERMISSIONS = { canCreateServer: true, canStart: true, canClone: true, canSnapshot: true, canImage: true, canConsole: true };

function image(random: SeededRandom, fields: Omit<Image, 'status' | 'clusterId' | 'publishedTo' | 'publicationCount' | 'permissions' | 'updatedAt' | 'ownerBillingEntityName'> & { shares: Share[] }, now: Date) {
  const { shares, ...rest } = fields;
  const publications: PublicationRecord[] = shares.map((share) => ({
    id: publicationId(fields.id, demoBillingEntityId(share.to)),
    imageId: fields.id,
    billingEntityId: demoBillingEntityId(share.to),
    billingEntityName: demoBillingEntityName(share.to),
    exclude: share.exclude ?? false,
    createdAt: new Date(Math.min(now.getTime(), Date.parse(fields.createdAt) + random.int(1, 30) * DAY_MS)).toISOString(),
  }));
  const owner = DEMO_BILLING_ENTITIES.find((be) => demoBillingEntityId(be.key) === rest.ownerBillingEntityId)!;
  const result: Image = {
    ...rest,
    ownerBillingEntityName: owner.name,
    status: random.weighted<Image['status']>([['ACTIVE', 90], ['LOCKED', 4], ['HIDDEN', 3], ['CREATING', 3]]),
    clusterId: random.pick(CLUSTERS),
    publishedTo: publications.map((p) => ({ billingEntityId: p.billingEntityId, exclude: p.exclude })),
    publicationCount: publications.length,
    permissions: { ...ALL_PERMISSIONS, canImage: random.chance(0.6), canConsole: random.chance(0.9) },
    updatedAt: publications.reduce((latest, p) => (p.createdAt > latest ? p.createdAt : latest), fields.createdAt),
  };
  return { image: result, publications };
}

export const imagesSeed: SeedStep = {
  name: 'images',
  async run(context: SeedContext) {
    const random = context.random('images');
    const images: Image[] = [];
    const publications: PublicationRecord[] = [];
    const add = (made: { image: Image; publications: PublicationRecord[] }) => {
      images.push(made.image);
      publications.push(...made.publications);
    };
    const baseIds = new Map<string, string>();
    for (const own of [...BASE_IMAGES, ...RESELLER_IMAGES]) {
      const id = stableId(`image:${own.key}`);
      baseIds.set(own.key, id);
      add(image(random, {
        id,
        name: own.name,
        description: own.description,
        imageType: own.imageType,
        sizeGb: own.sizeGb,
        baseImageId: own.base ? baseIds.get(own.base)! : null,
        vdcId: stableId(`vdc:${own.owner}`),
        ownerBillingEntityId: demoBillingEntityId(own.owner),
        ownerCustomerId: null,
        defaultUser: own.defaultUser,
        createdAt: new Date(context.now.getTime() - random.int(60, 900) * DAY_MS).toISOString(),
        shares: own.shares,
      }, context.now));
    }
    await context.store.transaction(async (tx) => {
      await insertRows(tx.db, 'images', entityRows(imageEntity, images));
      await insertRows(tx.db, 'image_publications', entityRows(publicationEntity, publications));
    });

    const bases = BASE_IMAGES.filter((b) => b.imageType === 'SERVER');
    for await (const { rows, done, total } of seededCustomerBatches(context, BATCH)) {
      const batchImages: Image[] = [];
      const batchPublications: PublicationRecord[] = [];
      for (const row of rows) {
        if (row.status === 'PENDING_APPROVAL' || !random.chance(0.25)) continue;
        const beKey = DEMO_BILLING_ENTITIES.find((be) => demoBillingEntityId(be.key) === String(row.billing_entity_id))?.key ?? 'licensee';
        for (let n = 1, count = random.int(1, 2); n <= count; n++) {
          const base = random.pick(bases);
          const made = image(random, {
            id: random.uuid(),
            name: `${String(row.organisation_name).split(' ')[0]} ${random.pick(['web', 'app', 'db', 'build'])}-${String(n).padStart(2, '0')} image`,
            description: random.chance(0.5) ? `Made from ${base.name}.` : null,
            imageType: random.chance(0.85) ? 'SERVER' : 'DISK',
            sizeGb: base.sizeGb + random.int(0, 80),
            baseImageId: baseIds.get(base.key)!,
            vdcId: stableId(`vdc:${String(row.id)}`),
            ownerBillingEntityId: String(row.billing_entity_id),
            ownerCustomerId: String(row.id),
            defaultUser: random.chance(0.7) ? base.defaultUser : null,
            createdAt: new Date(Math.max(Date.parse(String(row.created_at)), context.now.getTime() - random.int(1, 700) * DAY_MS)).toISOString(),
            // A few customers share their image with every customer of their reseller (not the licensee's: published
            // to the master billing entity, an image reaches the whole platform).
            shares: random.chance(0.1) && beKey !== 'licensee' ? [{ to: beKey }] : [],
          }, context.now);
          batchImages.push(made.image);
          batchPublications.push(...made.publications);
        }
      }
      await context.store.transaction(async (tx) => {
        await insertRows(tx.db, 'images', entityRows(imageEntity, batchImages));
        await insertRows(tx.db, 'image_publications', entityRows(publicationEntity, batchPublications));
      });
      context.progress('images', done, total);
    }
  },
};
