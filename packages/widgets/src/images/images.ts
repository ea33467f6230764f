import { listImagePublications, listImages, publishImageBody, updateImageBody } from '@fco-admin/sdk/metadata';
import { FcoListWidget } from '../widget/list-widget.js';
import { defineListWidget, relatedList, type ActionEnv } from '../widget/definition.js';
import { billingEntityChoices } from '../widget/choices.js';
import type { Image } from '../api/types.js';

/** Images its own billing entities own (the licensee owns them all); one merely published to it is not its to change. */
function owned(image: Image, env: ActionEnv): boolean {
  if (env.principal?.billingEntity.isMaster) return true;
  return env.choices(billingEntityChoices)?.some((be) => be.value === image.ownerBillingEntityId) ?? false;
}

/** A billing entity's name where the caller may read it, else its id. */
function billingEntityName(id: string, env: ActionEnv): string {
  return env.choices(billingEntityChoices)?.find((be) => be.value === id)?.label ?? id;
}

/**
 * Every image in the caller's scope: its own billing entities' and those published to them. Share an image with a
 * whole billing entity (or exclude one under a publication), revoke a publication, and edit it — only images the
 * caller's billing entities own; an image merely published to them shows no edit or share.
 *
 * @element fco-images
 */
export class FcoImages extends FcoListWidget {
  static override definition = defineListWidget({
    tag: 'fco-images',
    object: 'image',
    scopes: ['images:read'],
    list: listImages,
    get: 'getImage',
    heading: (image) => image.name,
    columns: [
      'name',
      'imageType',
      'status',
      'sizeGb',
      // The owner by the name the server joins: an image published from above is owned outside the caller's choices.
      { field: 'ownerBillingEntityName', width: 'minmax(10rem, 1fr)' },
      'publicationCount',
      'defaultUser',
      'createdAt',
      { field: 'ownerBillingEntityId', hidden: true },
      { field: 'ownerCustomerId', hidden: true },
      { field: 'baseImageId', hidden: true },
      { field: 'clusterId', hidden: true },
      { field: 'vdcId', hidden: true },
      { field: 'updatedAt', hidden: true },
    ],
    filters: ['name', 'imageType', 'status', { field: 'ownerBillingEntityId', label: (t) => t.fields.owner, choices: billingEntityChoices }, 'publicationCount', 'createdAt'],
    sort: ['name', 'ascending'],
    detail: ['description', 'permissions'],
    related: [
      relatedList({
        title: (t) => t.publications,
        scope: 'images:read',
        list: listImagePublications,
        columns: ['billingEntityName', 'exclude', 'createdAt'],
        sort: ['billingEntityName', 'ascending'],
        params: (image: Image) => ({ imageId: image.id }),
      }),
    ],
    actions: (action) => [
      action({
        id: 'image-share',
        label: (t) => t.share,
        scope: 'images:write',
        when: owned,
        form: { body: publishImageBody, fields: [{ field: 'billingEntityId', label: (t) => t.fields.billingEntityName, choices: billingEntityChoices }, 'exclude'] },
        run: async ({ client, item, body }) => {
          await client.images.publish({ imageId: item.id, body: body as { billingEntityId: string; exclude: boolean } });
          return client.images.get({ imageId: item.id });
        },
      }),
      action({
        id: 'image-revoke',
        label: (t) => t.revoke,
        scope: 'images:write',
        danger: true,
        when: (image, env) => owned(image, env) && image.publishedTo.length > 0,
        form: {
          body: publishImageBody,
          fields: [
            {
              field: 'billingEntityId',
              label: (t) => t.fields.billingEntityName,
              // The billing entities this image is listed for, by name where the caller may read them.
              options: (image, _l, env) => image.publishedTo.map(({ billingEntityId }) => ({ value: billingEntityId, label: billingEntityName(billingEntityId, env) })),
            },
          ],
        },
        confirm: (t, image, body, env) => t.confirmRevoke(image.name, billingEntityName(String(body?.billingEntityId), env)),
        run: async ({ client, item, body }) => {
          await client.images.revokePublication({ imageId: item.id, billingEntityId: String(body?.billingEntityId), ifMatch: item });
          return client.images.get({ imageId: item.id });
        },
      }),
      action({
        id: 'image-edit',
        label: (t) => t.edit,
        scope: 'images:write',
        when: owned,
        form: { body: updateImageBody, patch: true, fields: ['name', 'description', 'defaultUser', 'permissions'] },
        run: ({ client, item, body }) => client.images.update({ imageId: item.id, ifMatch: item, body: body! }),
      }),
    ],
  });
}
