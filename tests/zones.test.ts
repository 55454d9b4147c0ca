// Zone names as clients write them: every spelling Intl accepts is one canonical zone, and
// nothing is remembered per spelling.
import { DateTime } from 'luxon';
import { describe, expect, it } from 'vitest';
import { canonicalZone, formatInstant, zoneFor } from '../src/time/zones.js';

describe('canonical zone names', () => {
  it('gives one spelling per zone, whatever the case, and ICU\'s name for a link', () => {
    for (const name of ['Europe/Moscow', 'europe/moscow', 'EUROPE/MOSCOW', 'eUrOpE/mOsCoW']) expect(canonicalZone(name)).toBe('Europe/Moscow');
    expect(canonicalZone('US/Eastern')).toBe('America/New_York');
    expect(canonicalZone('us/EASTERN')).toBe('America/New_York');
    for (const name of ['UTC', 'utc', 'Etc/UTC', 'GMT']) expect(canonicalZone(name)).toBe('UTC');
    // Every name in the database is its own canonical spelling.
    for (const name of Intl.supportedValuesOf('timeZone')) expect(canonicalZone(name)).toBe(name);
  });

  it('refuses what is not a zone: unknown names, offsets, and anything too long to be one', () => {
    for (const name of ['Mars/Olympus', '', '+03:00', 'Z', 'UTC+3', ' Europe/Moscow', 'Europe/Moscow ', 'x'.repeat(70), `Europe/${'a'.repeat(100_000)}`]) {
      expect(canonicalZone(name), JSON.stringify(name.slice(0, 20))).toBeUndefined();
    }
  });

  it('gives Luxon one zone object per zone, however it is spelt, and renders the same', () => {
    expect(zoneFor('europe/moscow')).toBe(zoneFor('Europe/Moscow'));
    expect(zoneFor('US/Eastern')).toBe(zoneFor('America/New_York'));
    expect(zoneFor('Mars/Olympus').isValid).toBe(false);
    const instant = Date.UTC(2012, 10, 29, 12);
    expect(formatInstant(instant, 'EUROPE/MOSCOW')).toBe('2012-11-29T16:00:00.000+04:00');
    expect(formatInstant(instant, 'Europe/Moscow')).toBe(DateTime.fromMillis(instant, { zone: 'Europe/Moscow' }).toISO());
  });
});
