import { listSshKeys } from '@fco-admin/sdk/metadata';
import { FcoListWidget } from '../widget/list-widget.js';
import { defineListWidget } from '../widget/definition.js';

/**
 * Every SSH key in the caller's scope, read only; the detail shows the public key.
 *
 * @element fco-ssh-keys
 */
export class FcoSshKeys extends FcoListWidget {
  static override definition = defineListWidget({
    tag: 'fco-ssh-keys',
    object: 'ssh-key',
    scopes: ['resources:read'],
    list: listSshKeys,
    get: 'getSshKey',
    heading: (item) => item.name,
    columns: ['name', 'fingerprint', 'globalKey', 'customerName', 'resourceState', 'createdAt', { field: 'updatedAt', hidden: true }],
    filters: ['name', 'customerName', 'fingerprint', 'globalKey', 'resourceState', 'createdAt'],
    sort: ['name', 'ascending'],
    detail: ['publicKey'],
  });
}
