import { expect } from '@open-wc/testing';
import { afterNextPaint } from '../src/base/after-paint.js';

describe('afterNextPaint', () => {
  it('runs once, after the animation-frame callbacks of the next frame', async () => {
    const order: string[] = [];
    let runs = 0;
    afterNextPaint(() => {
      runs++;
      order.push('after paint');
    });
    requestAnimationFrame(() => order.push('frame'));
    await new Promise((resolve) => setTimeout(resolve, 400)); // past the timer for hidden documents as well
    expect(order).to.deep.equal(['frame', 'after paint']);
    expect(runs).to.equal(1);
  });

  it('runs without a frame, as in a hidden document, once its timer is up', async () => {
    const realFrame = window.requestAnimationFrame;
    window.requestAnimationFrame = () => 0; // no frame comes
    try {
      let ran = false;
      afterNextPaint(() => (ran = true), 50);
      await new Promise((resolve) => setTimeout(resolve, 20));
      expect(ran, 'not before its timer').to.equal(false);
      await new Promise((resolve) => setTimeout(resolve, 100));
      expect(ran, 'after its timer').to.equal(true);
    } finally {
      window.requestAnimationFrame = realFrame;
    }
  });
});
