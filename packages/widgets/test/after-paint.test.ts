import { expect } from '@open-wc/testing';
import { afterNextPaint } from '../src/base/after-paint.js';

describe('afterNextPaint', () => {
  it('runs once, after the animation-frame callbacks of the next frame', async () => {
    const order: string[] = [];
    afterNextPaint(() => order.push('after paint'));
    requestAnimationFrame(() => order.push('frame'));
    await new Promise((resolve) => requestAnimationFrame(() => setTimeout(resolve, 50)));
    expect(order).to.deep.equal(['frame', 'after paint']);
  });

  it('runs in the next task in a hidden document, which paints no frames', async () => {
    const realFrame = window.requestAnimationFrame;
    window.requestAnimationFrame = () => 0; // no frame comes
    Object.defineProperty(document, 'visibilityState', { value: 'hidden', configurable: true });
    try {
      let ran = false;
      afterNextPaint(() => (ran = true));
      expect(ran, 'not at once').to.equal(false);
      await new Promise((resolve) => setTimeout(resolve, 20));
      expect(ran, 'in a later task').to.equal(true);
    } finally {
      delete (document as { visibilityState?: string }).visibilityState;
      window.requestAnimationFrame = realFrame;
    }
  });
});
