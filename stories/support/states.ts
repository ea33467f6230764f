/**
 * The states every widget shows — loading, empty, error with retry, forbidden, session expired, populated — as
 * stories for one widget tag. All run against the real reference server; loading, error and (for lists the seed
 * always fills) empty go through a fetch wrapper (see faults.ts), and their descriptions say so.
 */
import type { TemplateResult } from 'lit';
import { unsafeStatic, html as staticHtml } from 'lit/static-html.js';
import type { StoryObj } from '@storybook/web-components-vite';
import { embedSessionOf, revokedSessionOf, sessionOf, type Admin } from './api.js';
import { clientThrough, failingUntilRetry, hanging, noRows } from './faults.js';
import { inProvider, lookOf, type Session } from './render.js';

export interface WidgetStates {
  /** The widget's tag, e.g. `fco-customers`. */
  tag: string;
  /** The collection its list calls, e.g. `/v1/customers`. */
  listPath: string;
  /** Who sees it filled. */
  populatedAs: Admin;
  /** The scope without which it is forbidden. */
  requires: string;
  /** How the empty state comes about: a demo admin whose list really is empty, or the no-rows filter wrapper. */
  emptyAs?: Admin;
}

type Story = StoryObj;

function story(config: WidgetStates, session: () => Session, description: string): Story {
  const widget = (): TemplateResult => staticHtml`<${unsafeStatic(config.tag)}></${unsafeStatic(config.tag)}>`;
  return {
    render: (_args, context) => inProvider(lookOf(context.globals), session(), widget()),
    parameters: { docs: { description: { story: description } } },
  };
}

export function widgetStates(config: WidgetStates) {
  const { listPath, populatedAs, requires } = config;
  return {
    Populated: story(config, () => ({ fetchSessionToken: sessionOf(populatedAs) }),
      `Signed in as the demo admin ${populatedAs}: the real list from the reference server.`),
    Loading: story(config, () => ({ client: clientThrough(populatedAs, hanging([listPath])) }),
      `The session is real; the list call (\`GET ${listPath}\`) is held by a fetch wrapper and never answers.`),
    Empty: config.emptyAs
      ? story(config, () => ({ fetchSessionToken: sessionOf(config.emptyAs!) }), `Signed in as ${config.emptyAs}, whose list on the reference server is empty.`)
      : story(config, () => ({ client: clientThrough(populatedAs, noRows([listPath])) }),
        `The demo data always has rows here, so a fetch wrapper adds a filter nothing matches (created before 2000); the real server answers an empty list.`),
    LoadFailed: story(config, () => ({ client: clientThrough(populatedAs, failingUntilRetry([listPath])) }),
      `List calls answer 500 (injected by a fetch wrapper, not sent to the server) until Retry is pressed; Retry goes to the real server and fills the list.`),
    Forbidden: story(config, () => ({ fetchSessionToken: embedSessionOf('alpha', ['layout:read']) }),
      `A real embed session for admin@alpha.demo limited to \`layout:read\` (minted with an API key, as a portal backend does): without \`${requires}\` the widget calls nothing and says why.`),
    SessionExpired: story(config, () => ({ fetchSessionToken: revokedSessionOf(populatedAs) }),
      'The first token was revoked on the server (`DELETE /v1/sessions/current`) and the host cannot give another: the real 401 ends the session.'),
  } satisfies Record<string, Story>;
}

/** A populated story in dark German, so both toolbar settings are visible without touching the toolbar. */
export function darkGerman(config: WidgetStates): Story {
  return { ...story(config, () => ({ fetchSessionToken: sessionOf(config.populatedAs) }), 'Populated, in German on the dark palette (story globals).'), globals: { locale: 'de', scheme: 'dark' } };
}

