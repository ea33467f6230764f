// Walks a list operation page by page (keyset tokens), for any method whose answer has `items` + `nextPageToken`.

/** The part of a list answer paging needs; the spec's lists are `allOf: [PageMeta, { items }]`. */
export interface ListPage<Item> {
  items: Item[];
  nextPageToken?: string | null;
}

type ListMethod<Options, Page> = (options: Options) => Promise<Page>;
/** The list's own options, without the paging token it manages itself. */
type PaginateOptions<Options> = Omit<NonNullable<Options>, 'pageToken'>;
type ItemOf<Page> = Page extends ListPage<infer Item> ? Item : never;
/** The options argument, required when the list needs something (a path parameter such as an image id). */
type OptionsArgument<Options> = {} extends PaginateOptions<Options>
  ? [options?: PaginateOptions<Options>]
  : [options: PaginateOptions<Options>];

async function* pages<Options, Page extends ListPage<unknown>>(
  list: ListMethod<Options, Page>,
  ...[options]: OptionsArgument<Options>
): AsyncGenerator<Page, void, undefined> {
  const { signal } = (options ?? {}) as { signal?: AbortSignal };
  // `offset` seeks to the first page only; the token continues from there (the spec allows one or the other).
  let next: Record<string, unknown> = { ...options };
  for (;;) {
    signal?.throwIfAborted();
    const page = await list(next as Options);
    signal?.throwIfAborted();
    yield page;
    if (!page.nextPageToken) return;
    const { offset: _seekOnce, ...rest } = next;
    next = { ...rest, pageToken: page.nextPageToken };
  }
}

async function* items<Options, Page extends ListPage<unknown>>(
  list: ListMethod<Options, Page>,
  ...[options]: OptionsArgument<Options>
): AsyncGenerator<ItemOf<Page>, void, undefined> {
  const { signal } = (options ?? {}) as { signal?: AbortSignal };
  for await (const page of pages(list, ...([options] as OptionsArgument<Options>))) {
    for (const item of page.items as ItemOf<Page>[]) {
      signal?.throwIfAborted();
      yield item;
    }
  }
}

/**
 * Every item of a list, fetching pages as the loop asks for them:
 * `for await (const customer of paginate(client.customers.list, { filter, pageSize: 200, signal })) …`.
 * Aborting `signal` stops it promptly (the page in flight is cancelled) with the signal's reason.
 */
export const paginate = Object.assign(items, {
  /** Every page of a list (`items`, `totalSize`, `offset`…), for progress or batch processing. */
  pages,
});
