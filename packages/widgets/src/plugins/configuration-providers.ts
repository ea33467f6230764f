import { html, type TemplateResult } from 'lit';
import { listConfigurationProviders, updateConfigurationProviderBody } from '@fco-admin/sdk/metadata';
import { FcoListWidget } from '../widget/list-widget.js';
import { defineListWidget } from '../widget/definition.js';
import { billingEntityChoices, fdlCodeBlockChoices } from '../widget/choices.js';
import { enumLabel } from '../widget/format.js';
import type { Localizer } from '../i18n/localizer.js';
import type { ConfigurationProvider, ConfigurationValue } from '../api/types.js';
import { providerForm, providerInitial, valuesAsText } from './provider-form.js';
import { scrollRegion } from '../widget/scroll-region.js';

/** A value as the detail shows it: a password only as set or not, never its text. */
function shownValue(value: ConfigurationValue, l: Localizer): string {
  const t = l.messages;
  if (value.validator === 'PASSWORD') return value.hasValue ? t.secretIsSet : t.secretIsNotSet;
  if (value.value === null) return t.none;
  if (value.validator === 'BOOLEAN') return l.boolean(value.value === 'true');
  if (value.validator === 'DATE') return l.date(value.value);
  return value.value;
}

function valuesTable(provider: ConfigurationProvider, l: Localizer): TemplateResult {
  const t = l.messages;
  if (provider.values.length === 0) return html`${t.none}`;
  return scrollRegion(
    'nested-scroll',
    t.fields.values,
    html`<table class="nested" aria-label=${t.fields.values}>
      <thead>
        <tr>
          <th scope="col">${t.fields.name}</th>
          <th scope="col">${t.fields.validator}</th>
          <th scope="col">${t.fields.value}</th>
          <th scope="col">${t.fields.required}</th>
        </tr>
      </thead>
      <tbody>
        ${provider.values.map(
          (value) => html`<tr data-key=${value.key}>
            <td>${value.name}</td>
            <td>${enumLabel(l, 'ValueValidator', value.validator)}</td>
            <td>${shownValue(value, l)}</td>
            <td>${l.boolean(value.required)}</td>
          </tr>`,
        )}
      </tbody>
    </table>`,
  );
}

/**
 * The configuration providers the signed FDL code blocks register: what each configures, and its values. Edit the
 * values in a form generated from each value's validator (pattern, choice, whole or decimal number within bounds,
 * yes/no, password, long text, date), with the server's complaint about a value on its field. Password values are
 * write only: shown as set or not, never read back.
 *
 * @element fco-configuration-providers
 */
export class FcoConfigurationProviders extends FcoListWidget {
  static override definition = defineListWidget({
    tag: 'fco-configuration-providers',
    object: 'configuration-provider',
    scopes: ['plugins:read'],
    list: listConfigurationProviders,
    get: 'getConfigurationProvider',
    heading: (provider) => provider.name,
    columns: [
      { field: 'name', width: 'minmax(12rem, 2fr)' },
      'providerType',
      'providerGroup',
      'resourceConfigs',
      { field: 'fdlCodeBlockId', label: (t) => t.fields.fdlCodeBlock, names: fdlCodeBlockChoices, width: 'minmax(10rem, 1fr)' },
      { field: 'billingEntityId', label: (t) => t.fields.billingEntityName, names: billingEntityChoices, width: 'minmax(10rem, 1fr)', hidden: true },
      'updatedAt',
      { field: 'createdAt', hidden: true },
    ],
    filters: [
      'name',
      'providerType',
      'providerGroup',
      { field: 'fdlCodeBlockId', label: (t) => t.fields.fdlCodeBlock, choices: fdlCodeBlockChoices },
      { field: 'billingEntityId', label: (t) => t.fields.billingEntityName, choices: billingEntityChoices },
    ],
    sort: ['name', 'ascending'],
    detail: ['values'],
    detailRender: { values: (provider, l) => valuesTable(provider as ConfigurationProvider, l) },
    actions: (action) => [
      action({
        id: 'configuration-provider-edit',
        label: (t) => t.editValues,
        scope: 'plugins:write',
        when: (provider) => provider.values.length > 0,
        form: {
          body: updateConfigurationProviderBody,
          patch: true,
          fields: ['values'],
          bodyOf: (provider, l) => providerForm(provider, l),
          initial: providerInitial,
        },
        run: ({ client, item, body }) =>
          client.plugins.updateConfigurationProvider({ configurationProviderId: item.id, ifMatch: item, body: { values: valuesAsText(body?.values) } }),
      }),
    ],
  });
}
