/**
 * The dependency rules between packages and modules (checked by `npm test` through `npm run lint:deps`).
 * See ARCHITECTURE.md for why each rule exists.
 */
module.exports = {
  forbidden: [
    { name: 'no-circular', severity: 'error', comment: 'Modules form a directed graph at run time; a cycle means two modules should be one, or share a third. Type-only imports do not count.', from: {}, to: { circular: true, viaOnly: { dependencyTypesNot: ['type-only'] } } },
    {
      name: 'contracts-stand-alone',
      severity: 'error',
      comment: 'contracts (schemas, codes) is what clients import: it depends on no other workspace package.',
      from: { path: '^packages/contracts/' },
      to: { path: '^(packages/(db|core)|apps)/' },
    },
    {
      name: 'db-knows-no-domain',
      severity: 'error',
      comment: 'db is connection and migrations only.',
      from: { path: '^packages/db/' },
      to: { path: '^(packages/(core|contracts)|apps)/' },
    },
    {
      name: 'web-speaks-contracts',
      severity: 'error',
      comment: 'The web apps reach the platform through the API only: of the workspace they import contracts, nothing else.',
      from: { path: '^apps/web/' },
      to: { path: '^(packages/(db|core)|apps/server)/' },
    },
    {
      name: 'core-not-http',
      severity: 'error',
      comment: 'The domain never depends on the HTTP server or the CLI.',
      from: { path: '^packages/core/' },
      to: { path: '^apps/' },
    },
    {
      name: 'rules-are-pure',
      severity: 'error',
      comment: 'Rules (*.rules.ts: state machine, routing, throttling) are pure functions: no database, no repositories.',
      from: { path: '\\.rules\\.ts$' },
      to: { path: '(^packages/db/|repository|node_modules/(pg|@electric-sql))' },
    },
    {
      name: 'foundations-below-orders',
      severity: 'error',
      comment: 'territory, calendar, catalogue, org, auth, timers and notify are below orders: they never import it (nor supervision).',
      from: { path: '^packages/core/src/(territory|calendar|catalogue|org|auth|shared|timers|notify)/' },
      to: { path: '^packages/core/src/(orders|supervision)/' },
    },
    {
      name: 'only-demo-imports-demo',
      severity: 'error',
      comment: 'Demo data builders are used by the CLI and tests, never by the product modules.',
      from: { path: '^packages/core/src/(?!demo/)' },
      to: { path: '^packages/core/src/demo/' },
    },
    {
      name: 'no-global-database',
      severity: 'error',
      comment: 'Business code receives its database handle; only the platform wiring and tests open one.',
      from: { path: '^packages/core/src/(?!demo/).*', pathNot: '\\.test\\.ts$' },
      to: { path: '^packages/db/src/(open|pglite|postgres|testing)\\.ts$' },
    },
    {
      name: 'no-test-code-in-product',
      severity: 'error',
      from: { pathNot: '(\\.test\\.ts$|/test/|/bench/)' },
      to: { path: '(\\.test\\.ts$|/test/|testing\\.ts$)' },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    exclude: { path: '(node_modules|/data/|apps/web/dist/)' },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    enhancedResolveOptions: { exportsFields: ['exports'], conditionNames: ['import', 'require', 'node', 'default'], extensions: ['.ts', '.js', '.mjs'] },
    combinedDependencies: true,
  },
};
