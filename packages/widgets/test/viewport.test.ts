import { expect } from '@open-wc/testing';
import { computeWindow, scrollTopFor, type ViewportMetrics } from '../src/table/viewport.js';

const base = { rowHeight: 32, viewportHeight: 420, maxHeight: 16_000_000, overscan: 8 };

describe('table viewport mapping', () => {
  it('is exact while the rows fit: row i sits at i × rowHeight', () => {
    const m: ViewportMetrics = { ...base, total: 1000, scrollTop: 3200 };
    const w = computeWindow(m);
    expect(w.contentHeight).to.equal(32_000);
    expect(w.first).to.equal(92);
    expect(w.blockTop).to.equal(92 * 32);
    expect(scrollTopFor(0, m)).to.equal(0);
    expect(scrollTopFor(105, m)).to.equal(undefined); // already visible
  });

  it('scales past maxHeight, reaches the last row, and keeps the rendered count constant', () => {
    const total = 5_000_000;
    const top: ViewportMetrics = { ...base, total, scrollTop: 0 };
    const maxScroll = base.maxHeight - base.viewportHeight;
    const end: ViewportMetrics = { ...base, total, scrollTop: maxScroll };
    expect(computeWindow(top).contentHeight).to.equal(base.maxHeight);
    const last = computeWindow(end);
    expect(last.first + last.count - 1).to.equal(total - 1);
    expect(last.blockTop + last.count * 32).to.be.closeTo(base.maxHeight, 1);
    expect(computeWindow(top).count).to.be.lessThan(40);
    expect(last.count).to.be.lessThan(40);
    // Bringing a row into view and mapping back puts it inside the rendered window.
    for (const index of [1, 123_456, 2_500_000, total - 1]) {
      const scrollTop = scrollTopFor(index, top) ?? 0;
      const w = computeWindow({ ...base, total, scrollTop });
      expect(index).to.be.within(w.first, w.first + w.count - 1);
    }
  });
});
