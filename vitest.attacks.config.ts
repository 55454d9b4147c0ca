// The attack suite (tests/attacks.test.ts): alone, one file, so that its timings measure the
// server under attack rather than the rest of the test suite sharing the same cores.
import { defineConfig } from 'vitest/config';
import base from './vitest.config.js';

export default defineConfig({
  ...base,
  test: { ...base.test, include: ['tests/attacks.test.ts'], exclude: ['**/node_modules/**'] },
});
