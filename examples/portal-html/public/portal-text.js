// The portal's own words in English and German. One module for both sides: the backend renders the page in the
// visitor's language, the page's script switches it live (together with the embedded widgets' locale).

/** @type {Record<'en' | 'de', Record<string, string>>} */
export const portalText = {
  en: {
    product: 'Operations Console',
    'nav.admin': 'Administration',
    'nav.account': 'My account',
    'theme.toDark': 'Dark',
    'theme.toLight': 'Light',
    'theme.label': 'Colour scheme',
    language: 'Language',
    signOut: 'Sign out',
    'admin.title': 'Administration',
    'admin.lead': 'Customers, users and approvals of your cloud, in your own console.',
    'account.title': 'My account',
    'account.email': 'Email',
    'account.company': 'Company',
    'account.role': 'Role',
    'account.scopes': 'What you may do in Administration',
    'login.title': 'Sign in to the Operations Console',
    'login.email': 'Email',
    'login.password': 'Password',
    'login.submit': 'Sign in',
    'login.failed': 'The email or password is not right.',
    'login.notAllowed': 'This account may not use the Administration page.',
    'login.unavailable': 'Signing in is not possible right now. Try again in a moment.',
    'login.demo': 'Demo accounts: admin@licensee.demo (licensee), admin@alpha.demo, admin@kids.alpha.demo (Alpha’s child), admin@beta.demo — password demo-password.',
    'expired.text': 'Your Administration session has ended.',
    'expired.action': 'Sign in again',
    footer: 'Harbour Cloud · Administration powered by FCO Admin Kit',
  },
  de: {
    product: 'Betriebskonsole',
    'nav.admin': 'Verwaltung',
    'nav.account': 'Mein Konto',
    'theme.toDark': 'Dunkel',
    'theme.toLight': 'Hell',
    'theme.label': 'Farbschema',
    language: 'Sprache',
    signOut: 'Abmelden',
    'admin.title': 'Verwaltung',
    'admin.lead': 'Kunden, Benutzer und Freigaben Ihrer Cloud, in Ihrer eigenen Konsole.',
    'account.title': 'Mein Konto',
    'account.email': 'E-Mail',
    'account.company': 'Firma',
    'account.role': 'Rolle',
    'account.scopes': 'Was Sie in der Verwaltung tun dürfen',
    'login.title': 'Bei der Betriebskonsole anmelden',
    'login.email': 'E-Mail',
    'login.password': 'Passwort',
    'login.submit': 'Anmelden',
    'login.failed': 'E-Mail oder Passwort stimmen nicht.',
    'login.notAllowed': 'Dieses Konto darf die Verwaltung nicht benutzen.',
    'login.unavailable': 'Die Anmeldung ist gerade nicht möglich. Bitte gleich noch einmal versuchen.',
    'login.demo': 'Demo-Konten: admin@licensee.demo (Lizenznehmer), admin@alpha.demo, admin@kids.alpha.demo (Kind von Alpha), admin@beta.demo — Passwort demo-password.',
    'expired.text': 'Ihre Sitzung in der Verwaltung ist abgelaufen.',
    'expired.action': 'Neu anmelden',
    footer: 'Harbour Cloud · Verwaltung mit FCO Admin Kit',
  },
};

/** @param {string | null | undefined} tag @returns {'en' | 'de'} */
export function portalLocale(tag) {
  return (tag ?? '').toLowerCase().startsWith('de') ? 'de' : 'en';
}
