// The portal's HTML: its own header, navigation and look, with FCO Admin Kit embedded in one place. Everything a
// visitor or an admin typed is escaped; no inline script or style anywhere (the CSP forbids them).
import { portalLocale, portalText } from '../public/portal-text.js';

/** @param {unknown} value */
export function escapeHtml(value) {
  return String(value).replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] ?? c);
}

/**
 * The portal's look as the visitor last chose it (cookies the page's script sets; not secrets).
 * @param {string | undefined} cookieHeader @returns {{ locale: 'en' | 'de', scheme: 'light' | 'dark' }}
 */
export function preferencesFrom(cookieHeader) {
  const cookies = new Map((cookieHeader ?? '').split(';').map((part) => /** @type {[string, string]} */ (part.trim().split('=', 2))));
  return { locale: portalLocale(cookies.get('portal_lang')), scheme: cookies.get('portal_theme') === 'dark' ? 'dark' : 'light' };
}

/**
 * @typedef {{ locale: 'en' | 'de', scheme: 'light' | 'dark' }} Look
 * @typedef {import('./sessions.mjs').PortalSession} PortalSession
 */

/** A text in the page's language, unescaped. @param {Look} look @param {string} key */
const words = (look, key) => portalText[look.locale][key] ?? key;
/** @param {Look} look @param {string} key */
const say = (look, key) => escapeHtml(words(look, key));
/** A translatable text: rendered in the current language, switched live by portal.js through `data-text`. */
const text = (/** @type {Look} */ look, /** @type {string} */ key) => `<span data-text="${key}">${say(look, key)}</span>`;

/** @param {Look} look @param {string} title @param {string} body @param {{ scripts?: boolean }} [options] */
function document(look, title, body, { scripts = false } = {}) {
  return `<!doctype html>
<html lang="${look.locale}" data-theme="${look.scheme}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(title)} · Harbour Cloud</title>
<link rel="icon" href="/assets/logo.svg" type="image/svg+xml">
<link rel="stylesheet" href="/assets/portal.css">
${scripts ? '<script type="module" src="/assets/fco-admin-widgets.bundle.js"></script>\n' : ''}<script type="module" src="/assets/portal.js"></script>
</head>
<body>
${body}
<footer class="footer">${text(look, 'footer')}</footer>
</body>
</html>
`;
}

/** The header's colour-scheme and language controls (portal.js wires them; they work on every page). */
function lookControls(/** @type {Look} */ look) {
  const next = look.scheme === 'dark' ? 'theme.toLight' : 'theme.toDark';
  return `<button type="button" class="tool" id="theme-toggle" aria-pressed="${look.scheme === 'dark'}" title="${say(look, 'theme.label')}">
      <img src="/assets/theme.svg" alt="" width="16" height="16"><span data-text="${next}">${say(look, next)}</span></button>
    <label class="tool"><span class="visually-hidden" data-text="language">${say(look, 'language')}</span>
      <select id="language">
        <option value="en"${look.locale === 'en' ? ' selected' : ''}>English</option>
        <option value="de"${look.locale === 'de' ? ' selected' : ''}>Deutsch</option>
      </select></label>`;
}

/** @param {Look} look @param {PortalSession} session @param {'admin' | 'account'} current */
function header(look, session, current) {
  const link = (/** @type {string} */ href, /** @type {string} */ key, /** @type {boolean} */ active) =>
    `<a href="${href}"${active ? ' aria-current="page"' : ''}>${text(look, key)}</a>`;
  return `<header class="topbar">
  <a class="brand" href="/"><img src="/assets/logo.svg" alt="" width="30" height="30"><span class="brand-name">Harbour Cloud</span>
    <span class="brand-product">${text(look, 'product')}</span></a>
  <nav class="nav" aria-label="Harbour Cloud">
    ${link('/', 'nav.admin', current === 'admin')}
    ${link('/account', 'nav.account', current === 'account')}
  </nav>
  <div class="tools">
    ${lookControls(look)}
    <span class="who" title="${escapeHtml(session.email)}">${escapeHtml(session.name)} · ${escapeHtml(session.billingEntityName)}</span>
    <form method="post" action="/logout"><button type="submit" class="tool">${text(look, 'signOut')}</button></form>
  </div>
</header>`;
}

/**
 * The Administration page: the embedded Admin page inside its provider. `base-url` is the FCO Admin API; the token
 * comes from portal.js's fetchSessionToken (this portal's backend), never from the page's markup.
 * @param {Look} look @param {PortalSession} session @param {string} apiUrl
 */
export function adminPage(look, session, apiUrl) {
  return document(look, words(look, 'admin.title'), `${header(look, session, 'admin')}
<main class="main">
  <div class="banner" id="session-ended" role="alert" hidden>
    ${text(look, 'expired.text')} <a href="/login">${text(look, 'expired.action')}</a>
  </div>
  <div class="page-head">
    <h1>${text(look, 'admin.title')}</h1>
    <p class="lead">${text(look, 'admin.lead')}</p>
  </div>
  <fco-admin-provider id="fco-admin" base-url="${escapeHtml(apiUrl)}" locale="${look.locale}" color-scheme="${look.scheme}">
    <fco-admin-page hash-navigation></fco-admin-page>
  </fco-admin-provider>
</main>`, { scripts: true });
}

/** What the portal knows about the signed-in admin, from its own session. @param {Look} look @param {PortalSession} session */
export function accountPage(look, session) {
  const scopes = session.scopes.map((scope) => `<li><code>${escapeHtml(scope)}</code></li>`).join('');
  return document(look, words(look, 'account.title'), `${header(look, session, 'account')}
<main class="main">
  <div class="page-head"><h1>${text(look, 'account.title')}</h1></div>
  <dl class="facts">
    <dt>${text(look, 'account.email')}</dt><dd>${escapeHtml(session.email)}</dd>
    <dt>${text(look, 'account.company')}</dt><dd>${escapeHtml(session.billingEntityName)}</dd>
    <dt>${text(look, 'account.role')}</dt><dd>${escapeHtml(session.role)}</dd>
  </dl>
  <h2>${text(look, 'account.scopes')}</h2>
  <ul class="scopes">${scopes}</ul>
</main>`);
}

/**
 * The portal's own sign-in form.
 * @param {Look} look @param {{ email?: string, error?: 'failed' | 'notAllowed' | 'unavailable' }} [state]
 */
export function loginPage(look, { email = '', error } = {}) {
  return document(look, words(look, 'login.title'), `<header class="topbar">
  <a class="brand" href="/"><img src="/assets/logo.svg" alt="" width="30" height="30"><span class="brand-name">Harbour Cloud</span>
    <span class="brand-product">${text(look, 'product')}</span></a>
  <div class="tools">${lookControls(look)}</div>
</header>
<main class="main login">
  <form class="card" method="post" action="/login">
    <h1>${text(look, 'login.title')}</h1>
    ${error ? `<p class="error" role="alert">${text(look, `login.${error}`)}</p>` : ''}
    <label>${text(look, 'login.email')}<input name="email" type="email" autocomplete="username" required value="${escapeHtml(email)}"></label>
    <label>${text(look, 'login.password')}<input name="password" type="password" autocomplete="current-password" required></label>
    <button type="submit" class="primary">${text(look, 'login.submit')}</button>
    <p class="hint">${text(look, 'login.demo')}</p>
  </form>
</main>`);
}
