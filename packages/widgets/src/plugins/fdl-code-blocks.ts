import { html, nothing, type TemplateResult } from 'lit';
import type { OperationId } from '@fco-admin/sdk';
import { createFdlCodeBlockBody, listFdlCodeBlocks, updateFdlCodeBlockBody } from '@fco-admin/sdk/metadata';
import { FcoListWidget } from '../widget/list-widget.js';
import { defineListWidget, type CustomControl } from '../widget/definition.js';
import { billingEntityChoices } from '../widget/choices.js';
import { isolate } from '../i18n/bidi.js';
import type { Localizer } from '../i18n/localizer.js';
import type { FdlCodeBlock } from '../api/types.js';

/** What a new block starts from: the one function every block has. */
const NEW_BLOCK = 'function register()\n  return { }\nend\n';

/** Signed, signed with a draft awaiting signature, or never signed: the words say it, the colour repeats it. */
function signedState(block: Pick<FdlCodeBlock, 'active' | 'hasUnsignedChanges'>, l: Localizer): TemplateResult {
  const t = l.messages;
  const [value, text] = !block.active ? ['UNSIGNED', t.neverSigned] : block.hasUnsignedChanges ? ['DRAFT', t.draftAwaitsSigning] : ['SIGNED', t.signed];
  return html`<span class="status" data-value=${value}>${text}</span>`;
}

/** The draft in the code editor, checked with the server as it is typed, and its changes against the signed code. */
const codeControl: CustomControl = (field) => {
  const t = field.localizer.messages;
  const signed = (field.record as FdlCodeBlock | undefined)?.signedCode ?? null;
  return html`<fco-code-editor
      id=${field.id}
      data-field="unsignedCode"
      check
      labelled-by=${field.labelId}
      described-by=${field.describedBy ?? nothing}
      ?readonly=${field.disabled}
      .value=${field.value}
      .error=${field.error}
      .onChange=${field.input}
    ></fco-code-editor>
    <p class="hint">${t.codeKeyboardHint}</p>
    ${signed === null
      ? nothing
      : html`<details class="code-changes">
          <summary>${t.changesAgainstSigned}</summary>
          <fco-code-diff label=${t.changesAgainstSigned} .oldText=${signed} .newText=${field.value}></fco-code-diff>
        </details>`}`;
};

/** Code shown read only in the detail (highlighted, focusable, selectable). */
const readOnlyCode = (code: string, label: string) => html`<fco-code-editor readonly label=${label} .value=${code}></fco-code-editor>`;

/**
 * FDL code blocks: the Lua code that extends the platform, signed (it runs) or not. A block opens with its signed
 * code and its draft highlighted read only (CodeMirror, loaded only when code is shown), and the draft's changes
 * against the signed code as a diff. Edit the draft with the server's Lua check shown on the lines it names as you
 * type (and a save's syntax error on its line), revert it to the signed code, discard it, delete the block, create one; **sign** is offered only to callers
 * holding `plugins:sign` (the licensee). A block the caller may not change (`editable` false) opens read only.
 *
 * The code editor and the diff load as a chunk of their own when the widget first connects (CodeMirror in a further
 * chunk, when code is first shown), so other tabs never load them.
 *
 * @element fco-fdl-code-blocks
 * @cssprop --fco-code-height - The most room the code editor takes before it scrolls (default 24rem).
 */
export class FcoFdlCodeBlocks extends FcoListWidget {
  /** The code editor checks the code as it is typed. */
  static readonly calls: readonly OperationId[] = ['checkFdlCode'];

