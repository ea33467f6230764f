/**
 * Keyset page tokens: the sort values and id of the last row of a page plus the next page's offset, bound to the
 * list, filter and order they were made for, and HMAC-signed with the server secret. They carry no tenancy: the scope
 * is applied to every query anyway, so a token can never widen it.
 */
import { ApiProblem } from '../problem.js';
import { base64url, fromBase64url, Hmac, sha256 } from './crypto.js';

export interface PageCursor {
  /** Values of the order terms (tie-breaking id last) of the last row of the previous page. */
  after: unknown[];
  /** Position of the first row of the page the token opens. */
  offset: number;
}

const invalid = (why: string) =>
  new ApiProblem('invalid_page_token', {
    detail: why,
    errors: [{ location: 'query', pointer: 'pageToken', code: 'invalid_page_token', message: why }],
  });

export class PageTokens {
  constructor(private readonly hmac: Hmac) {}

  static async create(secret: string): Promise<PageTokens> {
    return new PageTokens(await Hmac.fromSecret(secret, 'page-token'));
  }

  /** What a token is bound to: the list and the caller's filter and order, as given. */
  static async binding(list: string, filter: string, orderBy: string): Promise<string> {
    return base64url((await sha256(JSON.stringify([list, filter, orderBy]))).slice(0, 12));
  }

  async encode(cursor: PageCursor, binding: string): Promise<string> {
    const payload = base64url(new TextEncoder().encode(JSON.stringify({ b: binding, k: cursor.after, o: cursor.offset })));
    return `${payload}.${await this.hmac.sign(payload)}`;
  }

  async decode(token: string, binding: string, arity: number): Promise<PageCursor> {
    const [payload, signature, extra] = token.split('.');
    if (!payload || !signature || extra !== undefined) throw invalid('The page token is malformed.');
    if (!(await this.hmac.verify(payload, signature))) throw invalid('The page token was not issued by this server or was altered.');
    let data: { b?: unknown; k?: unknown; o?: unknown };
    try {
      data = JSON.parse(new TextDecoder().decode(fromBase64url(payload)));
    } catch {
      throw invalid('The page token is malformed.');
    }
    if (data.b !== binding) throw invalid('The page token belongs to another filter or order; start again without it.');
    if (!Array.isArray(data.k) || data.k.length !== arity || typeof data.o !== 'number') throw invalid('The page token is malformed.');
    return { after: data.k, offset: data.o };
  }
}
