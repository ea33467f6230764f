/**
 * Renders story content inside `<fco-admin-provider>` the way a host page does, in the language and colour scheme of
 * the Storybook toolbar (globals `locale` and `scheme`).
 */
import { html, nothing, type TemplateResult } from 'lit';
import type { Client } from '@fco-admin/sdk';
import type { Appearance, FetchSessionToken } from '@fco-admin/widgets';
import '@fco-admin/widgets/define-all.js';
import { API_URL } from './api.js';

export interface Look {
  locale: 'en' | 'de';
  scheme: 'light' | 'dark';
}

export function lookOf(globals: Record<string, unknown>): Look {
  return { locale: globals['locale'] === 'de' ? 'de' : 'en', scheme: globals['scheme'] === 'dark' ? 'dark' : 'light' };
}

/** How the provider gets its session: a token callback (the normal way) or a ready client (fault-injecting stories). */
export type Session = { fetchSessionToken: FetchSessionToken; client?: undefined } | { client: Client; fetchSessionToken?: undefined };

export function inProvider(look: Look, session: Session, content: TemplateResult, appearance: Appearance = {}): TemplateResult {
  return html`<fco-admin-provider
    base-url=${session.client ? nothing : API_URL}
    locale=${look.locale}
    color-scheme=${look.scheme}
    .fetchSessionToken=${session.fetchSessionToken}
    .client=${session.client}
    .appearance=${appearance}
  >${content}</fco-admin-provider>`;
}
