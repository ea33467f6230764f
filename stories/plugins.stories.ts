import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { createClient } from '@fco-admin/sdk';
import { API_URL, embedSessionOf, sessionOf, signIn, type Admin } from './support/api.js';
import { fill, named, openRow, press, typeAtEnd, waitFor, widgetIn } from './support/play.js';
import { widgetMarkup } from './support/states.js';
import { inProvider, lookOf, type Session } from './support/render.js';

/**
 * The Plugins widgets in the states a person reaches by using them, against the real reference server's demo data
 * (the licensee's "Nightly digest" has a draft awaiting signature over its signed code; Alpha's "Welcome mail" too).
 * Play functions open the block or provider and act as a person does; nothing here is saved. The states every widget
 * shows (loading, empty, errors) are in Plugins/fco-fdl-code-blocks and Plugins/fco-configuration-providers.
 */
const meta: Meta = { title: 'Plugins/in use' };
export default meta;

type Story = StoryObj;
type Play = NonNullable<Story['play']>;

function story(tag: string, session: () => Session, description: string, play: Play, extra: Partial<Story> = {}): Story {
  return {
    render: (_args, context) => inProvider(lookOf(context.globals), session(), widgetMarkup(tag)),
    parameters: { docs: { description: { story: description } } },
    play,
    ...extra,
  };
}
const as = (admin: Admin) => () => ({ fetchSessionToken: sessionOf(admin) });

/** Opens the licensee's "Nightly digest" (the one with a draft awaiting signature). */
const nightlyDigest = async (canvas: HTMLElement) =>
  openRow(await widgetIn(canvas, 'fco-fdl-code-blocks'), { name: 'Nightly digest' }, (row) => Boolean(row.querySelector('.status[data-value="DRAFT"]')));

export const EditorOpen = story('fco-fdl-code-blocks', as('licensee'),
  'The licensee edits the draft of "Nightly digest" (the play function opens it and presses Edit draft): CodeMirror with Lua highlighting, the server\'s check below it.',
  async ({ canvasElement }) => {
    await press(await nightlyDigest(canvasElement), 'fdl-code-block-edit');
  });

export const SyntaxErrorOnItsLine = story('fco-fdl-code-blocks', as('licensee'),
  'As EditorOpen, then `function broken(` typed at the end: the server\'s Lua check marks the error on that line and lists it.',
  async ({ canvasElement }) => {
    const dialog = await nightlyDigest(canvasElement);
    await press(dialog, 'fdl-code-block-edit');
    await typeAtEnd(dialog, '\nfunction broken(');
    const finding = await waitFor(() => dialog.querySelector<HTMLElement>('.code-findings li[data-severity="ERROR"]'), 'the syntax error');
    const marked = await waitFor(() => dialog.querySelector('.cm-lintRange-error'), 'the error marked in the code');
    const line = [...dialog.querySelectorAll('form .cm-line')].findIndex((l) => l.contains(marked)) + 1;
    if (String(line) !== finding.dataset['line']) throw new Error(`the error is marked on line ${line}, listed on line ${finding.dataset['line']}`);
  });

export const DraftAgainstSigned = story('fco-fdl-code-blocks', as('licensee'),
  'The detail of "Nightly digest": its signed code and its draft, read only and highlighted, and the draft\'s changes against the signed code as a diff.',
  async ({ canvasElement }) => {
    await nightlyDigest(canvasElement);
  });

export const SigningAsLicensee = story('fco-fdl-code-blocks', as('licensee'),
  'The licensee holds `plugins:sign`: Sign is offered on a draft; the play function presses it and the confirmation shows (not confirmed).',
  async ({ canvasElement }) => {
    await press(await nightlyDigest(canvasElement), 'fdl-code-block-sign');
  });

export const NoSignForBillingEntityAdmin = story('fco-fdl-code-blocks', as('alpha'),
  'admin@alpha.demo opens its "Welcome mail" draft: it may edit, revert, discard and delete it, but signing is the licensee\'s, so there is no Sign.',
  async ({ canvasElement }) => {
    await openRow(await widgetIn(canvasElement, 'fco-fdl-code-blocks'), { name: 'Welcome mail' }, named('Welcome mail'));
  });

export const ReadOnlyWithoutWrite = story('fco-fdl-code-blocks', () => ({ fetchSessionToken: embedSessionOf('alpha', ['plugins:read']) }),
  'A real embed session of admin@alpha.demo with `plugins:read` only: "Trial hours guard" opens read only (the code cannot be typed into, no action but Close).',
  async ({ canvasElement }) => {
    await openRow(await widgetIn(canvasElement, 'fco-fdl-code-blocks'), { name: 'Trial hours guard' });
  });

export const ValuesFormPasswordSet = story('fco-configuration-providers', as('licensee'),
  'The licensee edits the values of a "Card payments" provider: a field per value from its validator; the API key is a password that is set, so its field is empty and says so (it is never read back).',
  async ({ canvasElement }) => {
    const dialog = await openRow(await widgetIn(canvasElement, 'fco-configuration-providers'), { name: 'Card payments' });
    await press(dialog, 'configuration-provider-edit');
    const apiKey = await waitFor(() => dialog.querySelector<HTMLInputElement>('form input[data-field="values/apiKey"]'), 'the API key field');
    if (apiKey.value !== '') throw new Error('a set password must never be filled in');
  });

const STRICT_BLOCK = 'Storybook strict settings';
const STRICT_CODE = `-- A provider whose "code" pattern nests quantifiers: the server refuses to run it on a value.
function register()
  return { "strict_settings" }
end

function strict_settings(p)
  if p == nil then
    return {
      api = "CONFIG_PROVIDER", name = "Strict settings", providerType = "STORYBOOK", providerGroup = "Storybook",
      resourceConfigs = { "BILLING_ENTITY" },
      values = {
        { key = "code", name = "Code", validator = "REGEX", pattern = "(a+)+", description = "Any run of a's." },
        { key = "secret", name = "Secret", validator = "PASSWORD" },
      },
    }
  end
end
`;

/** The signed block behind "Strict settings", created and signed by the licensee the first time a story needs it. */
async function ensureStrictSettings(): Promise<Record<string, never>> {
  const client = createClient({ baseUrl: API_URL, auth: () => signIn('licensee') });
  const found = (await client.plugins.listFdlCodeBlocks({ filter: `name = "${STRICT_BLOCK}"` })).items[0];
  if (!found?.active) {
    const block = found ?? (await client.plugins.createFdlCodeBlock({ body: { name: STRICT_BLOCK, description: 'Made by a story: a per-key error only the server finds.', unsignedCode: STRICT_CODE } }));
    await client.plugins.signFdlCodeBlock({ fdlCodeBlockId: block.id, ifMatch: block });
  }
  return {};
}

export const ServerErrorOnItsField = story('fco-configuration-providers', as('licensee'),
  'A provider whose pattern the server refuses to run (a block signed by the licensee for this story, once): the browser cannot know, so the value is sent, and the server\'s per-key error shows on that field.',
  async ({ canvasElement }) => {
    const dialog = await openRow(await widgetIn(canvasElement, 'fco-configuration-providers'), { name: 'Strict settings' });
    await press(dialog, 'configuration-provider-edit');
    await fill(dialog, { 'values/code': 'aaa' });
    await press(dialog, 'save');
    await waitFor(() => dialog.querySelector('form .field-error'), 'the error on its field');
  },
  { loaders: [ensureStrictSettings] });
