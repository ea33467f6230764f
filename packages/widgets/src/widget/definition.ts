/**
 * The declarative shape of a list widget: what it lists, shows, filters and does, typed from the spec's metadata
 * (`metadata.listServers` from `@fco-admin/sdk`). The base class in list-widget.ts does everything else (gate,
 * table, fresh read, dialog, forms, errors), so a widget file states this object and its JSDoc, nothing more.
 */
import type { TemplateResult } from 'lit';
import type { Client, Schema, FieldError, ItemField, ListItem, ListMetadata, OperationId, FilterableField, SortableField, BodyField } from '@fco-admin/sdk';
import type { Localizer } from '../i18n/localizer.js';
import type { Messages } from '../i18n/messages.js';
import type { Principal, Scope } from '../api/types.js';
import type { SortDirection } from '../table/types.js';
import type { FieldPresentation } from '../form/form-view.js';

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

/** A field of an action's form: a field of the request body, optionally relabelled, shown as choices or locked. */
export type FormFieldSpec<B extends BodyField, Item = unknown> = B extends { kind: 'object'; properties: infer P }
  ?
      | (keyof P & string)
      | {
          field: keyof P & string;
          label?: Text;
          /** Other objects by name (loaded once, where the caller may read them). */
          choices?: ChoiceSource;
          /** Choices that come from the record itself (the billing entities an image is shared with). */
          options?: (item: Item, l: Localizer, env: ActionEnv) => { value: string; label: string }[];
          /** The enum whose labels name an inline enum's values. */
          labels?: keyof Messages['enums'] & string;
          multiline?: boolean;
          /** Why the field cannot be changed now (shown beside it, the control disabled), or undefined. */
          locked?: (item: Item, env: ActionEnv) => Text | undefined;
          /** A control of the widget's own for this field (a code editor); it reports changes through `input`. */
          control?: CustomControl<Item>;
        }
  : never;

/**
 * Renders a field's control when a widget brings its own (the code editor); user data bound as text. It is not
 * wrapped in a `<label>` (which names native controls only): `labelId` is the element holding the label's text.
 */
export type CustomControl<Item = unknown> = (field: {
  id: string;
  labelId: string;
  label: string;
  value: string;
  disabled: boolean;
  invalid: boolean;
  describedBy: string | undefined;
  /** The server's complaint about the field from the last save (its 422 error, with what it carries: a line). */
  error: FieldError | undefined;
  /** The record the form edits; undefined while creating one. */
  record: Item | undefined;
  localizer: Localizer;
  input: (value: string) => void;
}) => TemplateResult;

/**
 * A record's own form where the spec cannot give it in advance (a configuration provider's values, one field per
 * value with its validator): the schema of some of the form's fields, and how its fields show, by JSON pointer.
 */
export interface OwnForm {
  /** Replaces the schemas of the fields it names. */
  body: Extract<BodyField, { kind: 'object' }>;
  /** Labels, hints and presentation of fields by pointer (`/values/apiKey`), over what their names would give. */
  fields?: { readonly [pointer: string]: Partial<FieldPresentation> };
}

/** What an action's `when` may consult besides the record: who is signed in, and the choices loaded. */
export interface ActionEnv {
  principal: Principal | undefined;
  choices: (source: ChoiceSource) => readonly { value: string; label: string }[] | undefined;
}

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
  when?: (item: Item, env: ActionEnv) => boolean;
  danger?: boolean;
  /** Asks before anything is sent; the text names the record (and what the form will send, if any, by name). */
  confirm?: (messages: Messages, item: Item, body: Record<string, unknown> | undefined, env: ActionEnv) => string;
  /** The record leaves this list when the action succeeds (an approval): the dialog closes. */
  closes?: boolean;
  /** A form generated from the request body's schema: `body` is the operation's body metadata. */
  form?: {
    body: B;
    fields: readonly FormFieldSpec<B, Item>[];
    /** The record's own schema and presentation for some fields (see OwnForm). */
    bodyOf?: (item: Item, l: Localizer) => OwnForm;
    /** Patch semantics: only changed fields are sent, and a 412 offers the merge view. */
    patch?: boolean;
    /** The submit button's text (default: Save for patches, else the action's label). */
    submitLabel?: Text;
    /** Values the form starts from (default: the item's fields of the same names). */
    initial?: (item: Item) => Record<string, unknown>;
  };
  /** Sends the action. Resolves to the record as the server now has it, or undefined when it is gone. */
  run: (context: ActionContext<Item>) => Promise<Item | undefined | void>;
  /** What the host's `fco-action` event carries besides the type and the record's id. */
  describe?: (item: Item, body: Record<string, unknown> | undefined) => Record<string, unknown>;
}

