import { LitElement, css, html, type PropertyValues } from 'lit';
import { property, state } from 'lit/decorators.js';
import { ContextProvider } from '@lit/context';
import { createClient, UnauthorizedError, type Client, type OperationId, type TokenGrant } from '@fco-admin/sdk';
import { adminContext, type AdminContext, type SessionStatus } from '../context/admin-context.js';
import { Localizer, resolveLocale } from '../i18n/localizer.js';
import { loadCatalogue, loadedCatalogue, type Locale } from '../i18n/messages.js';
import { applyAppearance, type Appearance } from '../theme/appearance.js';
import { FcoActionDoneEvent, FcoSessionExpiredEvent, FcoLoadErrorEvent } from '../events.js';
import { classifyError, SessionTokenError } from '../api/errors.js';
import type { Principal, Scope, SessionToken } from '../api/types.js';
import { ChangeFeed, type ChangeListener } from '../live/change-feed.js';
import { FirstReads } from '../live/first-reads.js';
import type { OpenChangeStream } from '../live/types.js';

/**
 * The host's way to get a session token: typically its backend minting an embed session (`POST /v1/embed-sessions`).
 * Handing over the whole answer (a `SessionToken`, which names its principal) lets widgets start their first page at
 * once, with no `GET /v1/me` before or beside it.
 */
export type FetchSessionToken = () => Promise<TokenGrant | SessionToken>;

/**
 * How long before a token's expiry the provider renews it, so an idle page does not find its session lapsed. Inside
 * the SDK's own renewal window (30 s), so the call the timer makes is the one that fetches the new token.
 */
const RENEW_BEFORE_EXPIRY_MS = 25_000;
/** The shortest wait between proactive renewals, whatever expiry the callback claims. */
const MIN_RENEW_DELAY_MS = 2_000;

function expiryOf(grant: TokenGrant): number | undefined {
  if (typeof grant === 'string' || grant.expiresAt === undefined) return undefined;
  const time = new Date(grant.expiresAt).getTime();
  return Number.isNaN(time) ? undefined : time;
}

/** Where the change stream stood when a session token was made (absent from a bare token or an older server's). */
function changeCursorOf(grant: TokenGrant | SessionToken): string | undefined {
  return typeof grant === 'object' && 'changeCursor' in grant ? grant.changeCursor : undefined;
}

/** The client's change stream (absent from a client made by an older SDK). */
function streamOf(client: Client): OpenChangeStream | undefined {
  return (client as Partial<Client>).changes?.stream;
}

/**
 * The context root of FCO Admin Kit widgets: the API client, the session, the principal and its scopes, the locale
 * and the appearance, for every widget inside it. Several providers on one page are independent of each other.
 *
 * @element fco-admin-provider
 * @attr base-url - Where the API lives (e.g. `https://admin.example.com`); used with `fetchSessionToken`.
 * @attr locale - `en` or `de` (other BCP 47 tags fall back by language); switching re-renders every widget.
 * @attr color-scheme - `light` (default) or `dark`; `appearance.colorScheme` wins when set.
 * @prop {FetchSessionToken} fetchSessionToken - Returns a session token `{token, expiresAt}` (or the whole `SessionToken` answer, whose principal lets widgets load at once); asked again before expiry and once after a 401.
 * @prop {Client} client - A ready SDK client instead of `base-url` + `fetchSessionToken`.
 * @prop {Appearance} appearance - Colours, font and sizes, mapped onto the `--fco-*` custom properties.
 * @prop {Principal | undefined} principal - The signed-in principal (read only).
 * @prop {SessionStatus} status - `starting`, `active`, `expired` or `failed` (read only).
 * @fires {FcoSessionExpiredEvent} fco-session-expired - The session could not be renewed; widgets show the session-expired state.
 * @fires {FcoLoadErrorEvent} fco-load-error - The principal (`GET /v1/me`) could not be loaded.
 * @slot - The widgets (usually an `<fco-admin-page>`).
 * @cssprop --fco-accent - Accent colour (buttons, selection, badges).
 * @cssprop --fco-on-accent - Text on the accent colour.
 * @cssprop --fco-bg - Background.
 * @cssprop --fco-surface - Raised surfaces (headers, skeletons).
 * @cssprop --fco-text - Text colour.
 * @cssprop --fco-muted - Secondary text.
 * @cssprop --fco-border - Borders and rules.
 * @cssprop --fco-danger - Errors and destructive actions.
 * @cssprop --fco-success - Success messages.
 * @cssprop --fco-warning - Warnings.
 * @cssprop --fco-focus - Focus ring.
 * @cssprop --fco-font-family - Font family.
 * @cssprop --fco-font-size - Base font size.
 * @cssprop --fco-radius - Corner radius.
 * @cssprop --fco-space - Base spacing unit.
 */
export class FcoAdminProvider extends LitElement {
  /** Who is signed in, and the change stream its widgets share (x-fco-widgets is tested against it). */
  static readonly calls: readonly OperationId[] = ['getMe', 'streamChanges'];

