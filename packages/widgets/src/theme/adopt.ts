import type { CSSResult } from 'lit';

/**
 * Adds styles to the shadow root (or document) a lazily loaded part renders into, once: parts loaded with their
 * chunk (the code editor, the reports' view) bring their styles along instead of weighing on every page. Constructable
 * stylesheets, as Lit's own, so a CSP without 'unsafe-inline' allows them.
 */
export function adoptStyles(root: Node, styles: CSSResult): void {
  const sheet = styles.styleSheet;
  if (!sheet || !(root instanceof ShadowRoot || root instanceof Document)) return;
  if (!root.adoptedStyleSheets.includes(sheet)) root.adoptedStyleSheets = [...root.adoptedStyleSheets, sheet];
}
