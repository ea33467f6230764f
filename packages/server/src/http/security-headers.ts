/**
 * The headers a security review expects, from Hono's secure-headers middleware: nosniff, no framing, HSTS, a
 * cross-origin resource policy and a Content-Security-Policy on every answer. API answers get the strictest policy
 * (they are data, never a page); the `/docs` page gets one that its API reference (Scalar, served from this origin)
 * works under, and the headers that act only on a page. Answers of the API (`/v1/…`) are never stored by a browser or
 * a shared cache: they carry customer data and tokens.
 */
import { Hono, type MiddlewareHandler } from 'hono';
import { secureHeaders } from 'hono/secure-headers';
import type { RequestStep } from './answer-headers.js';

const COMMON = { xFrameOptions: 'DENY' };

/**
 * Headers that act only on a page a browser shows (its links, popups, features, prefetching, the XSS filter of old
 * browsers, IE's download prompt, Flash's and Acrobat's policy files). Data answers leave them out: they protect
 * nothing there and were a third of the bytes of every answer (8 of 21 headers), which at fifty clients costs
 * throughput.
 */
const PAGE_ONLY = {
  referrerPolicy: 'no-referrer',
  // Nothing here needs the camera, the microphone, geolocation or payments.
  permissionsPolicy: { camera: false, microphone: false, geolocation: false, payment: false, usb: false },
};
const NOT_FOR_DATA = {
  referrerPolicy: false,
  crossOriginOpenerPolicy: false,
  originAgentCluster: false,
  xDnsPrefetchControl: false,
  xDownloadOptions: false,
  xPermittedCrossDomainPolicies: false,
  xXssProtection: false,
};

/** JSON, problem+json, PDFs and the spec: nothing to run, load or frame. */
export const API_CSP = {
  defaultSrc: ["'none'"],
  frameAncestors: ["'none'"],
  baseUri: ["'none'"],
  formAction: ["'none'"],
};

/**
 * The API reference page: its script and the spec come from this origin. Scalar styles its components at run time
 * (style elements and style attributes), so styles allow 'unsafe-inline'; scripts stay 'self' only (no inline
 * script, no eval: the bundled zod probes for eval once, is refused, and validates without it). The page turns off
 * Scalar's hosted web fonts, telemetry and agent, so nothing is fetched from elsewhere.
 */
export const DOCS_CSP = {
  defaultSrc: ["'none'"],
  scriptSrc: ["'self'"],
  styleSrc: ["'self'", "'unsafe-inline'"],
  imgSrc: ["'self'", 'data:'],
  fontSrc: ["'self'", 'data:'],
  connectSrc: ["'self'"],
  frameAncestors: ["'none'"],
  baseUri: ["'none'"],
  formAction: ["'none'"],
  objectSrc: ["'none'"],
};

export const DOCS_PATH = '/docs';

export async function securityHeaders(): Promise<RequestStep> {
  // The same for every answer of a kind: what Hono's middleware sets, found once by asking it for one answer.
  const api = await headersSetBy(secureHeaders({ ...COMMON, ...NOT_FOR_DATA, contentSecurityPolicy: API_CSP }));
  const docs = await headersSetBy(secureHeaders({ ...COMMON, ...PAGE_ONLY, contentSecurityPolicy: DOCS_CSP }));
  const data = { ...api, 'Cache-Control': 'no-store' };
  return (c, headers) => {
    const path = c.req.path;
    Object.assign(headers, path === DOCS_PATH ? docs : path.startsWith('/v1/') ? data : api);
  };
}

async function headersSetBy(middleware: MiddlewareHandler): Promise<Record<string, string>> {
  const answer = await new Hono().use(middleware).get('/', (c) => c.body(null)).request('/');
  return Object.fromEntries(answer.headers);
}
