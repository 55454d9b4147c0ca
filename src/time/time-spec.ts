import { DateTime } from 'luxon';
import type { TimePrecision, TimeSpan } from '../domain/model.js';
import { atLocalTime, canonicalZone, type LocalTime } from './zones.js';

/**
 * Windows for the parts of a day that sources name, in local wall-clock hours [from, to).
 * They are editorial choices, documented in the README; 24 means the next midnight.
 */
export const PARTS_OF_DAY = {
  morning: { from: 6, to: 12 },
  afternoon: { from: 12, to: 18 },
  // "Thursday evening": from the end of the working day to midnight.
  evening: { from: 18, to: 24 },
  // "late Thursday": the last four hours of the day.
  late: { from: 20, to: 24 },
  // "after working hours": Russian ministries work 09:00-18:00.
  'after-hours': { from: 18, to: 24 },
} as const satisfies Record<string, { from: number; to: number }>;
export type PartOfDay = keyof typeof PARTS_OF_DAY;
export const PART_OF_DAY_NAMES = Object.keys(PARTS_OF_DAY) as PartOfDay[];

/**
 * How data files write a time: local calendar terms in a zone, as the source says it.
 * Exactly one of year, month, date or at.
 */
export interface TimeSpec {
  /** IANA zone where the event takes place. */
  zone: string;
  /** The source's own words. */
  text?: string;
  /** Zone in which the source's words are meant, when not `zone` (e.g. a Moscow paper's "late Thursday" for an event in New York). */
  readIn?: string;
  year?: number;
  /** YYYY-MM; with `until` (YYYY-MM-DD, exclusive) for "earlier this month". */
  month?: string;
  until?: string;
  /** YYYY-MM-DD; with `through` (inclusive last day) for "Dec. 17-18", or `partOfDay`. */
  date?: string;
  through?: string;
  partOfDay?: PartOfDay;
  /** Local date and time without offset, YYYY-MM-DDTHH:mm, with `precision` HOUR or MINUTE. */
  at?: string;
  precision?: 'HOUR' | 'MINUTE';
}

export interface TimeSpecProblem {
  /** The offending key of the spec, e.g. "through". */
  field: keyof TimeSpec;
  /** In the data files' message style (src/validation/problems.ts): "must be a calendar date YYYY-MM-DD (found "2012-07-32")". */
  message: string;
}

export type TimeSpecResult = { span: TimeSpan; problems?: undefined } | { span?: undefined; problems: TimeSpecProblem[] };

const DATE = /^\d{4}-\d{2}-\d{2}$/;
const MONTH = /^\d{4}-\d{2}$/;
const LOCAL_DATE_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}$/;

/**
 * A calendar value validated on its own (whether it exists does not depend on the zone), as the
 * local time it names. Luxon would read a local time in a zone by the zone's offset at the time
 * of the run, so where clocks go back a data set would load differently in winter and summer;
 * atLocalTime reads it the same way on any day.
 */
function calendar(text: string): LocalTime | undefined {
  const parsed = DateTime.fromISO(text, { zone: 'UTC' });
  return parsed.isValid ? { year: parsed.year, month: parsed.month, day: parsed.day, hour: parsed.hour, minute: parsed.minute } : undefined;
}

