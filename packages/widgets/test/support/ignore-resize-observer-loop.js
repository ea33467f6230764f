// Chromium reports "ResizeObserver loop completed with undelivered notifications" when an observed element (the
// table body) resizes during a layout pass. It is benign, but it reaches window.onerror and mocha would fail the test for it. This
// classic script runs before the test framework, so its capturing listener sees the event first and stops only that.
window.addEventListener(
  'error',
  (event) => {
    if (typeof event.message === 'string' && event.message.startsWith('ResizeObserver loop')) {
      event.stopImmediatePropagation();
      event.preventDefault();
    }
  },
  true,
);
