/**
 * The Plugins widgets end to end against the real server: a code block's draft edited in the code editor with
 * highlighting, the server's Lua check on the line it names as one types, a save refused for a syntax error shown on
 * its line; signing as the licensee (absent for a billing entity's admin), a block the caller may not change opened
 * read only; create, discard, revert, delete; and a configuration provider's values set through the form its
 * validators generate, the server's per-key error on its field, a password never shown back.
 */
import { expect } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import { NotFoundError, type Client } from '@fco-admin/sdk';
import { ALPHA, LICENSEE, apiAs, deepInShadows, embedToken, fill, inShadow, mount, mountWidget, openOnly, press, tableOf, unique, unmountAll, waitFor, waitForRows } from './support/harness.js';

afterEach(unmountAll);

/** A block that registers one trigger: valid Lua, no findings. */
const VALID = `function register()
  return { "greet" }
end

function greet(p)
  if p == nil then
    return { api = "TRIGGER", triggerType = "POST_CREATE", name = "Greet" }
  end
  return { exitState = "SUCCESS" }
end
`;

const dialogOf = (widget: Element) => waitFor(() => inShadow<HTMLDialogElement>(widget, 'dialog[open]'), 'the dialog');

async function signedBlock(api: Client, name: string, code = VALID) {
  const block = await api.plugins.createFdlCodeBlock({ body: { name, unsignedCode: code } });
  return api.plugins.signFdlCodeBlock({ fdlCodeBlockId: block.id, ifMatch: block });
}

/** Moves the caret to the end of the focused editor, as Ctrl+End does. */
async function toEnd(): Promise<void> {
  await sendKeys({ down: 'Control' });
  await sendKeys({ press: 'End' });
  await sendKeys({ up: 'Control' });
}

/** The lines a diff shows as added. */
const added = (diff: Element) => [...diff.querySelectorAll('tr.added')].map((row) => row.textContent).join('\n');

/** The 1-based number of the editor line an element is on. */
const lineOf = (content: Element, element: Element) => [...content.querySelectorAll('.cm-line')].findIndex((line) => line.contains(element)) + 1;

