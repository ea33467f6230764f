/**
 * Runs `run` once the next frame has been painted, for work that must not hold up what is about to be shown: a
 * callback of the frame's own animation-frame step would still run before its paint, a task it posts runs after.
 * A hidden document paints no frames: there it runs in the next task.
 */
export function afterNextPaint(run: () => void): void {
  if (document.visibilityState === 'hidden') setTimeout(run);
  else requestAnimationFrame(() => setTimeout(run));
}
