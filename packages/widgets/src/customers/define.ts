import '../table/define.js';
import { defineElement } from '../define-element.js';
import { FcoCustomers } from './customers.js';

defineElement('fco-customers', FcoCustomers);

declare global {
  interface HTMLElementTagNameMap {
    'fco-customers': FcoCustomers;
  }
}