describe('fco-fdl-code-blocks', () => {
  it('edits a draft in the highlighting editor, shows the check’s syntax error on its line as one types and a refused save’s on its line, saves, and the licensee signs it', async () => {
    const api = await apiAs(LICENSEE);
    const name = unique('Editor');
    const block = await signedBlock(api, name);
    const { widget } = await mountWidget('fco-fdl-code-blocks');
    const dialog = await openOnly(widget, { name }, name);

    // The draft shows highlighted, read only, in the detail.
    const shown = await waitFor(() => dialog.querySelector('[data-field="unsignedCode"] .cm-content'), 'the draft in the code editor');
    const keyword = [...shown.querySelectorAll('.cm-line span')].find((span) => span.textContent === 'function')!;
    expect(getComputedStyle(keyword).color).to.equal('rgb(139, 26, 158)');
    expect(getComputedStyle(keyword).color).to.not.equal(getComputedStyle(shown).color);

    await press(dialog, 'fdl-code-block-edit');
    const content = await waitFor(() => dialog.querySelector<HTMLElement>('form fco-code-editor .cm-content'), 'the editor');
    expect(content.getAttribute('aria-labelledby')).to.match(/-label$/);
    await waitFor(() => dialog.querySelector('.code-findings')?.textContent?.includes('No problems found.'), 'the first check');
    content.focus();
    await toEnd();
    await sendKeys({ type: '\nfunction broken(' });
    // The check runs as one types: the error is marked on the line it names, and listed.
    const finding = await waitFor(() => dialog.querySelector<HTMLElement>('.code-findings li[data-severity="ERROR"]'), 'the syntax error found');
    const marked = await waitFor(() => content.querySelector('.cm-lintRange-error'), 'the error marked in the code');
    expect(lineOf(content, marked)).to.equal(Number(finding.dataset['line']));
    expect(content.querySelectorAll('.cm-line')[lineOf(content, marked) - 1]!.textContent).to.equal('function broken(');

    // Saving anyway: the server refuses it (422 lua_syntax with line and column), shown on the field and on its line.
    await press(dialog, 'save');
    const error = await waitFor(() => dialog.querySelector('form .custom-field .field-error'), 'the refusal on the field');
    expect(finding.dataset['line']).to.equal('12');
    expect(error.textContent).to.contain('line 12');
    await waitFor(() => dialog.querySelector('.code-findings li[data-severity="ERROR"][data-line="12"]')?.textContent?.includes('Lua syntax error'), 'the refusal on its line');
    expect(lineOf(content, content.querySelector('.cm-lintRange-error')!)).to.equal(12);
    expect((await api.plugins.getFdlCodeBlock({ fdlCodeBlockId: block.id })).unsignedCode).to.equal(VALID);

    content.focus();
    await toEnd();
    for (let i = 0; i < 'function broken('.length + 1; i++) await sendKeys({ press: 'Backspace' });
    await sendKeys({ type: '\n-- reviewed' });
    await waitFor(() => !dialog.querySelector('.code-findings li[data-severity="ERROR"]'), 'the error gone');
    // The draft beside the signed code, as one edits.
    expect(added(dialog.querySelector('details.code-changes')!)).to.contain('-- reviewed');
    await press(dialog, 'save');
    await waitFor(() => dialog.querySelector('[data-action="fdl-code-block-sign"]'), 'back to the block, awaiting signature');
    const saved = await api.plugins.getFdlCodeBlock({ fdlCodeBlockId: block.id });
    expect(saved.unsignedCode).to.equal(`${VALID}\n-- reviewed`);
    expect(saved.hasUnsignedChanges).to.equal(true);
    expect(added(dialog.querySelector('[data-field="unsignedCode"] details.code-changes')!)).to.contain('-- reviewed');

    await press(dialog, 'fdl-code-block-sign');
    await press(dialog, 'confirm');
    await waitFor(() => dialog.querySelector('[data-action="fdl-code-block-edit"]') && !dialog.querySelector('[data-action="fdl-code-block-sign"]'), 'signed');
    const signed = await api.plugins.getFdlCodeBlock({ fdlCodeBlockId: block.id });
    expect([signed.signedCode, signed.signedBy, signed.hasUnsignedChanges]).to.deep.equal([`${VALID}\n-- reviewed`, LICENSEE, false]);
  });

  it('offers a billing entity’s admin no signing; without plugins:write a block opens read only', async () => {
    const alpha = await apiAs(ALPHA);
    const name = unique('Alpha draft');
    await alpha.plugins.createFdlCodeBlock({ body: { name, unsignedCode: VALID } });
    const { widget } = await mountWidget('fco-fdl-code-blocks', ALPHA);
    let dialog = await openOnly(widget, { name }, name);
    await waitFor(() => dialog.querySelector('[data-action="fdl-code-block-edit"]'), 'the edit action');
    expect(!!dialog.querySelector('[data-action="fdl-code-block-discard"]'), 'discard offered').to.equal(true);
    expect(!!dialog.querySelector('[data-action="fdl-code-block-sign"]'), 'sign offered').to.equal(false);
    unmountAll();

    const provider = await mount('<fco-fdl-code-blocks></fco-fdl-code-blocks>', { fetchSessionToken: () => embedToken(ALPHA, ['plugins:read']) });
    const readOnly = provider.querySelector('fco-fdl-code-blocks')!;
    await waitForRows(tableOf(await waitFor(() => inShadow(readOnly, 'fco-data-table') && readOnly, 'the table')));
    dialog = await openOnly(readOnly, { name }, name);
    const content = await waitFor(() => dialog.querySelector<HTMLElement>('[data-field="unsignedCode"] .cm-content'), 'the code');
    expect([...dialog.querySelectorAll('.actions button')].map((b) => b.getAttribute('data-action'))).to.deep.equal(['close']);
    expect(content.getAttribute('aria-readonly')).to.equal('true');
    const before = content.textContent;
    content.focus();
    await sendKeys({ type: 'x' });
    expect(content.textContent).to.equal(before);
  });

  it('names the billing entity a block belongs to in its row and its detail, never by id', async () => {
    const alpha = await apiAs(ALPHA);
    const name = unique('Owned');
    const block = await alpha.plugins.createFdlCodeBlock({ body: { name, unsignedCode: VALID } });
    const { widget } = await mountWidget('fco-fdl-code-blocks');
    const dialog = await openOnly(widget, { name }, name);
    const owner = await waitFor(() => {
      const text = dialog.querySelector('[data-field="billingEntityId"]')?.textContent?.trim();
      return text && text !== block.billingEntityId ? text : undefined;
    }, 'the owner by name');
    expect(owner).to.equal(block.billingEntityName);
    expect(dialog.textContent).to.not.include(block.billingEntityId);
  });

  it('creates a block with the editor, discards a never-signed one (which deletes it), reverts a draft, deletes a block', async () => {
    const api = await apiAs(LICENSEE);
    const { widget } = await mountWidget('fco-fdl-code-blocks');
    inShadow<HTMLButtonElement>(widget, '.widget-actions [data-action="fdl-code-block-create"]')!.click();
    let dialog = await dialogOf(widget);
    const name = unique('Created');
    await fill(dialog, { name });
    await waitFor(() => dialog.querySelector('form fco-code-editor .cm-content')?.textContent?.includes('register'), 'the new block’s code');
    await press(dialog, 'save');
    await waitFor(() => dialog.querySelector('h2')?.textContent === name, 'the new block shown');
    const created = (await api.plugins.listFdlCodeBlocks({ filter: `name = "${name}"` })).items[0]!;
    expect([created.active, created.unsignedCode]).to.deep.equal([false, 'function register()\n  return { }\nend\n']);
    await press(dialog, 'fdl-code-block-discard');
    expect(dialog.textContent).to.contain('discarding its draft deletes the code block');
    await press(dialog, 'confirm');
    await waitFor(() => !dialog.open, 'the dialog closes');
    const gone = await api.plugins.getFdlCodeBlock({ fdlCodeBlockId: created.id }).catch((e: unknown) => e);
    expect(gone).to.be.instanceOf(NotFoundError);

    const revertName = unique('Revert');
    const signed = await signedBlock(api, revertName);
    await api.plugins.updateFdlCodeBlock({ fdlCodeBlockId: signed.id, ifMatch: signed, body: { unsignedCode: `${VALID}-- to be reverted\n` } });
    dialog = await openOnly(widget, { name: revertName }, revertName);
    await press(dialog, 'fdl-code-block-revert');
    await press(dialog, 'confirm');
    await waitFor(() => dialog.querySelector('[data-action="fdl-code-block-edit"]') && !dialog.querySelector('[data-action="fdl-code-block-revert"]'), 'reverted');
    const reverted = await api.plugins.getFdlCodeBlock({ fdlCodeBlockId: signed.id });
    expect([reverted.unsignedCode, reverted.hasUnsignedChanges]).to.deep.equal([VALID, false]);
    // Discarding the draft leaves the signed code, which runs, shown highlighted and read only.
    await press(dialog, 'fdl-code-block-discard');
    await press(dialog, 'confirm');
    await waitFor(() => dialog.textContent?.includes('No draft'), 'the draft discarded');
    const signedShown = await waitFor(() => dialog.querySelector<HTMLElement>('[data-field="signedCode"] .cm-content'), 'the signed code');
    expect([...signedShown.querySelectorAll('.cm-line')].map((line) => line.textContent).join('\n')).to.equal(VALID);
    expect(signedShown.getAttribute('aria-readonly')).to.equal('true');
    const keyword = [...signedShown.querySelectorAll('.cm-line span')].find((span) => span.textContent === 'function')!;
    expect(getComputedStyle(keyword).color).to.not.equal(getComputedStyle(signedShown).color);
    await press(dialog, 'fdl-code-block-delete');
    await press(dialog, 'confirm');
    await waitFor(() => !dialog.open, 'deleted');
    expect(await api.plugins.getFdlCodeBlock({ fdlCodeBlockId: signed.id }).catch((e: unknown) => e)).to.be.instanceOf(NotFoundError);
  });
});