/** Turns a data file's time spec into a half-open span of instants, computed by Luxon in the spec's zone. */
export function resolveTimeSpec(spec: TimeSpec): TimeSpecResult {
  const problems: TimeSpecProblem[] = [];
  const fail = (field: keyof TimeSpec, message: string): TimeSpecResult => {
    problems.push({ field, message });
    return { problems };
  };

  // An unknown zone does not hide the rest of the spec's problems: whether a date exists, or a
  // span ends before it starts, does not depend on the zone, so they are checked in UTC then.
  const zone = canonicalZone(spec.zone);
  if (zone === undefined) problems.push({ field: 'zone', message: `unknown time zone "${spec.zone}"` });
  const readIn = spec.readIn === undefined ? undefined : canonicalZone(spec.readIn);
  if (spec.readIn !== undefined && readIn === undefined) problems.push({ field: 'readIn', message: `unknown time zone "${spec.readIn}"` });
  const clock = readIn ?? zone ?? 'UTC';

  const forms = (['year', 'month', 'date', 'at'] as const).filter((key) => spec[key] !== undefined);
  if (forms.length !== 1) {
    return fail(forms[1] ?? 'date', `exactly one of year, month, date or at is required (found ${forms.length ? forms.join(', ') : 'none'})`);
  }
  const misplaced = (key: keyof TimeSpec, belongsTo: string) => (spec[key] !== undefined ? fail(key, `"${key}" only goes with "${belongsTo}"`) : undefined);

  let start: DateTime;
  let end: DateTime;
  let precision: TimePrecision;
  const at = (local: LocalTime) => atLocalTime(local, clock);
  /** The local date (its first instant), and the day after it. */
  const localDate = (field: keyof TimeSpec, value: string): { day: DateTime; next: DateTime; date: LocalTime } | undefined => {
    const date = DATE.test(value) ? calendar(value) : undefined;
    if (!date) {
      fail(field, `must be a calendar date YYYY-MM-DD (found ${JSON.stringify(value)})`);
      return undefined;
    }
    return { day: at({ ...date, hour: 0, minute: 0 }), next: at({ ...date, day: date.day + 1, hour: 0, minute: 0 }), date };
  };

  if (spec.year !== undefined) {
    const wrong = misplaced('through', 'date') ?? misplaced('partOfDay', 'date') ?? misplaced('until', 'month') ?? misplaced('precision', 'at');
    if (wrong) return wrong;
    if (!Number.isInteger(spec.year) || spec.year < 1 || spec.year > 9999)
      return fail('year', `must be a year from 1 to 9999 (found ${JSON.stringify(spec.year)})`);
    start = at({ year: spec.year, month: 1, day: 1 });
    end = at({ year: spec.year + 1, month: 1, day: 1 });
    precision = 'YEAR';
  } else if (spec.month !== undefined) {
    const wrong = misplaced('through', 'date') ?? misplaced('partOfDay', 'date') ?? misplaced('precision', 'at');
    if (wrong) return wrong;
    const month = MONTH.test(spec.month) ? calendar(spec.month) : undefined;
    if (!month) return fail('month', `must be a month YYYY-MM (found ${JSON.stringify(spec.month)})`);
    start = at({ year: month.year, month: month.month, day: 1 });
    end = at({ year: month.year, month: month.month + 1, day: 1 });
    if (spec.until !== undefined) {
      const until = localDate('until', spec.until);
      if (!until) return { problems };
      // "until" cuts the month short; a span beyond it would not be known to the month.
      if (until.day > end) return fail('until', `must fall within ${spec.month} (at most ${end.toISODate()}): "until" cuts the month short`);
      end = until.day;
    }
    precision = 'MONTH';
  } else if (spec.date !== undefined) {
    const wrong = misplaced('until', 'month') ?? misplaced('precision', 'at');
    if (wrong) return wrong;
    const day = localDate('date', spec.date);
    if (!day) return { problems };
    if (spec.partOfDay !== undefined) {
      if (spec.through !== undefined) return fail('through', 'a part of day covers one date: drop "through" or "partOfDay"');
      const window = PARTS_OF_DAY[spec.partOfDay];
      if (!window) return fail('partOfDay', `must be one of ${PART_OF_DAY_NAMES.join(', ')} (found ${JSON.stringify(spec.partOfDay)})`);
      start = at({ ...day.date, hour: window.from, minute: 0 });
      end = window.to === 24 ? day.next : at({ ...day.date, hour: window.to, minute: 0 });
      precision = 'PART_OF_DAY';
    } else {
      const last = spec.through === undefined ? day : localDate('through', spec.through);
      if (!last) return { problems };
      start = day.day;
      end = last.next;
      precision = 'DAY';
    }
  } else {
    const wrong = misplaced('through', 'date') ?? misplaced('partOfDay', 'date') ?? misplaced('until', 'month');
    if (wrong) return wrong;
    const text = spec.at ?? '';
    const local = LOCAL_DATE_TIME.test(text) ? calendar(text) : undefined;
    if (!local) return fail('at', `must be a local date and time YYYY-MM-DDTHH:mm, without an offset: the zone gives it (found ${JSON.stringify(text)})`);
    precision = spec.precision ?? 'MINUTE';
    start = at(precision === 'HOUR' ? { ...local, minute: 0 } : local);
    end = start.plus(precision === 'HOUR' ? { hours: 1 } : { minutes: 1 });
  }

  if (end.toMillis() <= start.toMillis()) {
    const field = spec.through !== undefined ? 'through' : spec.until !== undefined ? 'until' : 'date';
    return fail(field, `the span would end (${end.toISO()}) before it starts (${start.toISO()})`);
  }
  if (problems.length > 0 || zone === undefined) return { problems };
  const span: TimeSpan = { startMs: start.toMillis(), endMs: end.toMillis(), zone, precision };
  if (spec.text !== undefined) span.text = spec.text;
  if (readIn !== undefined && readIn !== zone) span.textZone = readIn;
  return { span };
}

