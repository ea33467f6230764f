/**
 * The states every registered widget shows — populated, loading, empty, error with retry, forbidden, session expired,
 * and populated in dark German — as stories for one widget of the registry. All run against the real reference
 * server; loading, error and empty go through a fetch wrapper (see faults.ts), and their descriptions say so.
 * stories/widgets/*.stories.ts are generated from the registry (scripts/generate-stories.mjs) and use this.
 */
import type { TemplateResult } from 'lit';
import { unsafeStatic, html as staticHtml } from 'lit/static-html.js';
import type { StoryObj } from '@storybook/web-components-vite';
import { widgetRegistry } from '@fco-admin/widgets';
import { embedSessionOf, revokedSessionOf, sessionOf, type Admin } from './api.js';
import { clientThrough, failingUntilRetry, hanging, listPathOf, mountedWith, noRows } from './faults.js';
import { inProvider, lookOf, type Session } from './render.js';

type Story = StoryObj;

/** The widget as a host writes it, with the attributes the shared tests mount it with (see mounting.ts). */
export function widgetMarkup(tag: string, attributes: Readonly<Record<string, string>> = mountedWith[tag] ?? {}): TemplateResult {
  // Tags and attributes come from the registry and this file, never from data.
  const extra = Object.entries(attributes).map(([name, value]) => ` ${name}="${value.replaceAll('"', '&quot;')}"`).join('');
  return staticHtml`<${unsafeStatic(tag)}${unsafeStatic(extra)}></${unsafeStatic(tag)}>`;
}

function story(tag: string, session: () => Session, description: string): Story {
  const widget = (): TemplateResult => widgetMarkup(tag);
  return {
    render: (_args, context) => inProvider(lookOf(context.globals), session(), widget()),
    parameters: { docs: { description: { story: description } } },
  };
}

export function widgetStories(tag: string) {
  const registered = widgetRegistry.find((w) => w.tag === tag);
  if (!registered) throw new Error(`${tag} is not in the widget registry`);
  const paths = registered.lists.map((list) => listPathOf(list.id));
  const listPath = paths.join(', ');
  const requires = registered.scopes.join(', ');
  const as = (admin: Admin, description: string) => story(tag, () => ({ fetchSessionToken: sessionOf(admin) }), description);
  return {
    Populated: as('licensee', 'Signed in as the licensee admin: the real list from the reference server.'),
    PopulatedBeAdmin: as('beta', "Signed in as a billing entity's admin (admin@beta.demo, who approves signups by hand): only what its billing entity owns."),
    Loading: story(tag, () => ({ client: clientThrough('licensee', hanging(paths)) }),
      `The session is real; the list call (\`GET ${listPath}\`) is held by a fetch wrapper and never answers.`),
    Empty: story(tag, () => ({ client: clientThrough('licensee', noRows(paths)) }),
      'The demo data always has rows here, so a fetch wrapper adds a filter nothing matches (created before 2000, or a value no row has); the real server answers an empty list.'),
    LoadFailed: story(tag, () => ({ client: clientThrough('licensee', failingUntilRetry(paths)) }),
      'List calls answer 500 (injected by a fetch wrapper, not sent to the server) until Retry is pressed; Retry goes to the real server and fills the list.'),
    Forbidden: story(tag, () => ({ fetchSessionToken: embedSessionOf('alpha', ['layout:read']) }),
      `A real embed session for admin@alpha.demo limited to \`layout:read\` (minted with an API key, as a portal backend does): without \`${requires}\` the widget calls nothing and says why.`),
    SessionExpired: story(tag, () => ({ fetchSessionToken: revokedSessionOf('licensee') }),
      'The first token was revoked on the server (`DELETE /v1/sessions/current`) and the host cannot give another: the real 401 ends the session.'),
    DarkGerman: {
      ...as('licensee', 'Populated, in German on the dark palette (story globals).'),
      globals: { locale: 'de', scheme: 'dark' },
    },
  } satisfies Record<string, Story>;
}
