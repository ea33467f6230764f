/**
 * The template of one body row for a column layout, as one Lit template rather than a template per cell.
 *
 * A row's cells differ only in what is fixed by their position (alignment, `aria-colindex`, `data-col`), so all of it
 * can be markup; what changes per row is bound: the row's attributes and click handler, then each cell's tab stop
 * and content. A first page of some twenty rows then makes twenty template instances instead of about two hundred
 * (each an `importNode`, a tree walk and its parts), which is most of the time between the page's arrival and its
 * rows on screen.
 *
 * Values, in order: `aria-rowindex`, `aria-selected`, `aria-busy`, `data-row`, `data-key`, the click listener; then
 * per cell (the selection cell first, when the table has one) its `tabindex` and its content.
 */

/**
 * The strings of the row template for a layout, made once per layout: Lit prepares a template once per strings array
 * (its cache is keyed by the array), so the same layout must give the same array. They are built here, not written
 * as a literal, because the number of cells varies; the text is the table's own markup, never data (data is bound),
 * and carries `raw` as a template literal's strings do, as `lit/static-html` makes its own.
 */
export function rowStrings(selectable: boolean, endAligned: readonly boolean[]): TemplateStringsArray {
  const key = `${selectable ? 'selectable' : 'plain'}:${endAligned.map((end) => (end ? 'e' : 's')).join('')}`;
  let strings = cache.get(key);
  if (!strings) cache.set(key, (strings = build(selectable, endAligned)));
  return strings;
}

const cache = new Map<string, TemplateStringsArray>();

function build(selectable: boolean, endAligned: readonly boolean[]): TemplateStringsArray {
  const cellStarts = endAligned.map(
    (end, i) =>
      `<div role="gridcell" class="${end ? 'cell end' : 'cell'}" part="cell" aria-colindex="${i + 1 + (selectable ? 1 : 0)}" data-col="${i + (selectable ? 1 : 0)}" tabindex=`,
  );
  if (selectable) cellStarts.unshift('<div role="gridcell" class="cell check" aria-colindex="1" data-col="0" tabindex=');
  const strings = ['<div role="row" class="row" part="row" aria-rowindex=', ' aria-selected=', ' aria-busy=', ' data-row=', ' data-key=', ' @click='];
  // Each string ends where a value goes: after the click listener the first cell opens, after a cell's content the
  // next one does (the last closes the row).
  let open = '>';
  for (const start of cellStarts) {
    strings.push(`${open}${start}`, '>');
    open = '</div>';
  }
  strings.push(`${open}</div>`);
  return Object.freeze(Object.assign(strings, { raw: [...strings] })) as unknown as TemplateStringsArray;
}
