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
  assert.equal(minifyCss(css), `:host{display:block}.a .b:hover,.c>.d{content:';}  x  '/"";margin:0 auto}@media (max-width:40rem){.x{color:red}}`);
  // A colon without a space after it is a selector's; the spaces inside values and calc() stay.
  assert.equal(minifyCss(':host(:dir(rtl)) .a:not(.b) { inset: calc(100% - 1px) 0; font: 1em "A, B", serif }'),
    ':host(:dir(rtl)) .a:not(.b){inset:calc(100% - 1px) 0;font:1em "A, B",serif}');
  // Leading zeros go from numbers, not from class names or larger numbers.
  assert.equal(minifyCss('.col-0.x { opacity: 0.5; margin: 10.5px 0.25em; width: calc(0.9em + 2px); color: rgb(0, 0.5, 1) }'),
    '.col-0.x{opacity:.5;margin:10.5px .25em;width:calc(.9em + 2px);color:rgb(0,.5,1)}');
  // Spaces go around a value's slash and a product's star, not around a universal selector's star or a sum's signs.
  assert.equal(minifyCss('.a * .b, * > p { background: x 0 0 / 100% 2px; width: calc(var(--s) * 1.5 - 2 * 0.5em); top: calc((1px - 0.9em) / 2) !important }'),
    '.a * .b,*>p{background:x 0 0/100% 2px;width:calc(var(--s)*1.5 - 2*.5em);top:calc((1px - .9em)/2)!important}');
  // A parenthesis loses the spaces inside it, not the one before it (a media query's `and (`).
  assert.equal(minifyCss('@media screen and ( min-width: 1px ) { .a { background: linear-gradient(\n  to bottom, red 0\n) } }'),
    '@media screen and (min-width:1px){.a{background:linear-gradient(to bottom,red 0)}}');
});

test('the plugin minifies css templates in TypeScript sources, keeps their line count, and leaves others alone', () => {
  const plugin = /** @type {{ transform: (code: string, id: string) => { code: string } | null }} */ (/** @type {unknown} */ (cssLiterals()));
  const source = 'const a = css`\n  :host {\n    color: red;\n  }\n`;\nconst b = css`:host { color: ${x}; }`;\nconst c = html`<p>  x  </p>`;\n';
  const result = plugin.transform(source, '/src/a.ts');
  assert.ok(result);
  assert.equal(result.code, 'const a = css`:host{color:red}\n\n\n\n`;\nconst b = css`:host { color: ${x}; }`;\nconst c = html`<p>  x  </p>`;\n');
  assert.equal(result.code.split('\n').length, source.split('\n').length);
  assert.equal(plugin.transform(source, '/src/a.js'), null);
});
