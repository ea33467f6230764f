import { expect } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import { render, type CSSResult } from 'lit';
import { defineCodeElements } from '../src/code/code-elements.js';
import { codeStyles } from '../src/code/code-styles.js';
import { renderDiff } from '../src/code/diff-view.js';
import { Localizer } from '../src/i18n/localizer.js';
import { adoptStyles } from '../src/theme/adopt.js';
import { renderFields } from '../src/widget/record-view.js';
import { widgetStyles } from '../src/widget/widget-styles.js';
import { LICENSEE, inShadow, mount, tableOf, unmountAll, waitFor, waitForRows } from './support/harness.js';

afterEach(unmountAll);

/** axe runs on the widget's light DOM and follows open shadow roots. */
async function expectAccessible(element: Element) {
  await expect(element).to.be.accessible();
}

describe('accessibility (axe)', () => {
  // Every registered widget, with rows, its detail open, empty, error and forbidden: see registry.test.ts.

  it('fco-admin-page has no violations, also while customising', async () => {
    const provider = await mount('<fco-admin-page></fco-admin-page>', { email: LICENSEE });
    const page = provider.querySelector('fco-admin-page')!;
    await waitFor(() => inShadow(page, '[role="tablist"]'), 'the tabs');
    const table = tableOf(await waitFor(() => inShadow(page, 'fco-customers')?.shadowRoot?.querySelector('fco-data-table') && inShadow(page, 'fco-customers'), 'customers'));
    await waitForRows(table);
    await expectAccessible(page);
    inShadow<HTMLButtonElement>(page, '[data-action="customise"]')!.click();
    await waitFor(() => inShadow(page, '[part="toolbar"]'), 'the toolbar');
    await expectAccessible(page);
  });

  it('the empty and error states have no violations', async () => {
    const provider = await mount('<fco-customers></fco-customers>', { email: LICENSEE });
    const widget = provider.querySelector('fco-customers')!;
    const table = tableOf(await waitFor(() => inShadow(widget, 'fco-data-table') && widget, 'the table'));
    await waitForRows(table);
    const field = inShadow<HTMLInputElement>(table, 'form.filters [data-filter="q"]')!;
    field.value = 'nothing-matches-this-at-all';
    field.dispatchEvent(new Event('input'));
    inShadow<HTMLButtonElement>(table, 'form.filters button[type="submit"]')!.click();
    await waitFor(() => inShadow(table, '[data-state="empty"]'), 'empty');
    await expectAccessible(widget);
  });

  /** A host with a shadow root and a button before `content`, as a widget's dialog has. */
  function shadowHost(styles: CSSResult[], width = '40rem') {
    const host = document.createElement('div');
    host.style.inlineSize = width;
    document.body.append(host);
    const root = host.attachShadow({ mode: 'open' });
    for (const style of styles) adoptStyles(root, style);
    const before = document.createElement('button');
    before.textContent = 'before';
    const content = document.createElement('div');
    root.append(before, content);
    return { host, root, before, content };
  }

  /** What a keyboard user does with a box too big for its content: Tab into it, then scroll it with keys. */
  async function expectKeyboardScrolls(root: ShadowRoot, before: HTMLElement, scroller: HTMLElement, key: string, scrolled: () => boolean) {
    before.focus();
    await sendKeys({ press: 'Tab' });
    expect(scroller.contains(root.activeElement), 'Tab moves into the scrolling box').to.equal(true);
    await sendKeys({ press: key });
    await waitFor(scrolled, `the box to scroll with ${key}`);
  }

  it('a code editor taller than its box is reached by Tab and scrolls by keyboard, also read only', async () => {
    defineCodeElements();
    const code = Array.from({ length: 80 }, (_, i) => `local value${i} = ${i}`).join('\n');
    for (const readonly of [true, false]) {
      const { host, root, before, content } = shadowHost([]);
      const editor = document.createElement('fco-code-editor');
      editor.readonly = readonly;
      editor.label = 'Code';
      editor.value = code;
      content.append(editor);
      try {
        const scroller = await waitFor(() => editor.querySelector<HTMLElement>('.cm-scroller'), 'the editor');
        expect(scroller.scrollHeight, 'the code is taller than its box').to.be.greaterThan(scroller.clientHeight);
        await expectAccessible(host);
        await expectKeyboardScrolls(root, before, scroller, 'PageDown', () => scroller.scrollTop > 0);
      } finally {
        host.remove();
      }
    }
  });

  it('a diff taller than its box and a nested table wider than its box are reached by Tab and scroll by keyboard', async () => {
    const l = new Localizer('en');
    const lines = (n: number, tag: string) => Array.from({ length: n }, (_, i) => `local ${tag}${i} = ${i}`).join('\n');
    const diff = shadowHost([codeStyles]);
    render(renderDiff(lines(60, 'a'), lines(60, 'b'), l.messages, 'Changes'), diff.content);
    const nested = shadowHost([widgetStyles], '4rem');
    const nics = Array.from({ length: 3 }, (_, i) => ({ networkName: `network-with-a-long-name-${i}`, ipAddresses: `10.0.0.${i}`, macAddress: `52:54:00:12:34:5${i}` }));
    render(renderFields([['nics', { array: { object: { networkName: 'text', ipAddresses: 'text', macAddress: 'text' } } }]], { nics }, l), nested.content);
    try {
      const diffBox = diff.root.querySelector<HTMLElement>('.diff-scroll')!;
      expect(diffBox.scrollHeight, 'the diff is taller than its box').to.be.greaterThan(diffBox.clientHeight);
      await expectAccessible(diff.host);
      await expectKeyboardScrolls(diff.root, diff.before, diffBox, 'ArrowDown', () => diffBox.scrollTop > 0);
      const tableBox = nested.root.querySelector<HTMLElement>('.nested-scroll')!;
      expect(tableBox.scrollWidth, 'the table is wider than its box').to.be.greaterThan(tableBox.clientWidth);
      await expectAccessible(nested.host);
      await expectKeyboardScrolls(nested.root, nested.before, tableBox, 'ArrowRight', () => tableBox.scrollLeft > 0);
    } finally {
      diff.host.remove();
      nested.host.remove();
    }
  });
});
