/**
 * After a 412 on a save: the user's edits stay, fields only the server changed take the server's value, and fields
 * both changed differently are listed side by side for the user to decide, before saving again on the new version.
 */
import { html, nothing, type TemplateResult } from 'lit';
import { mergeEdits } from '../dialog/merge.js';
import type { Messages } from '../i18n/messages.js';
import type { FormValue, FormValues } from './form-model.js';

export interface Conflict {
  /** Fields both changed differently (currently holding the user's value). */
  conflicts: string[];
  /** Fields only the server changed (now showing the server's value). */
  takenFromServer: string[];
  mine: FormValues;
  theirs: FormValues;
}

/** Merges after a conflict: the values to show, and what to tell the user. */
export function mergeConflict(base: FormValues, mine: FormValues, theirs: FormValues): { values: FormValues; conflict: Conflict } {
  const merge = mergeEdits(base, mine, theirs);
  return {
    values: merge.merged,
    conflict: { conflicts: merge.conflicts as string[], takenFromServer: merge.takenFromServer as string[], mine, theirs },
  };
}

export function renderMergeView(
  conflict: Conflict,
  values: FormValues,
  t: Messages,
  label: (pointer: string) => string,
  display: (value: FormValue) => string,
  choose: (pointer: string, value: FormValue) => void,
): TemplateResult {
  const rows = [...conflict.conflicts, ...conflict.takenFromServer];
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
          const mine = conflict.mine[pointer] ?? '';
          const theirs = conflict.theirs[pointer] ?? '';
          return html`<tr data-field=${pointer.slice(1)}>
            <th scope="row">${label(pointer)}</th>
            <td>${display(isConflict ? mine : (values[pointer] ?? ''))}</td>
            <td>${display(theirs)}</td>
            <td>
              ${isConflict
                ? html`<button type="button" data-keep="mine" aria-pressed=${values[pointer] === mine ? 'true' : 'false'} @click=${() => choose(pointer, mine)}>
                      ${t.keepMine}</button
                    ><button type="button" data-keep="server" aria-pressed=${values[pointer] === theirs ? 'true' : 'false'} @click=${() => choose(pointer, theirs)}>
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
