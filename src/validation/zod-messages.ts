// zod's issues in the validation's message style (see src/validation/problems.ts): "must be one of HELD,
// PLANNED, PROPOSED, CANCELLED (found "HLED")" rather than zod's own "Invalid option: expected
// one of "HELD"|…". Messages written on a schema (a regex's "must be a lowercase slug …") win.
import { z } from 'zod';
import { quoted } from './problems.js';

type Issue = Parameters<z.core.$ZodErrorMap>[0];

const KINDS: Record<string, string> = {
  string: 'a string',
  number: 'a number',
  int: 'a whole number',
  boolean: 'true or false',
  array: 'a list',
  object: 'a mapping of keys to values',
};

/** The keys an object schema allows, in the order it declares them. */
function allowedKeys(issue: Issue): string[] {
  return issue.inst instanceof z.ZodObject ? Object.keys(issue.inst.shape) : [];
}

export function zodMessage(issue: Issue): string {
  // A key that is absent, whatever it should have held.
  if (issue.input === undefined && (issue.code === 'invalid_type' || issue.code === 'invalid_value')) return 'is required';
  const found = ` (found ${quoted(issue.input)})`;
  switch (issue.code) {
    case 'invalid_type':
      return `must be ${KINDS[issue.expected] ?? issue.expected}${found}`;
    case 'invalid_value':
      return issue.values.length === 1 ? `must be ${String(issue.values[0])}${found}` : `must be one of ${issue.values.map(String).join(', ')}${found}`;
    case 'unrecognized_keys': {
      const keys = issue.keys.map((key) => quoted(key)).join(', ');
      const allowed = allowedKeys(issue);
      return `unknown key${issue.keys.length === 1 ? '' : 's'} ${keys}${allowed.length > 0 ? ` (expected one of ${allowed.join(', ')})` : ''}`;
    }
    case 'too_small':
      if (issue.origin === 'array') return `must list at least ${String(issue.minimum)}`;
      if (issue.origin === 'string') return Number(issue.minimum) === 1 ? 'must not be empty' : `must be at least ${String(issue.minimum)} characters long`;
      return `must be at least ${String(issue.minimum)}${found}`;
    case 'too_big':
      if (issue.origin === 'array') return `must list at most ${String(issue.maximum)}`;
      if (issue.origin === 'string') return `must be at most ${String(issue.maximum)} characters long`;
      return `must be at most ${String(issue.maximum)}${found}`;
    case 'invalid_format':
      return `must be ${issue.format === 'url' ? 'a URL' : `in the format ${issue.format}`}${found}`;
    default:
      return `is not valid${found}`;
  }
}
