/**
 * Architecture rules, checked by `npm test` (npm run lint:deps). They keep the layering of
 * ../shared/STYLE.md true as the code grows.
 */
module.exports = {
  forbidden: [
    {
      name: 'libs-do-not-import-apps',
      comment: 'Shared libraries serve the services; they never reach into one.',
      severity: 'error',
      from: { path: '^libs/' },
      to: { path: '^apps/' },
    },
    {
      name: 'apps-do-not-import-each-other',
      comment: 'Services talk over Kafka only; shared code belongs in libs/.',
      severity: 'error',
      from: { path: '^apps/([^/]+)/' },
      to: { path: '^apps/', pathNot: '^apps/$1/' },
    },
    {
      name: 'production-code-does-not-import-tests',
      severity: 'error',
      from: { path: '^(apps|libs)/', pathNot: '(\\.spec\\.ts$|^apps/[^/]+/test/)' },
      to: { path: '(^test/|^bench/|\\.spec\\.ts$)' },
    },
    {
      name: 'shared-rules-are-plain',
      comment: 'Contracts, money, VAT, Result, the clock, sealed secrets and the backoff rule are used by every layer, domains included: no framework.',
      severity: 'error',
      from: { path: '^libs/(contracts|money|result|vat|webhooks|clock|secrets|retry)/' },
      to: { path: 'node_modules/(@nestjs|typeorm|kafkajs|pg)/' },
    },
    {
      name: 'domain-is-pure',
      comment: 'A service domain/ folder holds rules only: no Nest, TypeORM, kafkajs, and no other layer; shared pure rules (money, VAT) come from libs.',
      severity: 'error',
      from: { path: '^apps/[^/]+/src/domain/' },
      to: {
        pathNot: ['^apps/[^/]+/src/domain/', '^libs/(contracts|clock|money|result|vat|webhooks|retry)/', 'node_modules/zod/'],
      },
    },
    {
      name: 'application-uses-no-entity',
      comment:
        'Handlers load, call the domain, save and emit through repositories that speak domain and read-model types; TypeORM and its entities stay in infrastructure.',
      severity: 'error',
      from: { path: '^apps/[^/]+/src/application/' },
      to: { path: ['\\.entity\\.ts$', '/entities/', 'node_modules/typeorm/'] },
    },
    {
      name: 'application-uses-no-infrastructure',
      comment: 'The application layer names what it needs as ports (application/ports); infrastructure implements them and the module binds them.',
      severity: 'error',
      from: { path: '^apps/[^/]+/src/application/' },
      to: { path: '^apps/[^/]+/src/infrastructure/' },
    },
    {
      name: 'application-uses-no-interface',
      severity: 'error',
      from: { path: '^apps/[^/]+/src/application/' },
      to: { path: '^apps/[^/]+/src/interface/' },
    },
    {
      name: 'interface-uses-no-infrastructure',
      comment:
        "Controllers, guards and presenters talk to the application layer; a development stand-in's own HTTP surface lives beside it in infrastructure/.",
      severity: 'error',
      from: { path: '^apps/[^/]+/src/interface/' },
      to: { path: '^apps/[^/]+/src/infrastructure/' },
    },
    {
      name: 'use-a-lib-through-its-index',
      comment: "A lib's index.ts is its only public face.",
      severity: 'error',
      from: { pathNot: '^libs/([^/]+)/' },
      to: { path: '^libs/[^/]+/src/', pathNot: '^libs/[^/]+/src/index\\.ts$' },
    },
  ],
  options: {
    tsConfig: { fileName: 'tsconfig.json' },
    // Type-only imports count too: a type is as much a dependency of a layer as a value.
    tsPreCompilationDeps: true,
    doNotFollow: { path: 'node_modules' },
    exclude: { path: '^dist/' },
  },
};
