/** Parser of `orderBy` (`createdAt desc, name`), checked against a list's sortable fields. */
import { ApiProblem } from '../problem.js';

export interface OrderTerm {
  field: string;
  desc: boolean;
}

const MAX_TERMS = 5;

function orderError(message: string, sortable: readonly string[]): ApiProblem {
  return new ApiProblem('invalid_order_by', {
    detail: `${message}; sortable fields: ${sortable.join(', ')}`,
    errors: [{ location: 'query', pointer: 'orderBy', code: 'invalid_order_by', message }],
  });
}

export function parseOrderBy(input: string | undefined, sortable: readonly string[]): OrderTerm[] {
  if (input === undefined || input.trim() === '') return [];
  const terms: OrderTerm[] = [];
  for (const part of input.split(',')) {
    const words = part.trim().split(/\s+/);
    const [field, direction, ...rest] = words;
    if (!field) throw orderError('Empty term', sortable);
    if (rest.length || (direction !== undefined && !/^(asc|desc)$/i.test(direction))) {
      throw orderError(`"${part.trim()}" is not "field" or "field desc"`, sortable);
    }
    if (!sortable.includes(field)) throw orderError(`"${field}" is not sortable`, sortable);
    if (terms.some((t) => t.field === field)) throw orderError(`"${field}" appears twice`, sortable);
    terms.push({ field, desc: direction?.toLowerCase() === 'desc' });
  }
  if (terms.length > MAX_TERMS) throw orderError(`At most ${MAX_TERMS} fields`, sortable);
  return terms;
}
