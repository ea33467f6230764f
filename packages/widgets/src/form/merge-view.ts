/**
 * After a 412 on a save: the user's edits stay, fields only the server changed take the server's value, and fields
 * both changed differently are listed side by side for the user to decide, before saving again on the new version.
 * Fields are compared by pointer, down to the field inside an object; an array is one field.
 */
import { html, nothing, type TemplateResult } from 'lit';
import type { BodyField } from '@fco-admin/sdk';
import { mergeEdits } from '../dialog/merge.js';
import type { Messages } from '../i18n/messages.js';
import { fieldsOf, setAt, type FormTree } from './form-model.js';

export interface Conflict {
  /** Fields both changed differently (currently holding the user's value). */
  conflicts: string[];
  /** Fields only the server changed (now showing the server's value). */
  takenFromServer: string[];
  mine: ReadonlyMap<string, FormTree>;
  theirs: ReadonlyMap<string, FormTree>;
}

/** Merges after a conflict: the form to show, and what to tell the user. */
export function mergeConflict(schema: BodyField, base: FormTree, mine: FormTree, theirs: FormTree): { tree: FormTree; conflict: Conflict } {
  const [b, m, t] = [base, mine, theirs].map((tree) => fieldsOf(schema, tree)) as [Map<string, FormTree>, Map<string, FormTree>, Map<string, FormTree>];
  const merge = mergeEdits(Object.fromEntries(b), Object.fromEntries(m), Object.fromEntries(t));
  let tree = mine;
  for (const pointer of merge.takenFromServer as string[]) tree = setAt(tree, pointer, t.get(pointer) ?? '');
  return { tree, conflict: { conflicts: merge.conflicts as string[], takenFromServer: merge.takenFromServer as string[], mine: m, theirs: t } };
}

export function renderMergeView(
  conflict: Conflict,
  current: (pointer: string) => FormTree | undefined,
  t: Messages,
  label: (pointer: string) => string,
  display: (value: FormTree) => string,
  choose: (pointer: string, value: FormTree) => void,
): TemplateResult {
  const rows = [...conflict.conflicts, ...conflict.takenFromServer];
  const same = (a: FormTree | undefined, b: FormTree | undefined) => JSON.stringify(a) === JSON.stringify(b);
  return html`<div class="conflict" role="alert" data-conflict>
    <h3>${t.conflictTitle}</h3>
    <p>${t.conflictHelp}</p>
    <table>
      <thead>
        <tr>
          <th scope="col">${t.field}</th>
          <th scope="col">${t.yourValue}</th>
          <th scope="col">${t.serverValue}</th>
          <th scope="col"><span class="visually-hidden">${t.confirm}</span></th>
        </tr>
      </thead>
      <tbody>
        ${rows.map((pointer) => {
          const isConflict = conflict.conflicts.includes(pointer);
          const mine = conflict.mine.get(pointer) ?? '';
          const theirs = conflict.theirs.get(pointer) ?? '';
          return html`<tr data-field=${pointer.slice(1)}>
            <th scope="row">${label(pointer)}</th>
            <td>${display(isConflict ? mine : (current(pointer) ?? ''))}</td>
            <td>${display(theirs)}</td>
            <td>
              ${isConflict
                ? html`<button type="button" data-keep="mine" aria-pressed=${same(current(pointer), mine) ? 'true' : 'false'} @click=${() => choose(pointer, mine)}>
                      ${t.keepMine}</button
                    ><button type="button" data-keep="server" aria-pressed=${same(current(pointer), theirs) ? 'true' : 'false'} @click=${() => choose(pointer, theirs)}>
                      ${t.takeServer}
                    </button>`
                : nothing}
            </td>
          </tr>`;
        })}
      </tbody>
    </table>
  </div>`;
}
