import { html } from 'lit';
import type { Meta, StoryObj } from '@storybook/web-components-vite';
import type { Appearance } from '@fco-admin/widgets';
import { sessionOf } from './support/api.js';
import { inProvider, lookOf } from './support/render.js';

interface AppearanceArgs {
  accentColor: string;
  onAccentColor: string;
  radius: string;
  fontSize: string;
}

/**
 * `<fco-admin-provider>`: the context root. It gets session tokens from the host's `fetchSessionToken` callback,
 * loads the principal, and gives every widget inside it the client, the locale and the appearance. Against the real
 * reference server; language and colour scheme come from the toolbar.
 */
const meta: Meta<AppearanceArgs> = {
  title: 'Provider/fco-admin-provider',
  component: 'fco-admin-provider',
};
export default meta;

type Story = StoryObj<AppearanceArgs>;

/** The host's appearance object maps onto the `--fco-*` custom properties; edit it in the controls. */
export const CustomAppearance: Story = {
  args: { accentColor: '#0f766e', onAccentColor: '#ffffff', radius: '12px', fontSize: '15px' },
  argTypes: {
    accentColor: { control: 'color' },
    onAccentColor: { control: 'color' },
    radius: { control: 'text' },
    fontSize: { control: 'text' },
  },
  render: (args, context) => {
    const look = lookOf(context.globals);
    const appearance: Appearance = { ...args, colorScheme: look.scheme };
    return inProvider(look, { fetchSessionToken: sessionOf('beta') }, html`<fco-pending-customers></fco-pending-customers>`, appearance);
  },
};

/**
 * Two providers on one page know nothing of each other: the licensee admin in English on the light palette next to
 * Alpha's admin in German on the dark one.
 */
export const TwoProviders: Story = {
  render: () => html`<div class="story-columns">
    ${inProvider({ locale: 'en', scheme: 'light' }, { fetchSessionToken: sessionOf('licensee') }, html`<fco-users></fco-users>`)}
    ${inProvider({ locale: 'de', scheme: 'dark' }, { fetchSessionToken: sessionOf('alpha') }, html`<fco-users></fco-users>`)}
  </div>`,
};

/** The host's callback fails (its own sign-in ended, its backend is down…): every widget shows the session-expired state. */
export const TokenCallbackFails: Story = {
  render: (_args, context) => inProvider(lookOf(context.globals), {
    fetchSessionToken: () => Promise.reject(new Error('The host could not mint a session.')),
  }, html`<fco-customers></fco-customers>`),
};

/** Without `base-url` and a token callback the provider has no session yet: widgets wait in their loading state. */
export const WaitingForTheHost: Story = {
  render: (_args, context) => {
    const look = lookOf(context.globals);
    return html`<fco-admin-provider locale=${look.locale} color-scheme=${look.scheme}><fco-customers></fco-customers></fco-admin-provider>`;
  },
};
