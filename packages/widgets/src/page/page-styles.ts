import { css } from 'lit';

export const pageStyles = css`
  .bar {
    display: flex;
    gap: var(--_space);
    align-items: flex-end;
    border-bottom: 1px solid var(--_border);
    flex-wrap: wrap;
  }
  [role='tablist'] {
    display: flex;
    gap: 2px;
    flex-wrap: wrap;
    flex: 1;
  }
  [role='tab'].drop-target {
    outline: 2px dashed var(--_accent);
  }
  [role='tab'] {
    border-bottom: none;
    border-radius: var(--_radius) var(--_radius) 0 0;
    background: var(--_bg);
    display: inline-flex;
    gap: 6px;
    align-items: center;
    touch-action: none;
  }
  [role='tab'][aria-selected='true'] {
    background: var(--_surface);
    border-color: var(--_accent);
    font-weight: 600;
  }
  .customising [role='tab'] {
    cursor: grab;
  }
  .panel {
    padding-top: var(--_space);
    display: flex;
    flex-direction: column;
    gap: calc(var(--_space) * 2);
  }
  /*
   * A panel that is not selected is never displayed, whatever a host's ::part(panel) rule says: an !important
   * declaration of the shadow tree wins over the outer page's, even an !important one.
   */
  .panel[hidden] {
    display: none !important;
  }
  .widget {
    border: 1px solid var(--_border);
    border-radius: var(--_radius);
    padding: var(--_space);
  }
  .widget.drop-target {
    outline: 2px dashed var(--_accent);
  }
  .widget > header {
    display: flex;
    gap: var(--_space);
    align-items: center;
    margin-bottom: var(--_space);
    flex-wrap: wrap;
  }
  .widget > header h2 {
    font-size: 1.05em;
    margin: 0;
    flex: 1;
  }
  label.inline {
    flex-direction: row;
  }
  .handle {
    cursor: grab;
    touch-action: none;
  }
  .toolbar {
    display: flex;
    gap: var(--_space);
    flex-wrap: wrap;
    align-items: flex-end;
    padding: var(--_space);
    background: var(--_surface);
    border-radius: var(--_radius);
    margin-top: var(--_space);
  }
  .unknown {
    color: var(--_warning);
  }
  .conflict {
    border: 1px solid var(--_warning);
    padding: var(--_space);
    border-radius: var(--_radius);
    margin-top: var(--_space);
  }
`;
