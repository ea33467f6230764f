/** Layout rules: the default that fits the caller's token, and what a saved layout may contain. */
import { ApiProblem, type FieldError } from '../../http/problem.js';
import { mayCall, type RequestPrincipal } from '../../identity/principal.js';
import { roleScopes, type Role } from '../../identity/scopes.js';
import type { Schema } from '../../spec/types.js';
import { shownOperation } from '../../spec/widgets.js';
import { WIDGET_CATALOGUE, widgetNeeds, type CatalogueWidget } from './catalogue.js';

export type Layout = Schema<'Layout'>;
export type LayoutTabs = Schema<'LayoutTabs'>;

const mayUse = (role: Role, needs: string | null) => needs === null || (roleScopes(role) as string[]).includes(needs);

/** Who a default layout is for: the role, and what the token may call (its scopes, the widgets it is limited to). */
export type LayoutCaller = Pick<RequestPrincipal, 'role' | 'scopes' | 'widgets'>;

/**
 * A widget is in the caller's default when the role gets it by default, a token limited to widgets names it, and the
 * token may call what it shows: an embed session without `invoices:read` gets no invoice widgets rather than panels
 * that answer "forbidden", and one for `fco-users` no customer list although the users widget's picker lists them.
 */
function inDefault(caller: LayoutCaller, widget: CatalogueWidget): boolean {
  if (!mayUse(caller.role, widget.needs) || !widget.defaultFor.includes(caller.role)) return false;
  if (caller.widgets !== null && !caller.widgets.includes(widget.type)) return false;
  const shown = shownOperation(widget.type);
  return shown !== undefined && mayCall(caller, shown);
}

/**
 * The default tabs for a caller: each catalogue tab with the widgets that are in its default (tabs left empty are left
 * out); widget ids are tags sans `fco-`.
 */
export function defaultTabs(caller: LayoutCaller): LayoutTabs {
  return WIDGET_CATALOGUE.map((tab) => ({
    id: tab.id,
    title: tab.title,
    widgets: tab.widgets
      .filter((widget) => inDefault(caller, widget))
      .map((widget) => ({ id: widget.type.replace(/^fco-/, ''), type: widget.type })),
  })).filter((tab) => tab.widgets.length > 0) as LayoutTabs;
}

export function defaultLayout(caller: LayoutCaller): Layout {
  return { tabs: defaultTabs(caller), isDefault: true, updatedAt: null };
}

/**
 * The checks the schema cannot express: unique tab ids, widget ids unique in their tab, known widget types the
 * role may use. Every violation is reported (422) with its JSON pointer.
 */
export function assertValidTabs(tabs: LayoutTabs, role: Role): void {
  const errors: FieldError[] = [];
  const tabIds = new Set<string>();
  tabs.forEach((tab, t) => {
    if (tabIds.has(tab.id)) errors.push(bodyError(`/tabs/${t}/id`, 'duplicate', `Another tab already has the id "${tab.id}".`));
    tabIds.add(tab.id);
    const widgetIds = new Set<string>();
    tab.widgets.forEach((widget, w) => {
      if (widgetIds.has(widget.id)) {
        errors.push(bodyError(`/tabs/${t}/widgets/${w}/id`, 'duplicate', `Another widget of tab "${tab.id}" already has the id "${widget.id}".`));
      }
      widgetIds.add(widget.id);
      const needs = widgetNeeds(widget.type);
      if (needs === undefined) {
        errors.push(bodyError(`/tabs/${t}/widgets/${w}/type`, 'unknown_widget', `The Admin page has no widget "${widget.type}".`));
      } else if (!mayUse(role, needs)) {
        errors.push(bodyError(`/tabs/${t}/widgets/${w}/type`, 'widget_not_allowed', `The widget "${widget.type}" is for the licensee's admins only.`));
      }
    });
  });
  if (errors.length) {
    throw new ApiProblem('validation_failed', { detail: errors.map((e) => `${e.pointer}: ${e.message}`).join('; '), errors });
  }
}

function bodyError(pointer: string, code: string, message: string): FieldError {
  return { location: 'body', pointer, code, message };
}
