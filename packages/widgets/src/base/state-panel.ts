import { html, nothing, type TemplateResult } from 'lit';

/** The states every widget shows the same way. */
export type PanelState = 'loading' | 'empty' | 'error' | 'forbidden' | 'expired';

/**
 * One look for every state: loading shows a skeleton, errors offer a retry. `role="status"`/`role="alert"` makes
 * screen readers announce the change.
 */
export function renderStatePanel(
  state: PanelState,
  message: string | TemplateResult,
  retry?: () => void,
  retryLabel?: string,
): TemplateResult {
  if (state === 'loading') {
    return html`<div class="state loading" part="state" data-state="loading" role="status" aria-busy="true">
      <span class="visually-hidden">${message}</span>
      <span class="skeleton" aria-hidden="true"></span>
    </div>`;
  }
  const urgent = state === 'error' || state === 'expired';
  return html`<div class="state ${state}" part="state" data-state=${state} role=${urgent ? 'alert' : 'status'}>
    <span>${message}</span>
    ${retry ? html`<button type="button" @click=${retry}>${retryLabel}</button>` : nothing}
  </div>`;
}
