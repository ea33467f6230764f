// Bundled for Node by the server-rendering test: the app rendered to HTML as a server framework would.
import { createElement, version } from 'react';
import { renderToString } from 'react-dom/server';
import { App } from './app.js';

export const render = (): string => renderToString(createElement(App));
/** The React the bundle was built with (the test may ask for another than the workspace's). */
export const reactVersion = version;
