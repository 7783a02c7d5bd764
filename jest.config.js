/**
 * Nest 12 ships as ES modules only, and Jest loads those only in its native ESM mode
 * (node --experimental-vm-modules, see the "jest" script), so swc compiles our TypeScript to ESM
 * for the tests. The build (tsc) still emits CommonJS, which Node 20.19+ runs with require(esm).
 * Unit tests sit beside the code (*.spec.ts); integration tests under test/ use real Kafka and PostgreSQL.
 */
const swc = [
  '@swc/jest',
  {
    jsc: {
      target: 'es2022',
      parser: { syntax: 'typescript', decorators: true },
      transform: { legacyDecorator: true, decoratorMetadata: true, useDefineForClassFields: false },
      keepClassNames: true,
    },
    module: { type: 'es6' },
    sourceMaps: 'inline',
  },
];
const common = {
  rootDir: __dirname,
  transform: { '^.+\\.ts$': swc, '/node_modules/@nestjs/throttler/.+\\.js$': '<rootDir>/test/support/commonjs-as-esm.cjs' },
  transformIgnorePatterns: ['/node_modules/(?!@nestjs/throttler/)'],
  extensionsToTreatAsEsm: ['.ts'],
  moduleNameMapper: { '^@rental/(.*)$': '<rootDir>/libs/$1/src' },
  testEnvironment: 'node',
};

module.exports = {
  // Two cores: one worker per core; the integration tests each bring a consumer or two.
  maxWorkers: 2,
  testTimeout: 120_000,
  projects: [
    { ...common, displayName: 'unit', testMatch: ['<rootDir>/{apps,libs}/**/*.spec.ts'] },
    {
      ...common,
      displayName: 'integration',
      testMatch: ['<rootDir>/test/**/*.int-spec.ts', '<rootDir>/test/**/*.e2e-spec.ts', '<rootDir>/apps/*/test/**/*.e2e-spec.ts'],
      globalSetup: '<rootDir>/test/support/global-setup.ts',
      globalTeardown: '<rootDir>/test/support/global-teardown.ts',
    },
  ],
};
