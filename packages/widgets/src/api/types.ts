/** The spec's types the widgets use, by their schema names (never re-declared here). */
import type { components } from '@fco-admin/sdk';

type Schemas = components['schemas'];

export type Principal = Schemas['Principal'];
export type SessionToken = Schemas['SessionToken'];
export type Scope = Schemas['Scope'];
export type Customer = Schemas['Customer'];
export type CustomerStatus = Schemas['CustomerStatus'];
export type User = Schemas['User'];
export type Image = Schemas['Image'];
export type Invoice = Schemas['Invoice'];
export type InvoiceStatus = Schemas['InvoiceStatus'];
export type BillingEntity = Schemas['BillingEntity'];
export type Product = Schemas['Product'];
export type ProductOffer = Schemas['ProductOffer'];
export type Cluster = Schemas['Cluster'];
export type HardwareNode = Schemas['HardwareNode'];
export type StorageUnit = Schemas['StorageUnit'];
export type IpPool = Schemas['IpPool'];
export type Problem = Schemas['Problem'];
export type FdlCodeBlock = Schemas['FdlCodeBlock'];
export type ConfigurationProvider = Schemas['ConfigurationProvider'];
export type ConfigurationValue = Schemas['ConfigurationValue'];
export type Report = Schemas['Report'];
export type ReportInput = Schemas['ReportInput'];
export type ReportInputValue = Schemas['ReportInputValue'];
export type ReportResult = Schemas['ReportResult'];
export type ReportColumn = Schemas['ReportColumn'];
export type ReportChartType = Schemas['ReportChartType'];

/** One page of a list answer (`allOf: [PageMeta, {items}]`). */
export type ListPage<Row> = Schemas['PageMeta'] & { items: Row[] };

export type Layout = Schemas['Layout'];
export type LayoutTab = Schemas['LayoutTab'];
export type LayoutWidget = Schemas['LayoutWidget'];
