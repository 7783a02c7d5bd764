/**
 * Jest transform for a CommonJS package that require()s Nest 12's ES modules (@nestjs/throttler).
 * Node 20.19+ runs that natively (require of ESM), but Jest's module loader supports it only on
 * Node 24.9+, so in the tests the package is handed to Jest as an ES module instead: every
 * require("x") becomes a static `import * as ... from "x"`, and the names it assigns to `exports`
 * are exported. Only for TypeScript-emitted CommonJS, whose requires are all static strings.
 */
const REQUIRE = /require\("([^"]+)"\)/g;
const EXPORTED = /\bexports\.([A-Za-z_$][\w$]*)\s*=/g;
const EXPORT_STAR = /__exportStar\(require\("([^"]+)"\), exports\)/g;

const { createHash } = require('node:crypto');
const { readFileSync } = require('node:fs');
const SELF = createHash('sha256').update(readFileSync(__filename)).digest('hex');

module.exports = {
  // A change to this transform must not be hidden by Jest's cache of what it produced before.
  getCacheKey(source, path) {
    return createHash('sha256').update(SELF).update(path).update(source).digest('hex');
  },
  process(source) {
    const specifiers = [...new Set([...source.matchAll(REQUIRE)].map((m) => m[1]))];
    const imports = specifiers.map((s, i) => `import * as __dep${i} from ${JSON.stringify(s.startsWith('.') ? `${s}.js` : s)};`);
    const table = specifiers.map((s, i) => `${JSON.stringify(s)}: __dep${i}`).join(', ');
    const names = [...new Set([...source.matchAll(EXPORTED)].map((m) => m[1]))].filter((n) => n !== '__esModule');
    const stars = [...source.matchAll(EXPORT_STAR)].map((m) => `export * from ${JSON.stringify(`${m[1]}.js`)};`);
    const code = [
      ...imports,
      `const __deps = { ${table} };`,
      'const require = (id) => { if (!(id in __deps)) throw new Error(`not imported: ${id}`); return __deps[id]; };',
      'const module = { exports: {} };',
      'let exports = module.exports;',
      source,
      // Aliased: the module's own code may declare the same name (function normalizeIp ... exports.normalizeIp = normalizeIp).
      ...names.map((n, i) => `const __export${i} = module.exports.${n};\nexport { __export${i} as ${n} };`),
      ...stars,
      'export default module.exports;',
    ].join('\n');
    return { code };
  },
};