/** Another widget's list, narrowed to what belongs to one record (its columns and list operation are reused). */
export interface RelatedList<Item, R extends ListMetadata = ListMetadata> {
  title: Text;
  /** Without this scope the list is left out. */
  scope: Scope;
  list: R;
  columns: readonly ColumnSpec<R>[];
  sort: readonly [SortableField<R>, SortDirection];
  /** The filter that narrows it to the record, for a list of every such object (a customer's users). */
  filter?: (item: Item) => string;
  /** Path parameters, for a list that belongs to the record (an image's publications). */
  params?: (item: Item) => Record<string, string>;
}

/** A related list, typed by its own list's metadata. */
export function relatedList<Item, R extends ListMetadata>(related: RelatedList<Item, R>): RelatedList<Item, R> {
  return related;
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
  /**
   * The kind of object in the change stream (`Invoice`) when it is not the list's item schema (`InvoiceSummary`):
   * changes to objects of this kind refresh the rows in place.
   */
  kind?: Schema<'ChangeKind'>;
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
  detail?: readonly ((ItemField<M> & LabelledField) | LabelledField)[];
  /** How some detail fields show beyond their kind (an invoice's items in its currency). */
  detailRender?: { readonly [F in LabelledField]?: (item: ListItem<M>, l: Localizer) => string | TemplateResult };
  /** Lists of other objects that belong to the record, shown in its detail (a customer's users). */
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- each related list is typed where it is made
  related?: readonly RelatedList<ListItem<M>, any>[];
  /**
   * The record's actions, built with `action`, which types each one's record by this list and its form by the
   * body metadata it names.
   */
  actions?: (action: ActionBuilder<ListItem<M>>) => readonly ActionSpec<ListItem<M>, any>[];
  /** Rows have selection checkboxes (`fco-selection-changed`). */
  selectable?: boolean;
  /**
   * The rows form a hierarchy by this field (a billing entity's parent): shown as a tree, every row loaded (at most
   * a few thousand; hierarchies this shape stay small), without the filter bar.
   */
  tree?: { parent: ItemField<M> };
  /** Creating a record, offered above the list to callers with its scope. */
  create?: (create: CreateBuilder<ListItem<M>>) => CreateSpec<ListItem<M>, any>;
  /**
   * What the widget's details and forms need beyond the shared pieces (elements they render, such as the code
   * editor), imported and registered when the widget first connects, a chunk of its own so pages and tabs without the
   * widget never load it: `async () => (await import('../code/code-elements.js')).defineCodeElements()` (a call, not
   * an import's side effect, which a host's bundler may drop).
   */
  load?: () => Promise<unknown>;
}

/** Checks a definition against its list's metadata at compile time and returns it unchanged. */
export function defineListWidget<M extends ListMetadata>(definition: ListWidgetDefinition<M>): ListWidgetDefinition<M> {
  return definition;
}

export type ActionBuilder<Item> = <B extends BodyField = BodyField>(action: ActionSpec<Item, B>) => ActionSpec<Item, B>;

/** Creating a record from the list: a form generated from the create operation's body. */
export interface CreateSpec<Item, B extends BodyField = BodyField> {
  id: string;
  label: Text;
  scope: Scope;
  form: {
    body: B;
    fields: readonly FormFieldSpec<B>[];
    /** Values the form starts with (e.g. the customer a user list is narrowed to). */
    initial?: () => Record<string, unknown>;
  };
  run: (context: { client: Client; body: Record<string, unknown> }) => Promise<Item>;
}

export type CreateBuilder<Item> = <B extends BodyField = BodyField>(create: CreateSpec<Item, B>) => CreateSpec<Item, B>;

/** An action's definition, typed by the record and the request body (for the form's fields). */
export function defineAction<Item, B extends BodyField = BodyField>(action: ActionSpec<Item, B>): ActionSpec<Item, B> {
  return action;
}
