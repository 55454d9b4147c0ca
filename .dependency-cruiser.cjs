// The layering rule, checked by `npm run lint:layers` (part of npm test): data flows one way,
// HTTP → GraphQL or export routes → services and domain → store, and nothing points back.
/** @type {import('dependency-cruiser').IConfiguration} */
module.exports = {
  forbidden: [
    {
      name: 'domain-is-pure',
      comment: 'The domain imports nothing of ours but itself, time/ and support/: no I/O, no GraphQL, no store.',
      severity: 'error',
      from: { path: '^src/domain/' },
      to: { path: '^src/', pathNot: ['^src/domain/', '^src/time/', '^src/support/'] },
    },
    {
      name: 'domain-has-no-graphql',
      severity: 'error',
      from: { path: '^src/(domain|time|validation|store|services|exports)/' },
      to: { path: 'node_modules/(graphql|graphql-yoga|@pothos|graphql-jit|@graphql-yoga)/' },
    },
    {
      name: 'time-is-a-leaf',
      severity: 'error',
      from: { path: '^src/time/' },
      to: { path: '^src/', pathNot: ['^src/time/', '^src/domain/model\\.ts$', '^src/support/'] },
    },
    {
      name: 'validation-is-pure',
      comment: 'Validation works on what was read: the loader, check-data and the reload are its callers.',
      severity: 'error',
      from: { path: '^src/validation/' },
      to: { path: '^src/', pathNot: ['^src/validation/', '^src/domain/', '^src/time/', '^src/support/'] },
    },
    {
      name: 'stores-know-no-layer-above',
      severity: 'error',
      from: { path: '^src/store/' },
      to: { path: '^src/', pathNot: ['^src/store/', '^src/domain/', '^src/time/', '^src/support/'] },
    },
    {
      name: 'services-below-graphql-and-http',
      severity: 'error',
      from: { path: '^src/services/' },
      to: { path: '^src/(graphql|http|exports)/' },
    },
    {
      name: 'exports-import-no-graphql',
      severity: 'error',
      from: { path: '^src/exports/' },
      to: { path: '^src/(graphql|http)/' },
    },
    {
      name: 'graphql-below-http',
      comment: 'The GraphQL app does not know the node:http listener; the non-GraphQL routes it mounts are leaves.',
      severity: 'error',
      from: { path: '^src/graphql/' },
      to: { path: '^src/http/', pathNot: ['^src/http/routes/'] },
    },
    {
      name: 'support-is-a-leaf',
      severity: 'error',
      from: { path: '^src/support/' },
      to: { path: '^src/', pathNot: ['^src/support/'] },
    },
    {
      name: 'zones-only-in-time',
      comment: 'Every zone computation goes through time/: Luxon is imported nowhere else.',
      severity: 'error',
      from: { path: '^src/', pathNot: '^src/time/' },
      to: { path: 'node_modules/(@types/)?luxon/' },
    },
    {
      name: 'no-circular',
      severity: 'error',
      from: { path: '^src/' },
      to: { circular: true },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    tsConfig: { fileName: 'tsconfig.json' },
    tsPreCompilationDeps: true,
    enhancedResolveOptions: { extensions: ['.ts', '.js'] },
  },
};
