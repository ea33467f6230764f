import '../table/define.js';
import { defineElement } from '../define-element.js';
import { FcoPendingCustomers } from './pending-customers.js';

defineElement('fco-pending-customers', FcoPendingCustomers);

declare global {
  interface HTMLElementTagNameMap {
    'fco-pending-customers': FcoPendingCustomers;
  }
}