/** A provider with a value of every validator; `code`'s pattern nests quantifiers, which the server refuses to run. */
const providerCode = (name: string) => `function register()
  return { "test_settings" }
end

function test_settings(p)
  if p == nil then
    return {
      api = "CONFIG_PROVIDER", name = "${name}", providerType = "TEST", providerGroup = "Tests",
      resourceConfigs = { "BILLING_ENTITY" },
      values = {
        { key = "endpoint", name = "Endpoint", validator = "REGEX", pattern = "https://.+", required = true, default = "https://a.example" },
        { key = "code", name = "Code", validator = "REGEX", pattern = "(a+)+" },
        { key = "apiKey", name = "API key", validator = "PASSWORD", required = true },
        { key = "mode", name = "Mode", validator = "ENUM", options = { "test", "live" }, default = "test" },
        { key = "retries", name = "Retries", validator = "NUMERIC_INT", min = 0, max = 10, default = "3" },
        { key = "rate", name = "Rate", validator = "NUMERIC_DOUBLE", min = 0, max = 5, default = "1.5" },
        { key = "enabled", name = "Enabled", validator = "BOOLEAN", default = "false" },
        { key = "notes", name = "Notes", validator = "BIG_TEXT", description = "Anything." },
        { key = "start", name = "Start", validator = "DATE", default = "2026-01-01" },
      },
    }
  end
end
`;

