import { css } from 'lit';

/**
 * Styles every element shares: the `--fco-*` properties with light defaults (so a widget also looks right outside a
 * provider), buttons, form fields, state panels, skeletons and dialogs. Lit adopts them as constructable
 * stylesheets, which a CSP without `unsafe-inline` allows.
 */
export const baseStyles = css`
  :host {
    --_accent: var(--fco-accent, #1a56b8);
    --_on-accent: var(--fco-on-accent, #ffffff);
    --_bg: var(--fco-bg, #ffffff);
    --_surface: var(--fco-surface, #f3f5f8);
    --_text: var(--fco-text, #1b1f24);
    --_muted: var(--fco-muted, #515a66);
    --_border: var(--fco-border, #c5cbd3);
    --_danger: var(--fco-danger, #b3261e);
    --_success: var(--fco-success, #1e6b34);
    --_warning: var(--fco-warning, #7a4f00);
    --_focus: var(--fco-focus, #1a56b8);
    --_radius: var(--fco-radius, 6px);
    --_space: var(--fco-space, 8px);
    display: block;
    box-sizing: border-box;
    color: var(--_text);
    background: var(--_bg);
    font-family: var(--fco-font-family, system-ui, sans-serif);
    font-size: var(--fco-font-size, 14px);
  }
  :host([hidden]) {
    display: none;
  }
  *,
  *::before,
  *::after {
    box-sizing: border-box;
  }
  button {
    font: inherit;
    color: var(--_text);
    background: var(--_surface);
    border: 1px solid var(--_border);
    border-radius: var(--_radius);
    padding: calc(var(--_space) / 2) var(--_space);
    cursor: pointer;
  }
  button.primary {
    background: var(--_accent);
    color: var(--_on-accent);
    border-color: var(--_accent);
  }
  button.danger {
    color: var(--_danger);
  }
  button:disabled {
    opacity: 0.6;
    cursor: not-allowed;
  }
  button.icon {
    padding: 2px 6px;
    min-width: 28px;
  }
  :focus-visible {
    outline: 2px solid var(--_focus);
    outline-offset: 1px;
  }
  input,
  select,
  textarea {
    font: inherit;
    color: var(--_text);
    background: var(--_bg);
    border: 1px solid var(--_border);
    border-radius: var(--_radius);
    padding: 4px 6px;
  }
  label {
    display: inline-flex;
    flex-direction: column;
    gap: 2px;
    color: var(--_muted);
    font-size: 0.9em;
  }
  label > input,
  label > select,
  label > textarea {
    color: var(--_text);
    font-size: 1rem;
  }
  .state {
    padding: calc(var(--_space) * 2);
    border: 1px dashed var(--_border);
    border-radius: var(--_radius);
    color: var(--_muted);
    display: flex;
    gap: var(--_space);
    align-items: center;
    flex-wrap: wrap;
  }
  .state.error,
  .state.forbidden,
  .state.expired {
    color: var(--_danger);
    border-style: solid;
  }
  .skeleton {
    display: block;
    height: 0.9em;
    border-radius: 3px;
    background: var(--_surface);
    animation: fco-pulse 1.2s ease-in-out infinite;
  }
  @keyframes fco-pulse {
    50% {
      opacity: 0.5;
    }
  }
  @media (prefers-reduced-motion: reduce) {
    .skeleton {
      animation: none;
    }
  }
  dialog {
    color: var(--_text);
    background: var(--_bg);
    border: 1px solid var(--_border);
    border-radius: var(--_radius);
    padding: calc(var(--_space) * 2);
    max-width: min(90vw, 56rem);
    max-height: 90vh;
    overflow: auto;
    /* Names from the server can be one 10,000-character word; they wrap instead of widening the dialog. */
    overflow-wrap: anywhere;
  }
  dialog::backdrop {
    background: rgb(0 0 0 / 0.4);
  }
  dialog h2 {
    margin-top: 0;
    font-size: 1.2em;
    overflow-wrap: anywhere;
  }
  .actions {
    display: flex;
    gap: var(--_space);
    flex-wrap: wrap;
    margin-top: var(--_space);
  }
  dl.fields {
    display: grid;
    grid-template-columns: max-content 1fr;
    gap: 4px calc(var(--_space) * 2);
    margin: 0;
  }
  dl.fields dt {
    color: var(--_muted);
  }
  dl.fields dd {
    margin: 0;
    overflow-wrap: anywhere;
  }
  .visually-hidden {
    position: absolute;
    width: 1px;
    height: 1px;
    overflow: hidden;
    clip: rect(0 0 0 0);
    white-space: nowrap;
  }
  .badge {
    display: inline-block;
    min-width: 1.5em;
    padding: 0 6px;
    border-radius: 999px;
    background: var(--_accent);
    color: var(--_on-accent);
    font-size: 0.85em;
    text-align: center;
  }
  .status {
    display: inline-block;
    padding: 0 6px;
    border-radius: 999px;
    border: 1px solid var(--_border);
    font-size: 0.85em;
  }
  /* Values that need attention stand out; the words stay the information (colour only repeats it). */
  .status:is([data-value='ERROR'], [data-value='FAILED'], [data-value='OFFLINE'], [data-value='DENY'], [data-value='CANNOT_BE_ATTACHED_TO_SERVER'], [data-value='DISABLED']) {
    border-color: var(--_danger);
    color: var(--_danger);
  }
  .status:is([data-value='MAINTENANCE'], [data-value='PENDING_APPROVAL'], [data-value='UNPAID'], [data-value='WAITING'], [data-value='SUSPENDED'], [data-value='TO_BE_DELETED'], [data-value='LOCKED'], [data-value='DRAFT']) {
    border-color: var(--_warning);
    color: var(--_warning);
  }
  .status:is([data-value='RUNNING'], [data-value='ACTIVE'], [data-value='SUCCESSFUL'], [data-value='SUCCEEDED'], [data-value='PAID'], [data-value='ALLOW'], [data-value='SIGNED']) {
    border-color: var(--_success);
    color: var(--_success);
  }
  .form-grid {
    display: grid;
    grid-template-columns: repeat(auto-fill, minmax(14rem, 1fr));
    gap: var(--_space);
  }
  .form-grid label {
    display: flex;
  }
  p.error-text {
    color: var(--_danger);
  }
`;
