import { GraphQLError, Kind, type ValueNode } from 'graphql';
import { isCalendarDate } from '../../../time/local-days.js';
import { canonicalZone, parseInstant } from '../../../time/zones.js';
import { builder } from '../builder.js';
import { badUserInput, echoed } from '../errors.js';

/** Parses a literal in the query document, so that its error points at the literal. */
function parseStringLiteral<T>(ast: ValueNode, type: string, parse: (value: string) => T): T {
  if (ast.kind !== Kind.STRING) throw badUserInput(`${type} must be a string`, {}, ast);
  try {
    return parse(ast.value);
  } catch (error) {
    if (error instanceof GraphQLError) throw new GraphQLError(error.message, { nodes: ast, extensions: error.extensions });
    throw error;
  }
}

function parseDateTime(value: unknown) {
  if (typeof value !== 'string') throw badUserInput('DateTime must be a string such as "2012-11-29T00:00:00+04:00"');
  const instant = parseInstant(value);
  if (!instant) {
    throw badUserInput(
      `Invalid DateTime "${echoed(value)}": expected an ISO 8601 date and time with an offset, such as "2012-11-29T00:00:00+04:00" or "2012-11-28T20:00:00Z"`,
      { value: echoed(value) },
    );
  }
  return instant;
}

/** The zone's canonical name: resolvers and every cache see one spelling per zone. */
function parseTimeZone(value: unknown): string {
  if (typeof value !== 'string') throw badUserInput('TimeZone must be a string such as "Europe/Moscow"');
  const zone = canonicalZone(value);
  if (zone === undefined) {
    throw badUserInput(`Unknown time zone "${echoed(value)}": expected an IANA time zone name such as "Europe/Moscow" or "UTC"`, { zone: echoed(value) });
  }
  return zone;
}

builder.scalarType('DateTime', {
  // RFC 3339's date-time: ISO 8601 with the offset required, as this scalar requires it.
  specifiedByURL: 'https://www.rfc-editor.org/rfc/rfc3339#section-5.6',
  description:
    'An ISO 8601 instant with its UTC offset, e.g. 2012-11-29T00:00:00.000+04:00. Input without an offset (a bare date or local time) is refused: it names no single instant.',
  serialize: (value) => value,
  parseValue: parseDateTime,
  parseLiteral: (ast) => parseStringLiteral(ast, 'DateTime', parseDateTime),
});

builder.scalarType('TimeZone', {
  specifiedByURL: 'https://www.iana.org/time-zones',
  description:
    'An IANA time zone name, e.g. Europe/Moscow. Names are matched as Intl matches them (any case, and links such as US/Eastern) and answered in their canonical spelling; unknown names are rejected with a clear error.',
  serialize: (value) => value,
  parseValue: parseTimeZone,
  parseLiteral: (ast) => parseStringLiteral(ast, 'TimeZone', parseTimeZone),
});

function parseDate(value: unknown): string {
  if (typeof value !== 'string' || !isCalendarDate(value)) {
    const shown = typeof value === 'string' ? `"${echoed(value)}"` : 'a non-string';
    throw badUserInput(
      `Invalid Date ${shown}: expected a calendar date YYYY-MM-DD, such as "2012-11-29"`,
      typeof value === 'string' ? { value: echoed(value) } : {},
    );
  }
  return value;
}

builder.scalarType('Date', {
  specifiedByURL: 'https://www.rfc-editor.org/rfc/rfc3339#section-5.6',
  description: 'A calendar date without a time or zone, YYYY-MM-DD.',
  serialize: (value) => value,
  parseValue: parseDate,
  parseLiteral: (ast) => parseStringLiteral(ast, 'Date', parseDate),
});
