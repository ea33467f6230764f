// Lit's css`` templates keep their text as written (comments, indentation), and esbuild's minifier leaves template
// text alone. This Rollup plugin minifies that text in the widgets' sources before they are compiled: comments go,
// whitespace collapses, the spaces around braces, semicolons, commas and child combinators go, and so do the one after
// a declaration's colon, those inside parentheses at either end, those around a value's `/` and a calc()'s `*`, the
// one before `!important`, and the leading zeros of numbers. Quoted strings (a `content: ' '`) are kept
// as they are, and a template with `${…}` in it is left whole (none of ours has one).

/**
 * CSS text with its comments removed and its whitespace collapsed, quoted strings untouched.
 * @param {string} text @returns {string}
 */
export function minifyCss(text) {
  let out = '';
  for (const [, quoted, rest] of text.replace(/\/\*[\s\S]*?\*\//g, ' ').matchAll(/("(?:[^"\\]|\\.)*"|'(?:[^'\\]|\\.)*')|([^"']+|["'])/g)) {
    // A colon followed by a space is a declaration's (or a media feature's): selectors never have one, nor a `/`. A `*`
    // between a number or a parenthesis and a number or a parenthesis multiplies (the universal selector has a class,
    // element or combinator beside it). A number's leading zero goes where a space, colon, comma or parenthesis comes
    // before it (a class name cannot start with a digit).
    out += quoted ?? (rest ?? '')
      .replace(/\s+/g, ' ')
      .replace(/ ?([{};,>/]) ?/g, '$1')
      .replace(/: /g, ':')
      .replace(/\( /g, '(')
      .replace(/ \)/g, ')')
      .replace(/([\d)]) \* (?=[\d(.]|var\()/g, '$1*')
      .replace(/ !important/g, '!important')
      .replace(/([ :,(*/])0\.(\d)/g, '$1.$2')
      .replace(/;}/g, '}');
  }
  return out.trim();
}

/**
 * Minifies every css`` template without expressions in the TypeScript sources Rollup loads. The lines a template
 * loses are kept as newlines at its end, so the source maps of the code after it stay right.
 * @returns {import('rollup').Plugin}
 */
export function cssLiterals() {
  return {
    name: 'fco-css-literals',
    transform(code, id) {
      if (!id.endsWith('.ts') || !code.includes('css`')) return null;
      const minified = code.replace(/\bcss`([^`]*)`/g, (whole, /** @type {string} */ body) => {
        if (body.includes('${')) return whole;
        const css = minifyCss(body);
        return `css\`${css}${'\n'.repeat(body.split('\n').length - css.split('\n').length)}\``;
      });
      return minified === code ? null : { code: minified, map: null };
    },
  };
}
