/**
 * Images and their publications. An image is owned by a billing entity (and possibly one of its customers) and may be
 * published to other billing entities: tenancy lets a billing entity admin READ images its billing entities own or
 * that are published to one of them (`sharedWith`), and write only the owned ones (`Repository.owns`).
 * A publication is in scope when the billing entity it targets is.
 */
import type { Schema } from '../../spec/types.js';
import { defineEntity } from '../../store/entity.js';

export type Image = Schema<'Image'>;
export type ImagePublication = Schema<'ImagePublication'>;
/** A publication row: its id is the pair (image, billing entity); the representation has no id of its own. */
export type PublicationRecord = ImagePublication & { id: string };

export const publicationId = (imageId: string, billingEntityId: string) => `${imageId}:${billingEntityId}`;

export const imageEntity = defineEntity<Image>({
  name: 'image',
  table: 'images',
  scopeColumn: 'owner_billing_entity_id',
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
  dataColumn: 'data',
  columns: {
    id: { column: 'id', type: 'text' },
    ownerBillingEntityId: { column: 'owner_billing_entity_id', type: 'text' },
    ownerCustomerId: { column: 'owner_customer_id', type: 'text' },
    name: { column: 'name', type: 'text' },
    imageType: { column: 'image_type', type: 'text' },
    status: { column: 'status', type: 'text' },
    sizeGb: { column: 'size_gb', type: 'integer' },
    clusterId: { column: 'cluster_id', type: 'text' },
    vdcId: { column: 'vdc_id', type: 'text' },
    baseImageId: { column: 'base_image_id', type: 'text' },
    defaultUser: { column: 'default_user', type: 'text' },
    publicationCount: { column: 'publication_count', type: 'integer' },
    createdAt: { column: 'created_at', type: 'timestamp' },
    updatedAt: { column: 'updated_at', type: 'timestamp' },
  },
  defaultOrder: [{ field: 'name', desc: false }],
  fieldOrder: [
    'id', 'name', 'description', 'imageType', 'status', 'sizeGb', 'baseImageId', 'clusterId', 'vdcId',
    'ownerBillingEntityId', 'ownerCustomerId', 'publishedTo', 'publicationCount', 'permissions', 'defaultUser',
    'createdAt', 'updatedAt',
  ],
});

export const publicationEntity = defineEntity<PublicationRecord>({
  name: 'publication',
  table: 'image_publications',
  scopeColumn: 'billing_entity_id',
  dataColumn: 'data',
  columns: {
    id: { column: 'id', type: 'text' },
    imageId: { column: 'image_id', type: 'text' },
    billingEntityId: { column: 'billing_entity_id', type: 'text' },
    billingEntityName: { column: 'billing_entity_name', type: 'text' },
    exclude: { column: 'exclude', type: 'boolean' },
    createdAt: { column: 'created_at', type: 'timestamp' },
  },
  defaultOrder: [{ field: 'billingEntityName', desc: false }],
  // The representation is the publication without the row id.
  fieldOrder: ['imageId', 'billingEntityId', 'billingEntityName', 'exclude', 'createdAt'],
});
