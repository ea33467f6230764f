/** Image rules: edits, and sharing an image with whole billing entities (publish / revoke). */
import { ApiProblem } from '../../http/problem.js';
import type { Schema } from '../../spec/types.js';
import { inScope, type TenantScope } from '../../store/scope.js';
import type { Image, PublicationRecord } from './entity.js';
import { publicationId } from './entity.js';

/** Only images owned within the caller's billing entities change; one merely published to them is read only. */
export function assertOwned(owned: boolean): void {
  if (!owned) {
    throw new ApiProblem('forbidden', { detail: 'This image is published to your billing entity but owned by another; it is read only here.' });
  }
}

/**
 * The image as one caller sees it: publications to billing entities outside the caller's scope are left out, so an
 * image shared with several resellers never reveals the others to each of them.
 */
export function imageView(image: Image, scope: TenantScope): Image {
  if (scope.all) return image;
  const publishedTo = image.publishedTo.filter((p) => inScope(scope, p.billingEntityId));
  return publishedTo.length === image.publishedTo.length ? image : { ...image, publishedTo, publicationCount: publishedTo.length };
}

export function applyImagePatch(current: Image, patch: Schema<'ImagePatch'>, now: Date): Image {
  const next: Image = { ...current, updatedAt: now.toISOString() };
  if (patch.name !== undefined) next.name = patch.name;
  if (patch.description !== undefined) next.description = patch.description;
  if (patch.defaultUser !== undefined) next.defaultUser = patch.defaultUser;
  if (patch.permissions !== undefined) next.permissions = { ...current.permissions, ...patch.permissions };
  return next;
}

export function newPublication(image: Image, billingEntity: { id: string; name: string }, exclude: boolean, now: Date): PublicationRecord {
  if (image.publishedTo.some((p) => p.billingEntityId === billingEntity.id)) {
    throw new ApiProblem('conflict', { detail: `The image is already ${exclude ? 'listed for' : 'published to'} ${billingEntity.name}; revoke that entry first.` });
  }
  return {
    id: publicationId(image.id, billingEntity.id),
    imageId: image.id,
    billingEntityId: billingEntity.id,
    billingEntityName: billingEntity.name,
    exclude,
    createdAt: now.toISOString(),
  };
}

export function withPublication(image: Image, publication: PublicationRecord, now: Date): Image {
  const publishedTo = [...image.publishedTo, { billingEntityId: publication.billingEntityId, exclude: publication.exclude }];
  return { ...image, publishedTo, publicationCount: publishedTo.length, updatedAt: now.toISOString() };
}

export function withoutPublication(image: Image, billingEntityId: string, now: Date): Image {
  const publishedTo = image.publishedTo.filter((p) => p.billingEntityId !== billingEntityId);
  return { ...image, publishedTo, publicationCount: publishedTo.length, updatedAt: now.toISOString() };
}
