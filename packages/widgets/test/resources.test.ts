/**
 * All Resources as a person meets it: read only (no action anywhere, a detail offers only Close), nested arrays
 * (NICs, subnets, firewall rules) as tables in the detail, and rows narrowed to one customer by name.
 */
import { expect } from '@open-wc/testing';
import { LICENSEE, apiAs, applyFilter, dataRows, inShadow, mount, openDetail, rowTexts, tableOf, unmountAll, waitFor, waitForRows } from './support/harness.js';

afterEach(unmountAll);

const RESOURCES = [
  'fco-servers',
  'fco-disks',
  'fco-networks',
  'fco-snapshots',
  'fco-ssh-keys',
  'fco-firewall-templates',
  'fco-deployment-templates',
  'fco-deployment-instances',
  'fco-vdcs',
  'fco-jobs',
];
/** The nested array each of these details shows as a table. */
const NESTED: Record<string, string> = { 'fco-servers': 'nics', 'fco-networks': 'subnets', 'fco-firewall-templates': 'rules' };

const visibleButtons = (root: ParentNode) => [...root.querySelectorAll('button')].filter((b) => b.checkVisibility()).map((b) => b.textContent!.trim());

describe('All Resources', function () {
  this.timeout(60_000);

  it('is read only: no widget offers an action, each detail offers only Close, and nested arrays show as tables', async () => {
    const provider = await mount(RESOURCES.map((tag) => `<${tag}></${tag}>`).join(''), { email: LICENSEE });
    for (const tag of RESOURCES) {
      const widget = provider.querySelector(tag)!;
      const table = tableOf(await waitFor(() => inShadow(widget, 'fco-data-table') && widget, `the ${tag} table`));
      await waitForRows(table, `${tag} rows`);
      // Above the table: no create (nor any other) button.
      expect(Boolean(inShadow(widget, '.widget-actions button')), tag).to.equal(false);
      const dialog = await openDetail(widget, dataRows(table)[0]!);
      expect(visibleButtons(dialog), tag).to.deep.equal(['Close']);
      const nested = NESTED[tag];
      if (nested) {
        const shown = dialog.querySelector<HTMLTableElement>(`[data-field="${nested}"] table`);
        expect(shown?.checkVisibility(), `${tag} ${nested} as a table`).to.equal(true);
        expect(shown!.tHead!.textContent!.trim(), tag).to.not.equal('');
        expect(shown!.tBodies[0]!.rows.length, tag).to.be.greaterThan(0);
      }
      dialog.close();
    }
  });

  it('fco-servers: the filter bar narrows the rows to the customers whose name contains the text', async () => {
    const api = await apiAs(LICENSEE);
    const [sample] = (await api.resources.listServers({ pageSize: 1 })).items;
    const name = sample!.customerName;
    const total = (await api.resources.listServers({ pageSize: 1 })).totalSize;
    const expected = (await api.resources.listServers({ filter: `customerName : "${name}"`, pageSize: 1 })).totalSize;
    expect(expected).to.be.greaterThan(0).and.lessThan(total!);
    const provider = await mount('<fco-servers></fco-servers>', { email: LICENSEE });
    const widget = provider.querySelector('fco-servers')!;
    const table = tableOf(await waitFor(() => inShadow(widget, 'fco-data-table') && widget, 'the table'));
    await waitForRows(table);
    await applyFilter(table, { customerName: name });
    const summary = () => inShadow(table, '.summary')?.textContent?.trim();
    await waitFor(() => summary() === `${expected.toLocaleString('en')} rows`, `${expected} rows of ${name}`);
    expect(rowTexts(table).every((text) => text.includes(name))).to.equal(true);
  });
});
