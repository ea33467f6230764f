/**
 * A line diff shown as a table: each line with its number in the old and the new text, removed lines struck through
 * (`<del>`), added ones underlined (`<ins>`), both also named in words for screen readers; long unchanged runs are
 * folded. Code is bound as text, never as markup.
 */
import { html, nothing, type TemplateResult } from 'lit';
import type { Messages } from '../i18n/messages.js';
import { foldUnchanged, lineDiff } from './line-diff.js';
import { scrollRegion } from '../widget/scroll-region.js';

export function renderDiff(before: string, after: string, t: Messages, label: string): TemplateResult {
  const lines = lineDiff(before, after);
  if (!lines.some((line) => line.kind !== 'same')) return html`<p class="muted">${t.noChanges}</p>`;
  const added = lines.filter((line) => line.kind === 'added').length;
  const removed = lines.filter((line) => line.kind === 'removed').length;
  return html`<p class="muted diff-summary">${t.diffSummary(added, String(added), String(removed))}</p>
    ${scrollRegion(
      'diff-scroll',
      label,
      html`<table class="diff" aria-label=${label}>
        <thead class="visually-hidden">
          <tr>
            <th scope="col">${t.diffOldLine}</th>
            <th scope="col">${t.diffNewLine}</th>
            <th scope="col">${t.diffLine}</th>
          </tr>
        </thead>
        <tbody>
          ${foldUnchanged(lines).map((line) =>
            line.kind === 'folded'
              ? html`<tr class="folded"><td colspan="3">${t.unchangedLines(String(line.count))}</td></tr>`
              : html`<tr class=${line.kind} data-kind=${line.kind}>
                  <td class="line-no">${line.kind === 'added' ? nothing : line.oldLine}</td>
                  <td class="line-no">${line.kind === 'removed' ? nothing : line.newLine}</td>
                  <td class="code">${line.kind === 'added'
                    ? html`<span class="visually-hidden">${t.diffAdded} </span><ins>${line.text}</ins>`
                    : line.kind === 'removed'
                      ? html`<span class="visually-hidden">${t.diffRemoved} </span><del>${line.text}</del>`
                      : line.text}</td>
                </tr>`,
          )}
        </tbody>
      </table>`,
    )}`;
}
