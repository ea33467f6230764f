/**
 * Runs `run` once the next frame has been painted, for work that must not hold up what is about to be shown: a
 * callback of the frame's own animation-frame step would still run before its paint, a task it posts runs after.
 * A hidden document paints no frames, so a short timer runs it there.
 */
export function afterNextPaint(run: () => void, hiddenAfterMs = 200): void {
  let fallback: ReturnType<typeof setTimeout> | 0 = setTimeout(() => {
    fallback = 0;
    run();
  }, hiddenAfterMs);
  requestAnimationFrame(() =>
    setTimeout(() => {
      if (!fallback) return;
      clearTimeout(fallback);
      fallback = 0;
      run();
    }),
  );
}
