/**
 * Which rows of a fixed-row-height list to render for a scroll position, and where to put them.
 *
 * Browsers cap an element's height (Chromium near 33.5 million px, Firefox near 17.9 million; @lit-labs/virtualizer
 * clamps its content at 8.2 million, which is why the table does not use it), so a million rows of 32 px cannot each
 * get their own pixel range. Up to `maxHeight` the scroll range is exact (row i at i × h);
 * beyond it the range is scaled: the scroll fraction picks the (fractional) top row, and the rendered block is placed
 * at the scroll position, so every row stays reachable and the DOM stays a screenful whatever the row count.
 */
export interface RowWindow {
  /** First rendered row (including overscan). */
  first: number;
  /** Number of rendered rows. */
  count: number;
  /** Where the block of rendered rows starts, in content pixels. */
  blockTop: number;
  /** Height of the scrollable content. */
  contentHeight: number;
}

export interface ViewportMetrics {
  total: number;
  rowHeight: number;
  scrollTop: number;
  viewportHeight: number;
  maxHeight: number;
  overscan: number;
}

function scaled(m: ViewportMetrics): boolean {
  return m.total * m.rowHeight > m.maxHeight;
}

/** The fractional index of the row at the top of the viewport. */
function topRow(m: ViewportMetrics): number {
  if (!scaled(m)) return m.scrollTop / m.rowHeight;
  const maxScroll = m.maxHeight - m.viewportHeight;
  const visible = m.viewportHeight / m.rowHeight;
  return maxScroll <= 0 ? 0 : (Math.min(m.scrollTop, maxScroll) / maxScroll) * (m.total - visible);
}

export function computeWindow(m: ViewportMetrics): RowWindow {
  if (m.total <= 0) return { first: 0, count: 0, blockTop: 0, contentHeight: 0 };
  const contentHeight = Math.min(m.total * m.rowHeight, m.maxHeight);
  const top = topRow(m);
  const topIndex = Math.floor(top);
  const first = Math.max(0, topIndex - m.overscan);
  const last = Math.min(m.total - 1, Math.ceil(top + m.viewportHeight / m.rowHeight) + m.overscan);
  const blockTop = scaled(m)
    ? Math.max(0, m.scrollTop - (top - topIndex) * m.rowHeight - (topIndex - first) * m.rowHeight)
    : first * m.rowHeight;
  return { first, count: last - first + 1, blockTop, contentHeight };
}

/**
 * The scrollTop that brings `index` fully into view with the least movement, or undefined when it already is.
 */
export function scrollTopFor(index: number, m: ViewportMetrics): number | undefined {
  const top = topRow(m);
  const visible = m.viewportHeight / m.rowHeight;
  let wantedTop: number;
  if (index < top) wantedTop = index;
  else if (index + 1 > top + visible) wantedTop = index + 1 - visible;
  else return undefined;
  wantedTop = Math.max(0, wantedTop);
  if (!scaled(m)) return wantedTop * m.rowHeight;
  const maxScroll = m.maxHeight - m.viewportHeight;
  const range = m.total - visible;
  return range <= 0 ? 0 : Math.min(maxScroll, Math.max(0, (wantedTop / range) * maxScroll));
}
