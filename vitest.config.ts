import { createRequire } from 'node:module';
import { defineConfig } from 'vitest/config';

const require = createRequire(import.meta.url);

export default defineConfig({
  resolve: {
    // graphql 16 ships CommonJS and ESM builds. Node (and so Yoga and Pothos) loads the CommonJS
    // one; Vite would give our sources the ESM one, and two copies of graphql break instanceof
    // checks (a GraphQLError from our code would be masked). Point everything at Node's copy.
    alias: [{ find: /^graphql$/, replacement: require.resolve('graphql') }],
  },
  test: {
    include: ['tests/**/*.test.ts'],
    // The attack suite runs on its own, after the rest (vitest.attacks.config.ts).
    exclude: ['tests/attacks.test.ts', '**/node_modules/**'],
    // Loading the data set and spawning the server take a moment on a 2-core machine.
    testTimeout: 30_000,
    hookTimeout: 60_000,
  },
});
