import swc from 'unplugin-swc';
import { defineConfig } from 'vitest/config';

// SWC compiles the tests so NestJS gets the decorator metadata that esbuild does not emit.
const swcPlugin = swc.vite({
  jsc: { parser: { syntax: 'typescript', decorators: true }, transform: { legacyDecorator: true, decoratorMetadata: true }, target: 'es2022' },
  module: { type: 'es6' },
});

/** Tests of real components and of the stand-ins for Docker and Kubernetes (test/integration). */
const REAL_COMPONENT_TESTS = [
  'test/integration/real-*.test.ts',
  'test/integration/compose-file.test.ts',
  'test/integration/kubernetes-target.test.ts',
  'test/integration/replica-network.test.ts',
];

export default defineConfig({
  plugins: [swcPlugin],
  test: {
    reporters: ['default', './test/support/summary-reporter.ts'],
    projects: [
      {
        plugins: [swcPlugin],
        test: {
          name: 'unit',
          include: ['libs/*/src/**/*.test.ts', 'apps/*/src/**/*.test.ts', 'apps/web/src/**/*.test.tsx'],
          environment: 'node',
        },
      },
      {
        plugins: [swcPlugin],
        test: {
          name: 'integration',
          include: ['test/integration/**/*.test.ts'],
          exclude: REAL_COMPONENT_TESTS,
          environment: 'node',
          // Each file starts real stacks (six processes and load); one file at a time fits two cores.
          fileParallelism: false,
          testTimeout: 60_000,
          hookTimeout: 60_000,
        },
      },
      {
        plugins: [swcPlugin],
        test: {
          name: 'real',
          include: REAL_COMPONENT_TESTS,
          environment: 'node',
          // Real servers (Redis, PostgreSQL, Prometheus, Alertmanager) and stand-ins for what cannot
          // run here (the Kubernetes API, the compose file): a project of their own so they can be
          // run alone (`--project real`); one file at a time, like the integration tests.
          fileParallelism: false,
          testTimeout: 120_000,
          hookTimeout: 90_000,
        },
      },
      {
        plugins: [swcPlugin],
        test: {
          name: 'e2e',
          include: ['test/e2e/**/*.test.ts'],
          environment: 'node',
          // A real Chromium drives the built UI against the in-process API and a live stack: one file
          // at a time, and a whole drill (paged, fixed, resolved, scored) takes minutes, not seconds.
          fileParallelism: false,
          testTimeout: 300_000,
          hookTimeout: 90_000,
        },
      },
    ],
  },
});
