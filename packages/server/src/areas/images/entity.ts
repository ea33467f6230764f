/**
 * Images and their publications. An image is owned by a billing entity (and possibly one of its customers) and may be
 * published to other billing entities: tenancy lets a billing entity admin READ images its billing entities own or
 * that reach them (`sharedWith`), and write only the owned ones (`Repository.owns`). A publication reaches its billing
 * entity and every one under it, unless an `exclude` entry withholds the image on the way: for each billing entity the
 * nearest entry (its own, then its parent's, and so on up) decides. A publication is in scope when the billing entity
 * it targets is.
 */
import type { Schema } from '../../spec/types.js';
import { billingEntityNameOf, specEntity } from '../../store/spec-entity.js';
import { billingEntityEntity } from '../billing-entities/entity.js';

export type Image = Schema<'Image'>;
export type ImagePublication = Schema<'ImagePublication'>;
/** A publication row: its id is the pair (image, billing entity); the representation has no id of its own. */
export type PublicationRecord = ImagePublication & { id: string };

export const publicationId = (imageId: string, billingEntityId: string) => `${imageId}:${billingEntityId}`;

export const imageEntity = specEntity<Image>({
  name: 'image',
  table: 'images',
  listOperation: 'listImages',
  scopeField: 'ownerBillingEntityId',
  sharedWith: (eb, scope) => {
    const entry = (billingEntityIds: readonly string[], exclude: boolean) =>
      eb.exists(
        eb
          .selectFrom('image_publications as p')
          .select('p.image_id')
          .whereRef('p.image_id', '=', 'images.id')
          .where('p.billing_entity_id', 'in', billingEntityIds)
          .where('p.exclude', '=', exclude ? 1 : 0),
      );
    // The scope's top inherits a publication above it when nothing between (the top included) withholds the image.
    const inherited = scope.lineage.slice(1).map((above, i) => eb.and([entry([above], false), eb.not(entry(scope.lineage.slice(0, i + 1), true))]));
    return eb.or([entry(scope.billingEntityIds, false), ...inherited]);
  },
  sharedTo: (image) => image.publishedTo.map((p) => p.billingEntityId),
  defaultOrder: [{ field: 'name', desc: false }],
  lookups: ['ownerCustomerId'],
  computed: { ownerBillingEntityName: billingEntityNameOf(() => billingEntityEntity, 'ownerBillingEntityId') },
});

export const publicationEntity = specEntity<PublicationRecord>({
  name: 'publication',
  table: 'image_publications',
  listOperation: 'listImagePublications',
  scopeField: 'billingEntityId',
  defaultOrder: [{ field: 'billingEntityName', desc: false }],
  lookups: ['imageId'],
  // The name as the billing entity is called today, not when the image was published to it.
  computed: { billingEntityName: billingEntityNameOf(() => billingEntityEntity) },
});
