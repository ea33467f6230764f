import { defineElement } from '../define-element.js';
import { FcoDataTable } from './data-table.js';

defineElement('fco-data-table', FcoDataTable);

declare global {
  interface HTMLElementTagNameMap {
    'fco-data-table': FcoDataTable;
  }
}
