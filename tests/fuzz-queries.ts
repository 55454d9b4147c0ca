// Random GraphQL documents for the fuzz and differential tests: valid queries that walk the
// schema with mostly good argument values (so that they reach the resolvers), and mutations of them.
import {
  getNamedType,
  isEnumType,
  isInputObjectType,
  isInterfaceType,
  isListType,
  isNonNullType,
  isObjectType,
  isScalarType,
  isUnionType,
  type GraphQLArgument,
  type GraphQLInputType,
  type GraphQLNamedType,
  type GraphQLObjectType,
} from 'graphql';
import { schema } from '../src/graphql/schema/index.js';
import { globalId } from './helpers.js';
import type { SeededRandom } from './seeded-random.js';

// Argument values: mostly good ones, so that queries reach the resolvers, and some bad ones.
const GOOD: Record<string, readonly string[]> = {
  Int: ['1', '3', '20', '100'],
  String: ['"rome"', '"Lavrov Bogdanov"', '"russia"', '"sergei-lavrov"'],
  ID: [`"${globalId('Actor', 'russia')}"`, `"${globalId('Meeting', 'rome-opposition-conference')}"`, `"${globalId('Actor', 'ncc')}"`],
  Boolean: ['true', 'false'],
  DateTime: ['"2012-11-29T00:00:00+04:00"', '"2012-11-28T20:00:00Z"'],
  TimeZone: ['"UTC"', '"Europe/Moscow"', '"America/New_York"'],
  Date: ['"2012-11-29"'],
};
const BAD: Record<string, readonly string[]> = {
  Int: ['0', '101', '-1', '2147483647', '99999999999', '1.5', '"7"', 'null'],
  String: ['""', '"WyJldmVudCIsMCwwLCJ4Il0"', '"\\u0000"', `"${'a'.repeat(300)}"`, '"%00"', '7', 'null'],
  ID: [`"${globalId('Vote', 'nope')}"`, '"garbage"', '""', '"=="', '"QTo="', '12', 'null'],
  Boolean: ['"yes"', 'null'],
  DateTime: ['"2012-11-29"', '"2012-13-45T99:00:00Z"', '"2012-11-29T00:00:00+99:00"', '""', '0', 'null'],
  TimeZone: ['"Mars/Olympus"', '""', '"+04:00"', '1', 'null'],
  Date: ['"2012-02-30"', '"29/11/2012"', '"2012-11-29T00:00:00Z"', '""', '20121129', 'null'],
};

function literal(type: GraphQLInputType, rng: SeededRandom, depth: number): string {
  if (isNonNullType(type)) return literal(type.ofType, rng, depth);
  // Mostly one to three values: an empty list is an error wherever a list narrows something.
  if (isListType(type)) return `[${Array.from({ length: rng.chance(0.9) ? 1 + rng.int(3) : 0 }, () => literal(type.ofType, rng, depth + 1)).join(', ')}]`;
  if (isEnumType(type)) return rng.chance(0.97) ? rng.pick(type.getValues()).name : 'NOT_A_VALUE';
  if (isInputObjectType(type)) {
    if (depth > 2) return '{}';
    // About three optional fields whatever the input's size, so that a wide filter is not mostly errors.
    const all = Object.values(type.getFields());
    const chance = Math.min(0.5, 3 / all.length);
    const fields = all.filter((f) => isNonNullType(f.type) || rng.chance(chance));
    return `{ ${fields.map((f) => `${f.name}: ${literal(f.type, rng, depth + 1)}`).join(', ')} }`;
  }
  const name = (type as GraphQLNamedType).name;
  return rng.pick((rng.chance(0.97) ? GOOD[name] : BAD[name]) ?? ['null']);
}

function args(list: readonly GraphQLArgument[], rng: SeededRandom): string {
  const chosen = list.filter((a) => isNonNullType(a.type) || rng.chance(0.4));
  return chosen.length ? `(${chosen.map((a) => `${a.name}: ${literal(a.type, rng, 0)}`).join(', ')})` : '';
}

/** A random selection on a type, up to `depth` levels, following the schema. */
function selection(type: GraphQLNamedType, rng: SeededRandom, depth: number): string {
  if (isUnionType(type))
    return `{ __typename ${type
      .getTypes()
      .map((t) => `... on ${t.name} ${selection(t, rng, depth)}`)
      .join(' ')} }`;
  if (!isObjectType(type) && !isInterfaceType(type)) return '';
  const fields = Object.values((type as GraphQLObjectType).getFields());
  const picked = fields.filter(() => rng.chance(0.35));
  if (picked.length === 0) picked.push(rng.pick(fields));
  const parts = picked.flatMap((field) => {
    const named = getNamedType(field.type);
    const leaf = isScalarType(named) || isEnumType(named);
    if (!leaf && depth <= 0) return [];
    const alias = rng.chance(0.05) ? `a${rng.int(1000)}: ` : '';
    return [`${alias}${field.name}${args(field.args, rng)}${leaf ? '' : ` ${selection(named, rng, depth - 1)}`}`];
  });
  if (isInterfaceType(type) && rng.chance(0.5)) {
    const implementation = rng.pick(schema.getPossibleTypes(type));
    parts.push(`... on ${implementation.name} ${selection(implementation, rng, depth - 1)}`);
  }
  return `{ ${parts.join(' ') || '__typename'} }`;
}

export function validQuery(rng: SeededRandom): string {
  return `query Fuzz ${selection(schema.getQueryType()!, rng, 2 + rng.int(5))}`;
}

export function mutate(text: string, rng: SeededRandom): string {
  const chars = [...text];
  for (let i = 0, n = 1 + rng.int(4); i < n; i++) {
    const at = rng.int(chars.length + 1);
    const op = rng.int(4);
    if (op === 0) chars.splice(at, 1);
    else if (op === 1) chars.splice(at, 0, rng.pick(['{', '}', '(', ')', '"', '$', '@', '...', ':', '!', '#', '\\', '\u0000', 'é', '😀']));
    else if (op === 2) chars.splice(at, 0, ...chars.slice(at, at + rng.int(20)));
    else chars.length = Math.min(chars.length, at);
  }
  return chars.join('');
}