  static override definition = defineListWidget({
    tag: 'fco-fdl-code-blocks',
    object: 'fdl-code-block',
    scopes: ['plugins:read'],
    list: listFdlCodeBlocks,
    get: 'getFdlCodeBlock',
    heading: (block) => block.name,
    columns: [
      { field: 'name', width: 'minmax(12rem, 2fr)' },
      { field: 'active', label: (t) => t.fields.signedState, render: signedState, width: '14rem' },
      'signedBy',
      'signedAt',
      { field: 'billingEntityId', label: (t) => t.fields.billingEntityName, names: billingEntityChoices, width: 'minmax(10rem, 1fr)' },
      'updatedAt',
      { field: 'hasUnsignedChanges', hidden: true },
      { field: 'createdAt', hidden: true },
    ],
    filters: [
      'name',
      { field: 'active', label: (t) => t.fields.signedOnce },
      'hasUnsignedChanges',
      { field: 'billingEntityId', label: (t) => t.fields.billingEntityName, choices: billingEntityChoices },
      'signedAt',
    ],
    sort: ['name', 'ascending'],
    load: async () => (await import('../code/code-elements.js')).defineCodeElements(),
    // The signed code (what runs) read only, then the draft with its changes against it (a detail renderer runs once
    // its field is there). After a discard only the signed code is left to show.
    detail: ['description', 'active', 'hash', 'registers', 'signedCode', 'unsignedCode'],
    detailRender: {
      active: (block, l) => signedState(block, l),
      signedCode: (block, l) => (block.signedCode === null ? l.messages.neverSigned : readOnlyCode(block.signedCode, l.messages.fields.signedCode)),
      unsignedCode: (block, l) => {
        const t = l.messages;
        if (block.unsignedCode === null) return t.noDraft;
        const changes = block.signedCode !== null && block.hasUnsignedChanges
          ? html`<details class="code-changes" open>
              <summary>${t.changesAgainstSigned}</summary>
              <fco-code-diff label=${t.fields.changes} .oldText=${block.signedCode} .newText=${block.unsignedCode}></fco-code-diff>
            </details>`
          : nothing;
        return html`${readOnlyCode(block.unsignedCode, t.fields.unsignedCode)}${changes}`;
      },
    },
    create: (create) =>
      create({
        id: 'fdl-code-block-create',
        label: (t) => t.newCodeBlock,
        scope: 'plugins:write',
        form: {
          body: createFdlCodeBlockBody,
          fields: [
            'name',
            { field: 'description', multiline: true },
            { field: 'billingEntityId', label: (t) => t.fields.billingEntityName, choices: billingEntityChoices },
            { field: 'unsignedCode', control: codeControl },
          ],
          initial: () => ({ unsignedCode: NEW_BLOCK }),
        },
        run: ({ client, body }) => client.plugins.createFdlCodeBlock({ body: body as Parameters<typeof client.plugins.createFdlCodeBlock>[0]['body'] }),
      }),
    actions: (action) => [
      action({
        id: 'fdl-code-block-edit',
        label: (t) => t.editDraft,
        scope: 'plugins:write',
        when: (block) => block.editable,
        form: {
          body: updateFdlCodeBlockBody,
          patch: true,
          submitLabel: (t) => t.saveDraft,
          fields: ['name', { field: 'description', multiline: true }, { field: 'unsignedCode', control: codeControl }],
          // After a discard there is no draft: editing starts again from the signed code.
          initial: (block) => ({ ...block, unsignedCode: block.unsignedCode ?? block.signedCode ?? '' }),
        },
        run: ({ client, item, body }) => client.plugins.updateFdlCodeBlock({ fdlCodeBlockId: item.id, ifMatch: item, body: body! }),
      }),
      action({
        id: 'fdl-code-block-sign',
        label: (t) => t.sign,
        scope: 'plugins:sign',
        when: (block) => block.hasUnsignedChanges,
        confirm: (t, block) => t.confirmSign(isolate(block.name)),
        run: ({ client, item }) => client.plugins.signFdlCodeBlock({ fdlCodeBlockId: item.id, ifMatch: item }),
      }),
      action({
        id: 'fdl-code-block-revert',
        label: (t) => t.revertDraft,
        scope: 'plugins:write',
        danger: true,
        when: (block) => block.editable && block.active && block.hasUnsignedChanges,
        confirm: (t, block) => t.confirmRevert(isolate(block.name)),
        run: ({ client, item }) => client.plugins.revertFdlCodeBlock({ fdlCodeBlockId: item.id, ifMatch: item }),
      }),
      action({
        id: 'fdl-code-block-discard',
        label: (t) => t.discardDraft,
        scope: 'plugins:write',
        danger: true,
        when: (block) => block.editable && block.unsignedCode !== null,
        confirm: (t, block) => (block.active ? t.confirmDiscard(isolate(block.name)) : t.confirmDiscardNeverSigned(isolate(block.name))),
        // A block never signed is only its draft: discarding deletes it (204), and the dialog closes.
        run: async ({ client, item }) => (await client.plugins.discardFdlCodeBlock({ fdlCodeBlockId: item.id, ifMatch: item })) ?? undefined,
      }),
      action({
        id: 'fdl-code-block-delete',
        label: (t) => t.delete,
        scope: 'plugins:write',
        danger: true,
        when: (block) => block.editable,
        confirm: (t, block) => t.confirmDeleteCodeBlock(isolate(block.name)),
        run: async ({ client, item }) => {
          await client.plugins.deleteFdlCodeBlock({ fdlCodeBlockId: item.id, ifMatch: item });
        },
      }),
    ],
  });
}
