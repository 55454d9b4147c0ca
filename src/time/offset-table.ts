// Luxon asks a zone for its UTC offset at every construction, shift and rendering, and an IANA
// zone answers through Intl.DateTimeFormat#formatToParts: about 12 µs each time. Loading a
// million events, or rendering fifty in a response, asks thousands of times for offsets that
// change twice a year. TableZone answers from a table of each year's offset changes, found once
// through Luxon's own IANAZone, and leaves every calendar rule to Luxon.
//
// A table costs about as much as a few dozen direct lookups, so a year gets one only once it has
// been asked for that often: a request that touches each of thousands of years once (a yearly
// histogram over millennia) makes no tables, and is answered by IANAZone directly, slower but as
// right. No sequence of requests makes this grow without bound: the tables of every zone are
// held together up to MAX_YEAR_TABLES, the lookups counted towards them up to MAX_COUNTED_YEARS,
// and each is cleared when full (and fills again with what is asked for next).
//
// The table samples each zone weekly and finds each change to the second by bisection, so it
// assumes that no zone changes its offset and back within one week; tests/offset-table.test.ts
// checks it against Luxon across zones and decades.
import { IANAZone, Zone, type ZoneOffsetFormat, type ZoneOffsetOptions } from 'luxon';

const WEEK_MS = 7 * 86_400_000;

/** Tables of all zones together: about 200 bytes each. */
export const MAX_YEAR_TABLES = 20_000;
/** Years (of all zones) whose lookups are being counted towards a table. */
const MAX_COUNTED_YEARS = 4096;
/** Direct lookups in a year before its table is built. */
const LOOKUPS_BEFORE_TABLE = 32;
/** Keys of a zone's year: zone number × YEAR_KEYS + year + YEAR_KEYS / 2 (JavaScript dates span ±275,760 years). */
const YEAR_KEYS = 600_000;

/** A change of a zone's offset: the instant (epoch ms) it takes effect, and the offsets (minutes east of UTC) before and from then. */
export interface OffsetChange {
  at: number;
  offsetBefore: number;
  offsetAfter: number;
}

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

const tables = new Map<number, YearTable>();
const lookups = new Map<number, number>();
let zonesMade = 0;

export class TableZone extends Zone {
  /** This zone's part of the keys of `tables` and `lookups`. */
  private readonly keyBase = ++zonesMade * YEAR_KEYS + YEAR_KEYS / 2;

  /** `lookupsBeforeTable` is for tests: 0 builds each year's table at its first lookup. */
  constructor(
    private readonly iana: IANAZone,
    private readonly lookupsBeforeTable = LOOKUPS_BEFORE_TABLE,
  ) {
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
    const table = this.tableFor(new Date(second).getUTCFullYear());
    if (!table) return this.iana.offset(second);
    let offset = table.initial;
    // Few changes per year: a scan is as fast as a search.
    for (let i = 0; i < table.changes.length && table.changes[i]! <= second; i++) offset = table.offsets[i]!;
    return offset;
  }

  /** The instants (epoch ms) at which the offset changes in a year, from its table (built if need be). */
  changesIn(year: number): readonly number[] {
    return this.tableFor(year, true)!.changes;
  }

  /**
   * Each change of offset at an instant after `from` and before `to`, from the tables of the
   * years concerned (built if need be). A change at the very start of a year is in no year's
   * `changes` (it is the year's `initial`), so it is found where two years meet.
   */
  changesBetween(from: number, to: number): OffsetChange[] {
    const found: OffsetChange[] = [];
    if (!Number.isFinite(from) || !Number.isFinite(to) || from >= to) return found;
    const add = (at: number, offsetBefore: number, offsetAfter: number) => {
      if (at > from && at < to) found.push({ at, offsetBefore, offsetAfter });
    };
    const lastYear = new Date(to).getUTCFullYear();
    let previous: number | undefined;
    for (let year = new Date(from).getUTCFullYear(); year <= lastYear; year++) {
      const table = this.tableFor(year, true)!;
      if (previous !== undefined && previous !== table.initial) add(yearStartMs(year), previous, table.initial);
      let offset = table.initial;
      for (let i = 0; i < table.changes.length; i++) {
        add(table.changes[i]!, offset, table.offsets[i]!);
        offset = table.offsets[i]!;
      }
      previous = offset;
    }
    return found;
  }

  /** The year's table; undefined while it has been asked for too rarely to be worth one. */
  private tableFor(year: number, now = false): YearTable | undefined {
    const key = this.keyBase + year;
    const known = tables.get(key);
    if (known) return known;
    const count = (lookups.get(key) ?? 0) + 1;
    if (!now && count <= this.lookupsBeforeTable) {
      if (lookups.size >= MAX_COUNTED_YEARS) lookups.clear();
      lookups.set(key, count);
      return undefined;
    }
    lookups.delete(key);
    if (tables.size >= MAX_YEAR_TABLES) tables.clear();
    const table = this.buildYear(year);
    tables.set(key, table);
    return table;
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
    return table;
  }
}
