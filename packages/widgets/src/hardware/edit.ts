/** The edit every hardware widget offers: name and description, as a merge patch on the record's ETag. */
import type { BodyField, Client } from '@fco-admin/sdk';
import type { ActionSpec } from '../widget/definition.js';

/** A patch body that has a name and a description (the widget's body metadata, e.g. `metadata.updateNodeBody`). */
type NameAndDescription = Extract<BodyField, { kind: 'object' }> & { properties: { name: BodyField; description: BodyField } };

export function editNameAndDescription<Item extends { id: string }>(
  body: NameAndDescription,
  update: (client: Client, item: Item, patch: Record<string, unknown>) => Promise<Item>,
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- the form's fields are checked against `body` above
): ActionSpec<Item, any> {
  return {
    id: 'hardware-edit',
    label: (t) => t.edit,
    scope: 'hardware:write',
    // The body type guarantees both fields; the form reads them from its metadata.
    form: { body, patch: true, fields: ['name', 'description'] as never },
    run: ({ client, item, body: patch }) => update(client, item, patch ?? {}),
  };
}