  static override styles = css`
    :host {
      display: block;
      color: var(--fco-text);
      background: var(--fco-bg);
      font-family: var(--fco-font-family);
      font-size: var(--fco-font-size);
    }
  `;

  @property({ attribute: 'base-url' }) baseUrl = '';
  @property({ attribute: false }) fetchSessionToken: FetchSessionToken | undefined;
  @property({ attribute: false }) client: Client | undefined;
  @property({ reflect: true }) locale: string = 'en';
  @property({ attribute: 'color-scheme' }) colorScheme: 'light' | 'dark' = 'light';
  @property({ attribute: false }) appearance: Appearance = {};

  @state() private sessionStatus: SessionStatus = 'starting';
  @state() private currentPrincipal: Principal | undefined;
  @state() private revision = 0;

  private activeClient: Client | undefined;
  /** Bumped whenever the session starts over, so answers to an older session are ignored. */
  private generation = 0;
  private renewTimer: ReturnType<typeof setTimeout> | undefined;
  /** Ends the principal's load under way: a provider removed or restarted asks nothing more for its old session. */
  private principalLoad: AbortController | undefined;
  private expiredReported = false;
  @state() private localizer = new Localizer('en');
  /** The catalogue being loaded for the locale asked for last; the current language stays until it arrives. */
  private localeLoading: Promise<void> | undefined;
  private readonly provider = new ContextProvider(this, { context: adminContext });
  /** The one change stream of all widgets below (open only while one of them listens). */
  private readonly changes = new ChangeFeed((failure) => {
    if (failure.kind === 'unauthenticated') this.expire(failure.message);
  });
  private readonly subscribeChanges = (kind: string, listener: ChangeListener) => this.changes.subscribe(kind, listener);

  constructor() {
    super();
    this.addEventListener(FcoActionDoneEvent.eventName, () => this.revision++);
  }

  get principal(): Principal | undefined {
    return this.currentPrincipal;
  }

  get status(): SessionStatus {
    return this.sessionStatus;
  }

  /** Starts the session again (e.g. after the host signed the user in anew). */
  restart(): void {
    this.startSession();
  }

  override connectedCallback(): void {
    super.connectedCallback();
    if (this.hasUpdated) this.startSession();
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.generation++;
    clearTimeout(this.renewTimer);
    this.principalLoad?.abort();
    this.changes.setSource(undefined);
  }

  /** Whether the change stream is open or about to reopen (some widget below listens for changes). */
  get streamingChanges(): boolean {
    return this.changes.active;
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (changed.has('locale')) this.switchLocale(resolveLocale(this.locale));
    if (changed.has('baseUrl') || changed.has('fetchSessionToken') || changed.has('client')) this.startSession();
    if (changed.has('appearance') || changed.has('colorScheme')) {
      applyAppearance(this, { colorScheme: this.colorScheme, ...this.appearance });
    }
    this.publish();
  }

  protected override render() {
    return html`<slot></slot>`;
  }

  private startSession(): void {
    const generation = ++this.generation;
    clearTimeout(this.renewTimer);
    this.principalLoad?.abort();
    this.expiredReported = false;
    this.currentPrincipal = undefined;
    const built = this.client ? undefined : this.buildClient(generation);
    this.activeClient = this.client ?? built?.client;
    this.changes.setSource(this.activeClient && streamOf(this.activeClient), built?.streamStart);
    this.sessionStatus = 'starting';
    if (!this.activeClient) return;
    if (!built) {
      void this.loadPrincipal(generation);
      return;
    }
    // A grant that names its principal (a `SessionToken`) needs no `GET /v1/me`: the widgets' first pages are the
    // session's first requests. A bare token's principal is asked for.
    built.firstGrant.then(
      () => {
        if (generation === this.generation && !this.currentPrincipal) void this.loadPrincipal(generation);
      },
      () => {}, // said by askGrant (the session expired)
    );
  }

  /**
   * A client of `base-url` with the host's tokens; the first grant is asked for at once and goes to its first call.
   * `streamStart`: a grant that carries its change cursor lets the change stream wait for the widgets' first reads
   * and start from the cursor; without one the stream opens at once, before them.
   */
  private buildClient(
    generation: number,
  ): { client: Client; firstGrant: Promise<TokenGrant | SessionToken>; streamStart: Promise<string | undefined> } | undefined {
    const fetchSessionToken = this.fetchSessionToken;
    if (!this.baseUrl || !fetchSessionToken) return undefined;
    const firstGrant = this.askGrant(fetchSessionToken, generation);
    let first: typeof firstGrant | undefined = firstGrant;
    const reads = new FirstReads();
    const client = createClient({
      baseUrl: this.baseUrl,
      auth: () => {
        const grant = first ?? this.askGrant(fetchSessionToken, generation);
        first = undefined;
        return grant;
      },
      fetch: reads.fetch,
    });
    // A grant that failed starts nothing: the stream asks again, and is refused as every other call.
    const streamStart = firstGrant.then(
      async (grant) => {
        const cursor = changeCursorOf(grant);
        if (cursor !== undefined) await reads.settled;
        return cursor;
      },
      () => undefined,
    );
    return { client, firstGrant, streamStart };
  }

