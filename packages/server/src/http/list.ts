/** Turns a list operation's query (filter, orderBy, pageSize, pageToken, offset) into a repository ListRequest. */
import type { OperationSpec } from '../spec/document.js';
import { checkFilter } from '../store/filter/check.js';
import { parseFilter } from '../store/filter/parser.js';
import { parseOrderBy } from '../store/order-by.js';
import { PageTokens } from '../store/page-token.js';
import { Memo } from '../store/memo.js';
import type { ListRequest } from '../store/repository.js';
import { ApiProblem } from './problem.js';

export const DEFAULT_PAGE_SIZE = 50;

export async function listRequest(op: OperationSpec, query: Record<string, unknown>): Promise<ListRequest> {
  if (!op.list) throw new Error(`${op.operationId} is not a list operation`);
  const filterText = typeof query.filter === 'string' ? query.filter : '';
  const orderText = typeof query.orderBy === 'string' ? query.orderBy : '';
  if (query.pageToken !== undefined && query.offset !== undefined) {
    throw new ApiProblem('invalid_parameter', {
      detail: 'Give either pageToken or offset, not both.',
      errors: [{ location: 'query', pointer: 'offset', code: 'conflict', message: 'not together with pageToken' }],
    });
  }
  const key = JSON.stringify([op.operationId, filterText, orderText]);
  // Parsing, checking and binding depend on the text alone: a list's pages and its callers' repeats reuse them.
  const prepared = PREPARED.get(key) ?? PREPARED.set(key, {
    filter: checkFilter(parseFilter(filterText), op.list),
    order: parseOrderBy(orderText, op.list.sortable),
    binding: await PageTokens.binding(op.operationId, filterText, orderText),
  });
  return {
    ...prepared,
    pageSize: typeof query.pageSize === 'number' ? query.pageSize : DEFAULT_PAGE_SIZE,
    ...(typeof query.pageToken === 'string' ? { pageToken: query.pageToken } : {}),
    ...(typeof query.offset === 'number' ? { offset: query.offset } : {}),
  };
}

const PREPARED = new Memo<Pick<ListRequest, 'filter' | 'order' | 'binding'>>(500);
