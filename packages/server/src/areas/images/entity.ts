/**
 * Images and their publications. An image is owned by a billing entity (and possibly one of its customers) and may be
 * published to other billing entities: tenancy lets a billing entity admin READ images its billing entities own or
 * that are published to one of them (`sharedWith`), and write only the owned ones (`Repository.owns`).
 * A publication is in scope when the billing entity it targets is.
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
  sharedWith: (eb, billingEntityIds) =>
    eb(
      'images.id',
      'in',
      eb
        .selectFrom('image_publications')
        .select('image_publications.image_id')
        .where('image_publications.billing_entity_id', 'in', billingEntityIds)
        .where('image_publications.exclude', '=', 0),
    ),
  defaultOrder: [{ field: 'name', desc: false }],
  lookups: ['ownerCustomerId'],
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