  /** A grant from the host's callback; its expiry schedules the renewal, and a principal it names is adopted. */
  private async askGrant(fetchSessionToken: FetchSessionToken, generation: number): Promise<TokenGrant | SessionToken> {
    let grant: TokenGrant | SessionToken;
    try {
      grant = await fetchSessionToken();
    } catch (error) {
      const reason = error instanceof Error ? error.message : String(error);
      if (generation === this.generation) this.expire(reason);
      throw new SessionTokenError(`The session token could not be fetched: ${reason}`);
    }
    if (generation === this.generation) {
      this.scheduleRenewal(generation, expiryOf(grant));
      this.adoptGrantPrincipal(grant);
    }
    return grant;
  }

  /**
   * Renews shortly before expiry by asking for the principal again: the SDK sees the token is about to lapse and
   * calls `fetchSessionToken`, and the principal's scopes stay current too.
   */
  private scheduleRenewal(generation: number, expiresAt: number | undefined): void {
    clearTimeout(this.renewTimer);
    if (expiresAt === undefined) return;
    const delay = Math.max(expiresAt - Date.now() - RENEW_BEFORE_EXPIRY_MS, MIN_RENEW_DELAY_MS);
    this.renewTimer = setTimeout(() => void this.loadPrincipal(generation), delay);
  }

  /**
   * A session token names its principal, as the server saw it when it made the token: the widgets start with it, and
   * a later `GET /v1/me` (a renewal's) replaces it.
   */
  private adoptGrantPrincipal(grant: TokenGrant | SessionToken): void {
    if (this.currentPrincipal || typeof grant === 'string' || !('principal' in grant) || !grant.principal) return;
    this.currentPrincipal = grant.principal;
    if (this.sessionStatus === 'starting') this.sessionStatus = 'active';
  }

  private async loadPrincipal(generation: number): Promise<void> {
    const client = this.activeClient;
    if (!client) return;
    this.principalLoad?.abort();
    const load = new AbortController();
    this.principalLoad = load;
    try {
      const principal = await client.identity.getMe({ signal: load.signal });
      if (generation !== this.generation) return;
      // The same principal the token's grant named keeps its object: widgets re-render for a change, not an echo.
      if (JSON.stringify(principal) !== JSON.stringify(this.currentPrincipal)) this.currentPrincipal = principal;
      if (this.sessionStatus !== 'expired') this.sessionStatus = 'active';
    } catch (error) {
      if (generation !== this.generation || load.signal.aborted) return;
      const failure = classifyError(error);
      if (error instanceof UnauthorizedError || failure.kind === 'unauthenticated') {
        this.expire(failure.message);
      } else if (this.sessionStatus !== 'expired') {
        this.sessionStatus = 'failed';
        this.dispatchEvent(new FcoLoadErrorEvent(failure.kind, failure.message, failure.code, failure.requestId));
      }
    }
  }

  private expire(reason: string): void {
    clearTimeout(this.renewTimer);
    this.sessionStatus = 'expired';
    if (this.expiredReported) return;
    this.expiredReported = true;
    this.dispatchEvent(new FcoSessionExpiredEvent(reason));
  }

  /**
   * Resolves once the provider hands its widgets what its properties ask for, the language included (a locale other
   * than English loads its catalogue first; until it arrives the widgets keep the language they speak).
   */
  protected override async getUpdateComplete(): Promise<boolean> {
    const done = await super.getUpdateComplete();
    if (!this.localeLoading) return done;
    await this.localeLoading;
    return super.getUpdateComplete();
  }

  private switchLocale(locale: Locale): void {
    const messages = loadedCatalogue(locale);
    if (messages) {
      this.localeLoading = undefined;
      if (this.localizer.locale !== locale) this.localizer = new Localizer(locale, messages);
      return;
    }
    const request: Promise<void> = loadCatalogue(locale).then(
      (loaded) => {
        if (this.localeLoading !== request) return; // another locale was asked for meanwhile
        this.localeLoading = undefined;
        this.localizer = new Localizer(locale, loaded);
      },
      (error: unknown) => {
        if (this.localeLoading !== request) return;
        this.localeLoading = undefined;
        // The widgets go on in the language they speak; the host's console says why the page is not in its own.
        console.warn(`fco-admin-provider: the ${locale} messages could not be loaded, staying in ${this.localizer.locale}:`, error);
      },
    );
    this.localeLoading = request;
  }

  private publish(): void {
    const principal = this.currentPrincipal;
    const scopes = new Set<Scope>(principal?.scopes ?? []);
    const value: AdminContext = {
      client: this.activeClient,
      status: this.sessionStatus,
      principal,
      localizer: this.localizer,
      appearance: this.appearance,
      revision: this.revision,
      has: (scope) => scopes.has(scope),
      reportUnauthenticated: (reason) => this.expire(reason),
      retry: () => this.startSession(),
      subscribeChanges: this.subscribeChanges,
    };
    this.provider.setValue(value);
  }
}
