import { html, type TemplateResult } from 'lit';

/**
 * A box that scrolls content too wide or too tall for it (a nested table, a diff, a report's table). It is a named
 * region in the tab order: with nothing focusable inside, a keyboard could not otherwise scroll it (WCAG 2.1.1), and a
 * screen reader announces what it holds.
 */
export function scrollRegion(className: string, label: string, content: TemplateResult): TemplateResult {
  return html`<div class=${className} tabindex="0" role="region" aria-label=${label}>${content}</div>`;
}
