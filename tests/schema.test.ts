// The committed schema, its documentation, and the GraphiQL examples.
import { readFile } from 'node:fs/promises';
import {
  getNamedType,
  isAbstractType,
  isEnumType,
  isInputObjectType,
  isInterfaceType,
  isIntrospectionType,
  isObjectType,
  Kind,
  parse,
  TypeInfo,
  visit,
  visitWithTypeInfo,
  type SelectionSetNode,
} from 'graphql';
import { describe, expect, it } from 'vitest';
import { printSortedSchema, schema } from '../src/graphql/schema/index.js';
import { loadExamples } from '../src/http/routes/examples.js';
import { data, entente, EXAMPLES_DIR } from './helpers.js';

const EXAMPLES = await loadExamples(EXAMPLES_DIR);

describe('schema/schema.graphql', () => {
  it('is what the code prints (run `npm run schema` after changing the schema)', async () => {
    const committed = await readFile(new URL('../schema/schema.graphql', import.meta.url), 'utf8');
    expect(committed).toBe(printSortedSchema());
  });

  it('describes every type, field, argument and enum value', () => {
    const undocumented: string[] = [];
    for (const type of Object.values(schema.getTypeMap())) {
      if (isIntrospectionType(type) || ['String', 'Int', 'Float', 'Boolean', 'ID'].includes(type.name)) continue;
      if (!type.description) undocumented.push(type.name);
      if (isObjectType(type) || isInterfaceType(type) || isInputObjectType(type)) {
        for (const field of Object.values(type.getFields())) {
          if (!field.description) undocumented.push(`${type.name}.${field.name}`);
          for (const arg of 'args' in field ? field.args : []) {
            if (!arg.description) undocumented.push(`${type.name}.${field.name}(${arg.name})`);
          }
        }
      }
      if (isEnumType(type)) {
        for (const value of type.getValues()) if (!value.description) undocumented.push(`${type.name}.${value.name}`);
      }
    }
    expect(undocumented).toEqual([]);
  });
});

describe('GraphiQL examples', () => {
  it('has example tabs for nested timelines and time zones', async () => {
    expect(EXAMPLES.map((e) => e.name)).toEqual(expect.arrayContaining(['01-nested-timeline', '02-time-zones']));
  });

  it('covers refetching by ID, the histogram and the network', () => {
    const all = EXAMPLES.map((e) => e.query).join('\n');
    for (const field of ['node(', 'nodes(', 'timelineHistogram(', 'interactions(']) expect(all).toContain(field);
  });

  it.each(EXAMPLES.map((e) => [e.name, e.query]))('selects id wherever an object has one in %s, so that normalising caches can merge it', (_name, query) => {
    const document = parse(query);
    const fragments = new Map(document.definitions.filter((d) => d.kind === Kind.FRAGMENT_DEFINITION).map((d) => [d.name.value, d]));
    // id directly in the set, or in a fragment spread there (and __typename where the type is abstract).
    const selects = (set: SelectionSetNode, name: string): boolean =>
      set.selections.some(
        (s) =>
          (s.kind === Kind.FIELD && s.name.value === name) || (s.kind === Kind.FRAGMENT_SPREAD && selects(fragments.get(s.name.value)!.selectionSet, name)),
      );
    const missing: string[] = [];
    const typeInfo = new TypeInfo(schema);
    visit(
      document,
      visitWithTypeInfo(typeInfo, {
        Field(node) {
          const type = typeInfo.getType();
          const named = type && getNamedType(type);
          if (!node.selectionSet || !named || !(isObjectType(named) || isInterfaceType(named)) || !named.getFields().id) return;
          if (!selects(node.selectionSet, 'id')) missing.push(`${node.name.value}: id`);
          if (isAbstractType(named) && !selects(node.selectionSet, '__typename')) missing.push(`${node.name.value}: __typename`);
        },
      }),
    );
    expect(missing).toEqual([]);
  });

  it.each(EXAMPLES.map((e) => [e.name, e.query]))('runs %s without errors and returns data', async (_name, query) => {
    const result = await data(query);
    for (const value of Object.values(result as Record<string, any>)) {
      expect(value).not.toBeNull();
      if ('edges' in value) expect(value.edges.length).toBeGreaterThan(0);
    }
  });

  it('serves GraphiQL with bundled assets (no CDN) and opens on the examples', async () => {
    const { yoga } = await entente();
    const response = await yoga.fetch('http://entente.test/graphql', { headers: { accept: 'text/html' } });
    expect(response.status).toBe(200);
    const html = await response.text();
    expect(html).toContain('<title>Entente: diplomatic event timelines</title>');
    // No script or stylesheet is fetched from another host.
    expect(html).not.toMatch(/<(script|link)[^>]+(src|href)="(https?:)?\/\//);
    expect(html).not.toMatch(/unpkg\.com|jsdelivr|cdnjs/);
    // Every script is a file of this service; the last one opens GraphiQL on the examples.
    const scripts = [...html.matchAll(/<script src="(\/graphiql\/[^"]+)"><\/script>/g)].map((m) => m[1]!);
    expect(scripts).toHaveLength(3);
    expect(html).not.toMatch(/<script>/);
    const setup = await (await yoga.fetch(`http://entente.test${scripts.at(-1)}`)).text();
    expect(setup).toContain(JSON.stringify('query NestedTimeline').slice(1, -1));
  });

  it('serves the dashboard at / and answers /health', async () => {
    const { yoga } = await entente();
    const root = await yoga.fetch('http://entente.test/');
    expect(root.status).toBe(200);
    expect(root.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(await root.text()).toContain('<script type="module" src="/dashboard/dashboard.js">');
    const script = await yoga.fetch('http://entente.test/dashboard/dashboard.js');
    expect(script.headers.get('content-type')).toBe('text/javascript; charset=utf-8');
    const health = await yoga.fetch('http://entente.test/health');
    expect(health.status).toBe(200);
  });
});
