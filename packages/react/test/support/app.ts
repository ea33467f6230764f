// The host app of the server-rendering test: a heading, the provider with the tab container inside, and a line that
// shows the reason of the provider's session-expired event (its token callback refuses), proving the typed `on…`
// callback reaches React state. Rendered to a string on the server and hydrated in Chromium.
import { createElement as h, useState } from 'react';
import { FcoAdminPage, FcoAdminProvider } from '@fco-admin/react';

export function App() {
  const [expired, setExpired] = useState('');
  return h('main', null,
    h('h1', null, 'Harbour Cloud'),
    h(FcoAdminProvider, {
      baseUrl: 'http://127.0.0.1:9',
      locale: 'de',
      fetchSessionToken: () => Promise.reject(new Error('signed out of the portal')),
      onSessionExpired: (event) => setExpired(event.reason),
    }, h(FcoAdminPage, { hashNavigation: true })),
    h('p', { id: 'expired' }, expired));
}
