/** Registers every FCO Admin Kit element under its `fco-` name. `defineWidgets(...)` registers fewer. */
import './provider/define.js';
import './page/define.js';
import './table/define.js';
import { defineWidgets } from './define-element.js';
import { widgetRegistry } from './registry.js';

for (const widget of widgetRegistry) defineWidgets(widget);
