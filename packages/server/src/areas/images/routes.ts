import { defineArea } from '../area.js';
import { created, noContent, ok } from '../../http/operation.js';
import { listRequest } from '../../http/list.js';
import { ApiProblem } from '../../http/problem.js';
import { PageTokens } from '../../store/page-token.js';
import { checkIfMatch } from '../../store/repository.js';
import { referenced } from '../references.js';
import { billingEntityEntity } from '../billing-entities/entity.js';
import { applyImagePatch, assertOwned, imageView, newPublication, withoutPublication, withPublication } from './domain.js';
import { imageEntity, publicationEntity, publicationId } from './entity.js';

export const imagesArea = defineArea('images', {
  listImages: async (ctx) => {
    const page = await ctx.list(imageEntity);
    return ok({ ...page, items: page.items.map((image) => imageView(image, ctx.me().tenancy)) });
  },
  getImage: async (ctx) => ok(imageView(await ctx.repository(imageEntity).get(ctx.params.imageId), ctx.me().tenancy)),
  updateImage: async (ctx) => {
    const images = ctx.repository(imageEntity);
    const tenancy = ctx.me().tenancy;
    const next = await images.update(ctx.params.imageId, async (current) => {
      assertOwned(images.owns(current));
      // The caller's ETag is of the image as it sees it.
      await checkIfMatch(imageView(current, tenancy), ctx.ifMatch);
      return applyImagePatch(current, ctx.body, ctx.now);
    });
    return ok(imageView(next, tenancy));
  },
  listImagePublications: async (ctx) => {
    const image = await ctx.repository(imageEntity).get(ctx.params.imageId);
    const request = await listRequest(ctx.op, ctx.query);
    const ofImage = { kind: 'compare', field: 'imageId', operator: '=', value: image.id } as const;
    request.filter = request.filter ? { kind: 'and', children: [ofImage, request.filter] } : ofImage;
    // Page tokens are bound to the image too, so one image's token never pages another's list.
    request.binding = await PageTokens.binding(`${ctx.operationId}:${image.id}`, String(ctx.query.filter ?? ''), String(ctx.query.orderBy ?? ''));
    return ok(await ctx.repository(publicationEntity).list(request));
  },
  publishImage: async (ctx) => {
    const publication = await ctx.store.transaction(async (tx) => {
      const images = tx.repository(imageEntity);
      const image = await images.get(ctx.params.imageId);
      assertOwned(images.owns(image));
      const billingEntity = await referenced(tx.repository(billingEntityEntity), ctx.body.billingEntityId, '/billingEntityId', 'billing entity');
      const record = newPublication(image, billingEntity, ctx.body.exclude ?? false, ctx.now);
      await tx.repository(publicationEntity).insert(record);
      await images.update(image.id, (current) => withPublication(current, record, ctx.now));
      return record;
    });
    const { id: _rowId, ...body } = publication;
    return created(body, `/v1/images/${publication.imageId}/publications/${publication.billingEntityId}`);
  },
  revokeImagePublication: async (ctx) => {
    await ctx.store.transaction(async (tx) => {
      const images = tx.repository(imageEntity);
      const image = await images.get(ctx.params.imageId);
      assertOwned(images.owns(image));
      const publications = tx.repository(publicationEntity);
      const id = publicationId(image.id, ctx.params.billingEntityId);
      if (!(await publications.find(id))) throw new ApiProblem('not_found', { detail: 'The image is not published to that billing entity.' });
      // The revocation changes the image's `publishedTo`, so the version it is based on is the image as the caller saw it.
      await checkIfMatch(imageView(image, ctx.me().tenancy), ctx.ifMatch);
      await publications.delete(id);
      await images.update(image.id, (current) => withoutPublication(current, ctx.params.billingEntityId, ctx.now));
    });
    return noContent();
  },
});