describe('fco-configuration-providers', () => {
  it('sets values in the form its validators generate, shows the server’s per-key error on its field, and never shows a password back', async () => {
    const api = await apiAs(LICENSEE);
    const name = unique('Settings');
    await signedBlock(api, unique('Provider block'), providerCode(name));
    const provider = (await api.plugins.listConfigurationProviders({ filter: `name = "${name}"` })).items[0]!;
    const { widget } = await mountWidget('fco-configuration-providers');
    const dialog = await openOnly(widget, { name }, name);
    expect(dialog.querySelector('[data-field="values"] tr[data-key="apiKey"]')?.textContent).to.contain('Not set');

    await press(dialog, 'configuration-provider-edit');
    const control = <E extends Element>(key: string) => dialog.querySelector<E & HTMLElement>(`form [data-field="values/${key}"]`)!;
    await waitFor(() => control('mode'), 'the values form');
    expect([...control<HTMLSelectElement>('mode').options].map((o) => o.value)).to.deep.equal(['', 'test', 'live']);
    expect([control<HTMLInputElement>('retries').type, control<HTMLInputElement>('retries').min, control<HTMLInputElement>('retries').max]).to.deep.equal(['number', '0', '10']);
    expect([control<HTMLInputElement>('rate').type, control<HTMLInputElement>('rate').max]).to.deep.equal(['number', '5']);
    expect(control<HTMLInputElement>('enabled').type).to.equal('checkbox');
    expect(control('notes').localName).to.equal('textarea');
    expect(control<HTMLInputElement>('start').type).to.equal('date');
    expect([control<HTMLInputElement>('apiKey').type, control<HTMLInputElement>('apiKey').value, control<HTMLInputElement>('apiKey').required]).to.deep.equal(['password', '', true]);
    expect(control('apiKey').closest('label')!.textContent).to.contain('No value is set.');
    expect(control('endpoint').closest('label')!.textContent).to.contain('Endpoint');

    await fill(dialog, { 'values/apiKey': 'Top-Secret-1', 'values/retries': '7', 'values/mode': 'live', 'values/enabled': true, 'values/code': 'aaa' });
    await press(dialog, 'save');
    // The browser cannot know the server refuses to run that pattern: its message shows on that field.
    const refusal = await waitFor(() => control('code')?.closest('label')?.querySelector('.field-error'), 'the error on its field');
    expect(refusal.textContent).to.contain('pattern');
    expect(control<HTMLInputElement>('retries').value).to.equal('7');
    await fill(dialog, { 'values/code': '' });
    await press(dialog, 'save');
    await waitFor(() => dialog.querySelector('[data-action="configuration-provider-edit"]'), 'back to the provider');

    const saved = await api.plugins.getConfigurationProvider({ configurationProviderId: provider.id });
    const valueOf = (key: string) => saved.values.find((v) => v.key === key)!;
    expect([valueOf('retries').value, valueOf('mode').value, valueOf('enabled').value, valueOf('code').value]).to.deep.equal(['7', 'live', 'true', null]);
    expect([valueOf('apiKey').value, valueOf('apiKey').hasValue]).to.deep.equal([null, true]);
    expect(dialog.querySelector('[data-field="values"] tr[data-key="apiKey"]')?.textContent).to.contain('Set');

    // Editing again: the password field is empty and says a value is set; the secret is nowhere on the page.
    await press(dialog, 'configuration-provider-edit');
    await waitFor(() => control('apiKey'), 'the form again');
    expect(control<HTMLInputElement>('apiKey').value).to.equal('');
    expect(control('apiKey').closest('label')!.textContent).to.contain('A value is set');
    const everything = [widget.shadowRoot!.innerHTML, ...deepInShadows(widget, 'input, textarea').map((e) => (e as HTMLInputElement).value)].join('\n');
    expect(everything).to.not.contain('Top-Secret-1');
  });
});
