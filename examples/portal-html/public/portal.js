// The portal page's script: hands the embedded Admin page its session tokens, and wires the portal's own colour
// scheme and language switches to the portal and to <fco-admin-provider> alike. No inline code: the CSP forbids it.
import { portalLocale, portalText } from './portal-text.js';

/** The portal's brand on the widgets: its accent and surfaces, per colour scheme (the rest comes from the widgets' palette). */
const brand = {
  light: { accentColor: '#0f766e', onAccentColor: '#ffffff', focusColor: '#0f766e', backgroundColor: '#ffffff', surfaceColor: '#f0f5f4', borderColor: '#c3d0ce', radius: '10px' },
  dark: { accentColor: '#5eead4', onAccentColor: '#042f2e', focusColor: '#5eead4', backgroundColor: '#12201f', surfaceColor: '#1b2d2b', borderColor: '#3b5350', radius: '10px' },
};

const provider = document.querySelector('fco-admin-provider');
const root = document.documentElement;

if (provider) {
  // The only way the widgets get a token: this portal's backend mints an embed session for the signed-in admin.
  // The cookie goes along (same origin); the token stays in the widgets' memory.
  provider.fetchSessionToken = async () => {
    const response = await fetch('/portal/session-token', { method: 'POST', credentials: 'same-origin', headers: { accept: 'application/json' } });
    const body = await response.json().catch(() => ({}));
    if (!response.ok) throw new Error(body.message ?? `The portal answered ${response.status}`);
    return body; // the embed session's answer, whole (see mintEmbedSession)
  };
  provider.addEventListener('fco-session-expired', () => {
    document.getElementById('session-ended')?.removeAttribute('hidden');
  });
  applyScheme(root.dataset.theme === 'dark' ? 'dark' : 'light');
}

/** Remembers a choice for the next page the backend renders (not a secret, so not httpOnly). */
function remember(/** @type {string} */ name, /** @type {string} */ value) {
  document.cookie = `${name}=${value}; Path=/; Max-Age=31536000; SameSite=Strict`;
}

/** @param {'light' | 'dark'} scheme */
function applyScheme(scheme) {
  root.dataset.theme = scheme;
  if (provider) {
    provider.colorScheme = scheme;
    provider.appearance = { ...brand[scheme], colorScheme: scheme };
  }
  const toggle = document.getElementById('theme-toggle');
  if (toggle) {
    toggle.setAttribute('aria-pressed', String(scheme === 'dark'));
    const label = toggle.querySelector('[data-text]');
    label?.setAttribute('data-text', scheme === 'dark' ? 'theme.toLight' : 'theme.toDark');
    translate(portalLocale(root.lang));
  }
}

/** @param {'en' | 'de'} locale */
function translate(locale) {
  const texts = portalText[locale];
  for (const element of document.querySelectorAll('[data-text]')) {
    const key = element.getAttribute('data-text') ?? '';
    const value = texts[key];
    if (value !== undefined) element.textContent = value;
  }
}

document.getElementById('theme-toggle')?.addEventListener('click', () => {
  const scheme = root.dataset.theme === 'dark' ? 'light' : 'dark';
  remember('portal_theme', scheme);
  applyScheme(scheme);
});

document.getElementById('language')?.addEventListener('change', (event) => {
  const locale = portalLocale(/** @type {HTMLSelectElement} */ (event.target).value);
  remember('portal_lang', locale);
  root.lang = locale;
  if (provider) provider.locale = locale;
  translate(locale);
});
