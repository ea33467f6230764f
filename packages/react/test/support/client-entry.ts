// Bundled for the browser by the server-rendering test: hydrates the server's HTML. The heading the server rendered
// is kept so the test can tell a real hydration (same node) from React throwing the markup away and rendering anew.
import { createElement, version } from 'react';
import { hydrateRoot } from 'react-dom/client';
import { App } from './app.js';

const container = document.getElementById('root');
if (!container) throw new Error('no #root');
const serverHeading = container.querySelector('h1');
hydrateRoot(container, createElement(App));
Object.assign(window, { serverHeadingKept: () => container.querySelector('h1') === serverHeading, reactVersion: version });
