/**
 * A list request over a small fixed collection held in memory (the report catalogue): the same filter, order and
 * paging as a table's list, page tokens included, so a client that follows `nextPageToken` sees every item.
 * Values are compared as text, which suits the text fields such collections filter and sort on, in the order people
 * read them (order-key.ts), as tables sort theirs.
 */
import { evaluateFilter } from './filter/evaluate.js';
import { orderKey } from './order-key.js';
import type { OrderTerm } from './order-by.js';
import type { PageTokens } from './page-token.js';
import type { ListRequest, Page } from './repository.js';

const text = (item: object, field: string) => String((item as Record<string, unknown>)[field]);

export async function listInMemory<T extends { id: string }>(
  all: readonly T[],
  request: ListRequest,
  pageTokens: PageTokens,
  defaultOrder: readonly OrderTerm[],
): Promise<Page<T>> {
  const order = [...(request.order.length ? request.order : defaultOrder), { field: 'id', desc: false }];
  const items = all.filter((item) => !request.filter || evaluateFilter(request.filter, item as unknown as Record<string, unknown>)).sort((a, b) => {
    for (const term of order) {
      const x = orderKey(text(a, term.field));
      const y = orderKey(text(b, term.field));
      if (x !== y) return (x < y ? -1 : 1) * (term.desc ? -1 : 1);
    }
    return 0;
  });
  const start = request.pageToken !== undefined
    ? (await pageTokens.decode(request.pageToken, request.binding, order.length)).offset
    : request.offset ?? 0;
  const page = items.slice(start, start + request.pageSize);
  const end = start + page.length;
  const last = page.at(-1);
  const nextPageToken = last && end < items.length
    ? await pageTokens.encode({ after: order.map((term) => text(last, term.field)), offset: end }, request.binding)
    : null;
  return { items: page, nextPageToken, totalSize: items.length, totalSizeEstimated: false, offset: start };
}
