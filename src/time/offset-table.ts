// Luxon asks a zone for its UTC offset at every construction, shift and rendering, and an IANA
// zone answers through Intl.DateTimeFormat#formatToParts: about 12 µs each time. Loading a
// million events, or rendering fifty in a response, asks thousands of times for offsets that
// change twice a year. TableZone answers from a table of each year's offset changes, found once
// through Luxon's own IANAZone, and leaves every calendar rule to Luxon.
//
// The table samples each zone weekly and finds each change to the second by bisection, so it
// assumes that no zone changes its offset and back within one week; tests/offset-table.test.ts
// checks it against Luxon across zones and decades.
import { IANAZone, Info, Zone, type ZoneOffsetFormat, type ZoneOffsetOptions } from 'luxon';

const WEEK_MS = 7 * 86_400_000;

interface YearTable {
  /** Instants (epoch ms, whole seconds) at which the offset changes, ascending, and the offset from each on. */
  changes: number[];
  offsets: number[];
  /** The offset at the start of the year. */
  initial: number;
}

function yearStartMs(year: number): number {
  const date = new Date(0);
  date.setUTCFullYear(year, 0, 1);
  return date.getTime();
}

export class TableZone extends Zone {
  private readonly years = new Map<number, YearTable>();

  constructor(private readonly iana: IANAZone) {
    super();
  }

  override get type(): string {
    return 'iana';
  }

  override get name(): string {
    return this.iana.name;
  }

  override get isUniversal(): boolean {
    return false;
  }

  override get isValid(): boolean {
    return this.iana.isValid;
  }

  override offsetName(ts: number, options: ZoneOffsetOptions): string | null {
    return this.iana.offsetName(ts, options);
  }

  override formatOffset(ts: number, format: ZoneOffsetFormat): string {
    return this.iana.formatOffset(ts, format);
  }

  override equals(other: Zone): boolean {
    return other.type === 'iana' && other.name === this.name;
  }

  override offset(ts: number): number {
    if (!Number.isFinite(ts)) return NaN;
    // Offsets are defined per whole second (as IANAZone computes them).
    const second = ts - (((ts % 1000) + 1000) % 1000);
    const year = new Date(second).getUTCFullYear();
    const table = this.years.get(year) ?? this.buildYear(year);
    let offset = table.initial;
    // Few changes per year: a scan is as fast as a search.
    for (let i = 0; i < table.changes.length && table.changes[i]! <= second; i++) offset = table.offsets[i]!;
    return offset;
  }

  private buildYear(year: number): YearTable {
    const start = yearStartMs(year);
    const end = yearStartMs(year + 1);
    const table: YearTable = { changes: [], offsets: [], initial: this.iana.offset(start) };
    let before = start;
    let offsetBefore = table.initial;
    while (before < end) {
      const after = Math.min(before + WEEK_MS, end);
      const offsetAfter = this.iana.offset(after);
      if (offsetAfter !== offsetBefore) {
        // Bisect to the first second with the new offset.
        let lo = before;
        let hi = after;
        while (hi - lo > 1000) {
          const mid = lo + Math.floor((hi - lo) / 2000) * 1000;
          if (this.iana.offset(mid) === offsetBefore) lo = mid;
          else hi = mid;
        }
        if (hi < end) {
          table.changes.push(hi);
          table.offsets.push(offsetAfter);
        }
      }
      before = after;
      offsetBefore = offsetAfter;
    }
    this.years.set(year, table);
    return table;
  }
}

const zones = new Map<string, Zone>();

/**
 * The Luxon zone for a name, answering offsets from a table when it is an IANA zone. UTC, GMT
 * and fixed offsets stay Luxon's own (they are already cheap, and render as "Z" or "+hh:mm").
 * Callers pass validated names; only valid zones are kept, so the map stays within the database.
 */
export function zoneFor(name: string): Zone {
  const known = zones.get(name);
  if (known) return known;
  const zone = Info.normalizeZone(name);
  if (!zone.isValid) return zone;
  const fast = zone instanceof IANAZone ? new TableZone(zone) : zone;
  zones.set(name, fast);
  return fast;
}
