// Time-zone arithmetic for the dashboard, with the browser's Intl (which knows the IANA zones).
// Plain functions with no DOM, so that the test suite checks them against Luxon.

const parts = new Map();

/** The local calendar date and wall-clock time of an instant in a zone, as "YYYY-MM-DD HH:mm". */
export function localDateTime(ms, zone) {
  let format = parts.get(zone);
  if (!format) {
    format = new Intl.DateTimeFormat('en-CA', { timeZone: zone, hourCycle: 'h23', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit' });
    parts.set(zone, format);
  }
  const get = (type) => format.formatToParts(new Date(ms)).find((p) => p.type === type).value;
  return `${get('year')}-${get('month')}-${get('day')} ${get('hour')}:${get('minute')}`;
}

/**
 * The first instant of a local calendar day (YYYY-MM-DD, plus `addDays`) in a zone, as ISO 8601
 * in UTC. Usually local midnight; 01:00 where a daylight-saving change skips midnight itself.
 */
export function startOfLocalDay(date, zone, addDays = 0) {
  const [y, m, d] = date.split('-').map(Number);
  const target = new Date(Date.UTC(y, m - 1, d + addDays)).toISOString().slice(0, 10);
  // Offsets lie within ±14 hours: search that range, to the minute, for the first instant on the target day.
  let lo = Date.UTC(y, m - 1, d + addDays) / 60000 - 15 * 60;
  let hi = lo + 30 * 60;
  while (hi - lo > 1) {
    const mid = Math.floor((lo + hi) / 2);
    if (localDateTime(mid * 60000, zone).slice(0, 10) < target) lo = mid;
    else hi = mid;
  }
  return new Date(hi * 60000).toISOString();
}