const HOUR_MS = 3_600_000;
const MINUTE_MS = 60_000;
const FAST_AT_KEYS = new Set(['zone', 'text', 'readIn', 'at', 'precision']);

/**
 * Resolves the time specs of a whole data set, reusing work: a large set has thousands of
 * events on each day in each zone. Results are exactly resolveTimeSpec's:
 * - a spec that differs only in its `text` is resolved once;
 * - a local time (`at`) on a day with no offset change is that day's start plus its hours and
 *   minutes, with the day's start found once by Luxon; on a day with a change, Luxon decides.
 * Made for one load and then dropped: it remembers every day and spec it has seen.
 */
export class TimeSpecResolver {
  private readonly results = new Map<string, TimeSpecResult>();
  /** Per zone and local date: the day's start, when the day is 24 hours with one offset. */
  private readonly uniformDays = new Map<string, number | null>();

  resolve(spec: TimeSpec): TimeSpecResult {
    const fast = this.localTime(spec);
    if (fast) return fast;
    const key = `${spec.zone}|${spec.readIn}|${spec.year}|${spec.month}|${spec.until}|${spec.date}|${spec.through}|${spec.partOfDay}|${spec.at}|${spec.precision}`;
    let result = this.results.get(key);
    if (!result) {
      const { text: _text, ...withoutText } = spec;
      result = resolveTimeSpec(withoutText);
      this.results.set(key, result);
    }
    return result.span && spec.text !== undefined ? { span: { ...result.span, text: spec.text } } : result;
  }

  private localTime(spec: TimeSpec): TimeSpecResult | undefined {
    const { at, precision } = spec;
    if (at === undefined || !LOCAL_DATE_TIME.test(at) || (precision !== undefined && precision !== 'HOUR' && precision !== 'MINUTE')) return undefined;
    for (const key of Object.keys(spec)) if (spec[key as keyof TimeSpec] !== undefined && !FAST_AT_KEYS.has(key)) return undefined;
    const zone = canonicalZone(spec.zone);
    const readIn = spec.readIn === undefined ? undefined : canonicalZone(spec.readIn);
    if (zone === undefined || (spec.readIn !== undefined && readIn === undefined)) return undefined;
    const hour = Number(at.slice(11, 13));
    const minute = Number(at.slice(14, 16));
    if (hour > 23 || minute > 59) return undefined;
    const dayStart = this.uniformDayStart(readIn ?? zone, at.slice(0, 10));
    if (dayStart === null) return undefined;
    const startMs = dayStart + hour * HOUR_MS + (precision === 'HOUR' ? 0 : minute * MINUTE_MS);
    const span: TimeSpan = {
      startMs,
      endMs: startMs + (precision === 'HOUR' ? HOUR_MS : MINUTE_MS),
      zone,
      precision: precision ?? 'MINUTE',
    };
    if (spec.text !== undefined) span.text = spec.text;
    if (readIn !== undefined && readIn !== zone) span.textZone = readIn;
    return { span };
  }

  private uniformDayStart(zone: string, date: string): number | null {
    const key = `${zone}|${date}`;
    let start = this.uniformDays.get(key);
    if (start === undefined) {
      const local = calendar(date);
      const day = local && atLocalTime(local, zone);
      const next = local && atLocalTime({ ...local, day: local.day + 1 }, zone);
      start =
        day && next && day.hour === 0 && day.minute === 0 && next.toMillis() - day.toMillis() === 24 * HOUR_MS && day.offset === next.offset
          ? day.toMillis()
          : null;
      this.uniformDays.set(key, start);
    }
    return start;
  }
}
