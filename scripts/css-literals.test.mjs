// The css`` minifier of the build (scripts/css-literals.mjs).
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { cssLiterals, minifyCss } from './css-literals.mjs';

test('drops comments and collapses whitespace, keeping quoted strings and the spaces selectors need', () => {
  const css = `
    /* why: it's a comment with a quote */
    :host { display: block; }
    .a  .b:hover ,
    .c > .d {
      content: ';}  x  ' / "";
      margin: 0  auto;
    }
    @media (max-width: 40rem) { .x { color: red } }
  `;
  assert.equal(minifyCss(css), `:host{display: block}.a .b:hover , .c > .d{content: ';}  x  ' / "";margin: 0 auto}@media (max-width: 40rem){.x{color: red}}`);
});

test('the plugin minifies css templates in TypeScript sources, keeps their line count, and leaves others alone', () => {
  const plugin = /** @type {{ transform: (code: string, id: string) => { code: string } | null }} */ (/** @type {unknown} */ (cssLiterals()));
  const source = 'const a = css`\n  :host {\n    color: red;\n  }\n`;\nconst b = css`:host { color: ${x}; }`;\nconst c = html`<p>  x  </p>`;\n';
  const result = plugin.transform(source, '/src/a.ts');
  assert.ok(result);
  assert.equal(result.code, 'const a = css`:host{color: red}\n\n\n\n`;\nconst b = css`:host { color: ${x}; }`;\nconst c = html`<p>  x  </p>`;\n');
  assert.equal(result.code.split('\n').length, source.split('\n').length);
  assert.equal(plugin.transform(source, '/src/a.js'), null);
});
