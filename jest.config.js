/**
 * Three projects: fast pure-logic unit specs beside the code, e2e specs that boot the real app, and the OpenAPI
 * spec, which boots the app compiled with the @nestjs/swagger plugin (the schemas `nest build` produces). The plugin
 * needs the type checker, which costs ~20 s of CPU per test file, so only that one file pays for it.
 */
const tsJest = ['ts-jest', { tsconfig: 'tsconfig.json' }];
const withSwaggerPlugin = [
  'ts-jest',
  {
    tsconfig: 'tsconfig.openapi.json',
    diagnostics: false,
    astTransformers: { before: ['<rootDir>/test/openapi/swagger-transformer.js'] },
  },
];
module.exports = {
  testTimeout: 60000,
  projects: [
    {
      displayName: 'unit',
      testEnvironment: 'node',
      rootDir: '.',
      testMatch: ['<rootDir>/src/**/*.spec.ts'],
      transform: { '^.+\\.ts$': tsJest },
    },
    {
      displayName: 'e2e',
      testEnvironment: 'node',
      rootDir: '.',
      testMatch: ['<rootDir>/test/**/*.e2e-spec.ts'],
      testPathIgnorePatterns: ['<rootDir>/test/openapi/'],
      transform: { '^.+\\.ts$': tsJest },
    },
    {
      displayName: 'openapi',
      testEnvironment: 'node',
      rootDir: '.',
      testMatch: ['<rootDir>/test/openapi/*.e2e-spec.ts'],
      transform: { '^.+\\.ts$': withSwaggerPlugin },
    },
  ],
};
