import type { Customer, CustomerPatch } from '../api/types.js';
import { mergePatch } from '../dialog/merge.js';

/** The editable fields of a customer as the form holds them (plain strings). */
export interface CustomerForm extends Record<string, string> {
  organisationName: string;
  email: string;
  vatNumber: string;
  timeZone: string;
  paymentType: string;
  creditLimit: string;
}

export const formFields: (keyof CustomerForm)[] = ['organisationName', 'email', 'vatNumber', 'timeZone', 'paymentType', 'creditLimit'];

export function formOf(customer: Customer): CustomerForm {
  return {
    organisationName: customer.organisationName,
    email: customer.email,
    vatNumber: customer.vatNumber ?? '',
    timeZone: customer.timeZone,
    paymentType: customer.paymentType,
    creditLimit: customer.creditLimit.amount,
  };
}

/** The JSON Merge Patch from the form the edit started at to the form now: only changed fields; '' clears the VAT number. */
export function patchOf(base: CustomerForm, form: CustomerForm): CustomerPatch {
  const changed = mergePatch(base, form);
  const patch: CustomerPatch = {};
  if (changed.organisationName !== undefined) patch.organisationName = changed.organisationName;
  if (changed.email !== undefined) patch.email = changed.email;
  if (changed.vatNumber !== undefined) patch.vatNumber = changed.vatNumber === '' ? null : changed.vatNumber;
  if (changed.timeZone !== undefined) patch.timeZone = changed.timeZone;
  if (changed.paymentType !== undefined) patch.paymentType = changed.paymentType as CustomerPatch['paymentType'];
  if (changed.creditLimit !== undefined) patch.creditLimit = changed.creditLimit;
  return patch;
}
