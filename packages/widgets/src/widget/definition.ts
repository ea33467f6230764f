/**
 * The declarative shape of a list widget: what it lists, shows, filters and does, typed from the spec's metadata
 * (`metadata.listServers` from `@fco-admin/sdk`). The base class in list-widget.ts does everything else (gate,
 * table, fresh read, dialog, forms, errors), so a widget file states this object and its JSDoc, nothing more.
 */
import type { TemplateResult } from 'lit';
import type { Client, ItemField, ListItem, ListMetadata, OperationId, FilterableField, SortableField, BodyField } from '@fco-admin/sdk';
import type { Localizer } from '../i18n/localizer.js';
import type { Messages } from '../i18n/messages.js';
import type { Scope } from '../api/types.js';
import type { SortDirection } from '../table/types.js';

/** Field names the message catalogue has a label for (`messages.fields`). */
export type LabelledField = keyof Messages['fields'] & string;

/** A localised text picked from the catalogue. */
export type Text = (messages: Messages) => string;

/** One column: a field of the item (label, format and sortability follow from the spec), or that with options. */
export type ColumnSpec<M extends ListMetadata> =
  | (ItemField<M> & LabelledField)
  | {
      field: ItemField<M> & LabelledField;
      /** Hidden until the user adds it with the column chooser. */
      hidden?: boolean;
      /** CSS grid track, e.g. `minmax(12rem, 2fr)` (default by kind). */
      width?: string;
      label?: Text;
      /** A cell of its own (a meter, a range); user data inside must still be bound as text. */
      render?: (item: ListItem<M>, l: Localizer) => string | TemplateResult;
      /** The field holds another object's id: show that object's name once the names are loaded. */
      names?: ChoiceSource;
    };

/** Choices for a filter or form field that names another object (a billing entity by name, not by id). */
export interface ChoiceSource {
  /** Scope needed to load the choices; without it the field stays a plain id field. */
  scope: Scope;
  load: (client: Client, signal: AbortSignal) => Promise<{ value: string; label: string }[]>;
}

/** One filter of the filter bar: a filterable field (the control follows its kind), or a search over several. */
export type FilterSpec<M extends ListMetadata> =
  | (FilterableField<M> & LabelledField)
  | { search: readonly (FilterableField<M> & string)[]; label: Text }
  | { field: FilterableField<M> & LabelledField; label?: Text; choices?: ChoiceSource; licenseeOnly?: boolean };

/** A field of an action's form: a field of the request body, optionally relabelled or shown as choices. */
export type FormFieldSpec<B extends BodyField> = B extends { kind: 'object'; properties: infer P }
  ?
      | (keyof P & string)
      | { field: keyof P & string; label?: Text; choices?: ChoiceSource; labels?: keyof Messages['enums'] & string; multiline?: boolean }
  : never;

/** What an action needs to do its work once the user confirmed it. */
export interface ActionContext<Item> {
  client: Client;
  /** The record as last read, fresh from the server: every write passes it as `ifMatch` (its ETag is sent). */
  item: Item;
  /** The form's body (a merge patch of the changed fields for edits), or undefined without a form. */
  body: Record<string, unknown> | undefined;
}

/** An action on one record, offered in its detail dialog. */
export interface ActionSpec<Item, B extends BodyField = BodyField> {
  /** Stable id; also the `fco-action` type (e.g. `node-maintenance`). */
  id: string;
  label: Text;
  /** Without this scope the action is not offered. */
  scope: Scope;
  /** Whether the action applies to this record (e.g. only RUNNING nodes can go into maintenance). */
  when?: (item: Item) => boolean;
  danger?: boolean;
  /** Asks before anything is sent; the text names the record (and what the form will send, if any). */
  confirm?: (messages: Messages, item: Item, body: Record<string, unknown> | undefined) => string;
  /** The record leaves this list when the action succeeds (an approval): the dialog closes. */
  closes?: boolean;
  /** A form generated from the request body's schema: `body` is the operation's body metadata. */
  form?: {
    body: B;
    fields: readonly FormFieldSpec<B>[];
    /** Patch semantics: only changed fields are sent, and a 412 offers the merge view. */
    patch?: boolean;
    /** Values the form starts from (default: the item's fields of the same names). */
    initial?: (item: Item) => Record<string, unknown>;
  };
  /** Sends the action. Resolves to the record as the server now has it, or undefined when it is gone. */
  run: (context: ActionContext<Item>) => Promise<Item | undefined | void>;
  /** What the host's `fco-action` event carries besides the type and the record's id. */
  describe?: (item: Item, body: Record<string, unknown> | undefined) => Record<string, unknown>;
}

/** Another widget's list, narrowed to what belongs to one record (its columns and list operation are reused). */
export interface RelatedList<Item> {
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- any widget's definition
  definition: ListWidgetDefinition<any>;
  /** The filter that narrows it to the record. */
  filter: (item: Item) => string;
}

export interface ListWidgetDefinition<M extends ListMetadata = ListMetadata> {
  /** The element's default tag and the layout's widget type (titled in the catalogues' `widgetTitles`). */
  tag: keyof Messages['widgetTitles'];
  /** The kind of object in one row, for events (`server`, `node`). */
  object: string;
  /** Scopes without which the widget shows the forbidden state and calls nothing. */
  scopes: readonly Scope[];
  /** The list operation's metadata. */
  list: M;
  /** The read of one record (fresh, with its ETag) when a row opens. */
  get: OperationId;
  columns: readonly ColumnSpec<M>[];
  filters?: readonly FilterSpec<M>[];
  sort: readonly [SortableField<M>, SortDirection];
  /** A fixed filter the user cannot remove (e.g. `status = "PAID"`). */
  baseFilter?: string;
  /** The detail dialog's title (user text in it bound as text; `<bdi>` around each name when it joins several). */
  heading: (item: ListItem<M>) => string | TemplateResult;
  /** Fields the detail shows besides the columns' (nested arrays render as small tables). */
  detail?: readonly (ItemField<M> & LabelledField)[];
  /** Lists of other objects that belong to the record, shown in its detail (a customer's users). */
  related?: readonly RelatedList<ListItem<M>>[];
  /**
   * The record's actions, built with `action`, which types each one's record by this list and its form by the
   * body metadata it names.
   */
  actions?: (action: ActionBuilder<ListItem<M>>) => readonly ActionSpec<ListItem<M>, any>[];
  /** Rows have selection checkboxes (`fco-selection-changed`). */
  selectable?: boolean;
}

/** Checks a definition against its list's metadata at compile time and returns it unchanged. */
export function defineListWidget<M extends ListMetadata>(definition: ListWidgetDefinition<M>): ListWidgetDefinition<M> {
  return definition;
}

export type ActionBuilder<Item> = <B extends BodyField = BodyField>(action: ActionSpec<Item, B>) => ActionSpec<Item, B>;

/** An action's definition, typed by the record and the request body (for the form's fields). */
export function defineAction<Item, B extends BodyField = BodyField>(action: ActionSpec<Item, B>): ActionSpec<Item, B> {
  return action;
}
