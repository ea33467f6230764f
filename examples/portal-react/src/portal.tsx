// The Administration page of the portal in React: the portal's header (signed-in admin, language, sign-out) and the
// FCO Admin page embedded through @fco-admin/react. The words are the HTML portal's (one text table for both).
import { useEffect, useState, type ComponentProps } from 'react';
import { FcoAdminPage, FcoAdminProvider } from '@fco-admin/react';
import { portalLocale, portalText } from '../../portal-html/public/portal-text.js';

/** The signed-in admin, as the portal's backend knows them, and where the FCO Admin API is. */
interface Me {
  name: string;
  email: string;
  billingEntityName: string;
  apiUrl: string;
}

/**
 * The only way the widgets get a token: the portal's backend mints an embed session for the signed-in admin, and its
 * answer goes to the widgets whole (it names the admin and where the change stream stood).
 */
const fetchSessionToken: NonNullable<ComponentProps<typeof FcoAdminProvider>['fetchSessionToken']> = async () => {
  const response = await fetch('/portal/session-token', { method: 'POST', credentials: 'same-origin', headers: { accept: 'application/json' } });
  const body = await response.json().catch(() => ({}));
  if (!response.ok) throw new Error(body.message ?? `The portal answered ${response.status}`);
  return body;
};

/** The language the visitor chose last (the cookie the HTML portal's pages read too). */
const initialLocale = () => portalLocale(/(?:^|;\s*)portal_lang=(\w+)/.exec(document.cookie)?.[1]);

export function Portal() {
  const [me, setMe] = useState<Me>();
  const [locale, setLocale] = useState(initialLocale);
  const [ended, setEnded] = useState(false);
  const words = portalText[locale];

  useEffect(() => {
    fetch('/portal/me', { headers: { accept: 'application/json' } }).then(async (response) => {
      if (response.status === 401) window.location.assign('/login');
      else if (response.ok) setMe(await response.json());
    }, () => setEnded(true));
  }, []);
  useEffect(() => {
    document.documentElement.lang = locale;
    document.cookie = `portal_lang=${locale}; Path=/; Max-Age=31536000; SameSite=Strict`;
  }, [locale]);

  return (
    <>
      <header className="topbar">
        <a className="brand" href="/"><img src="/assets/logo.svg" alt="" width="30" height="30" /><span className="brand-name">Harbour Cloud</span>
          <span className="brand-product">{words['product']}</span></a>
        <div className="tools">
          <label className="tool"><span className="visually-hidden">{words['language']}</span>
            <select id="language" value={locale} onChange={(event) => setLocale(portalLocale(event.target.value))}>
              <option value="en">English</option>
              <option value="de">Deutsch</option>
            </select></label>
          {me && <span className="who" title={me.email}>{me.name} · {me.billingEntityName}</span>}
          <form method="post" action="/logout"><button type="submit" className="tool">{words['signOut']}</button></form>
        </div>
      </header>
      <main className="main">
        {ended && <div className="banner" id="session-ended" role="alert">{words['expired.text']} <a href="/login">{words['expired.action']}</a></div>}
        <div className="page-head">
          <h1>{words['admin.title']}</h1>
          <p className="lead">{words['admin.lead']}</p>
        </div>
        {me && (
          <FcoAdminProvider id="fco-admin" baseUrl={me.apiUrl} locale={locale} fetchSessionToken={fetchSessionToken}
            onSessionExpired={() => setEnded(true)}>
            <FcoAdminPage hashNavigation />
          </FcoAdminProvider>
        )}
      </main>
      <footer className="footer">{words['footer']}</footer>
    </>
  );
}
