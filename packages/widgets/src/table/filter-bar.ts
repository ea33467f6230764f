/**
 * The data table's filter bar: one control per filter, typed text applied with Apply (or Enter), choices applied at
 * once. It keeps the draft values; the table hears about applied ones through `onApply` and builds the query.
 * Controls carry `data-filter`, not `name`: a control named like a form property (`name`, `nodeName`, `action`)
 * would shadow that property of its form for every script on the page.
 */
import { html, nothing, type ReactiveController, type ReactiveControllerHost, type TemplateResult } from 'lit';
import type { Localizer } from '../i18n/localizer.js';
import type { FilterDef, FilterValues } from './types.js';

export class FilterBar implements ReactiveController {
  private draft: FilterValues = {};
  private appliedValues: FilterValues = {};

  constructor(
    private readonly host: ReactiveControllerHost,
    private readonly onApply: (values: FilterValues) => void,
  ) {
    host.addController(this);
  }

  hostConnected(): void {}

  /** The values the current query was built from. */
  get applied(): FilterValues {
    return this.appliedValues;
  }

  /** Whether the user narrowed the rows. */
  get active(): boolean {
    return Object.values(this.appliedValues).some((v) => v.trim() !== '');
  }

  private apply(): void {
    this.appliedValues = { ...this.draft };
    this.host.requestUpdate();
    this.onApply(this.appliedValues);
  }

  private readonly onInput = (event: Event): void => {
    const target = event.target as HTMLInputElement | HTMLSelectElement;
    // A number typed badly reads as '' ("12-50"): kept out of the draft, or rendering the draft would empty the field
    // under the typing. The browser's validation holds Apply until it is mended.
    if (target instanceof HTMLInputElement && target.validity.badInput) return;
    this.draft = { ...this.draft, [target.dataset['filter'] ?? '']: target.value };
    this.host.requestUpdate();
    if (!(target instanceof HTMLSelectElement)) return;
    // A choice applies at once, with the rest of the bar: not while a number in it is typed badly ("12-50" reads as
    // no number at all), which would drop it unseen. The browser says which one; Apply applies both once it is mended.
    if (target.form?.reportValidity() === false) return;
    this.apply();
  };

  private readonly onSubmit = (event: SubmitEvent): void => {
    event.preventDefault();
    this.apply();
  };

  private readonly onClear = (event: Event): void => {
    // Empties a badly typed number too, which the draft never held.
    (event.target as HTMLButtonElement).form?.reset();
    this.draft = {};
    this.apply();
  };

  render(filters: readonly FilterDef[], label: string, l: Localizer): TemplateResult | typeof nothing {
    if (filters.length === 0) return nothing;
    const t = l.messages;
    return html`<form class="filters" role="search" aria-label=${label ? `${t.filters}: ${label}` : t.filters} @submit=${this.onSubmit}>
      ${filters.map((def) => this.renderControl(def, l))}
      <button type="submit" class="primary">${t.applyFilters}</button>
      <button type="button" @click=${this.onClear}>${t.clearFilters}</button>
    </form>`;
  }

  private renderControl(def: FilterDef, l: Localizer): TemplateResult {
    const values = this.draft;
    const t = l.messages;
    const select = (options: TemplateResult[]) =>
      html`<label
        >${def.label(l)}<select data-filter=${def.id} .value=${values[def.id] ?? ''} @change=${this.onInput}>
          <option value="">${t.any}</option>
          ${options}
        </select></label
      >`;
    const range = (type: string, extra: { step?: string } = {}) =>
      html`<fieldset>
        <legend>${def.label(l)}</legend>
        ${(['from', 'to'] as const).map(
          (end) =>
            html`<label
              >${t[end]}<input
                type=${type}
                step=${extra.step ?? nothing}
                data-filter=${`${def.id}.${end}`}
                .value=${values[`${def.id}.${end}`] ?? ''}
                @input=${this.onInput}
            /></label>`,
        )}
      </fieldset>`;
    switch (def.kind) {
      case 'text':
      case 'uuid':
        return html`<label
          >${def.label(l)}<input type="search" data-filter=${def.id} .value=${values[def.id] ?? ''} @input=${this.onInput}
        /></label>`;
      case 'enum':
        return select(def.options.map((o) => html`<option value=${o.value} ?selected=${values[def.id] === o.value}>${o.label(l)}</option>`));
      case 'boolean':
        return select([
          html`<option value="true" ?selected=${values[def.id] === 'true'}>${t.yes}</option>`,
          html`<option value="false" ?selected=${values[def.id] === 'false'}>${t.no}</option>`,
        ]);
      case 'date-range':
        return range('date');
      case 'number-range':
        return range('number', { step: def.integer ? '1' : 'any' });
    }
  }
}
