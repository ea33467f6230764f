// Read by the analyzer (scripts/analyze.mjs). It must not write its output folder into package.json: the manifest
// is generated into a scratch folder and compared, and package.json's `customElements` names the committed file.
export default {
  globs: ['src/**/*.ts'],
  litelement: true,
  packagejson: false,
};
