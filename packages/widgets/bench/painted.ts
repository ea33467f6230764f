/**
 * Calls `done` with the time from `started` to the end of the first frame in which `check()` holds, its style,
 * layout and paint included: checked as each frame starts (an animation frame callback runs before the frame's
 * rendering), timed by a task that frame posts (which runs once its rendering is done). Both tables of the bench are
 * timed so: the work a browser does to show rows counts whichever page does it.
 */
export function untilPainted(check: () => boolean, started: number, done: (ms: number) => void): void {
  const poll = () => {
    if (!check()) return requestAnimationFrame(poll);
    setTimeout(() => done(performance.now() - started));
  };
  requestAnimationFrame(poll);
}

/**
 * When the page first showed content, its first contentful paint (for these pages, the first of the table to be
 * shown), in ms from `started`; null if it has not yet. The browser times it when the frame was presented, its raster
 * included, so it is later than `untilPainted` would say for the same frame.
 */
export function firstContentfulPaint(started: number): number | null {
  const entry = performance.getEntriesByName('first-contentful-paint')[0];
  return entry ? entry.startTime - started : null;
}
