// The seed's facts, as the public API serves them over the project's data/: who, when, what, and
// which passage says so. Each fact is checked on its own (by slug, or within one fixed scope such as
// one vote's ballots or one source's statements by one speaker), never as a total over the whole
// data, so that adding a valid source changes nothing here.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { globalId, seed } from './helpers.js';

const { data } = seed;

const ARTICLE = 'ria-novosti-2012-11-29';
const RECORD = 'unsc-syria-vetoes-2011-2012';

/** The article's lead, which says who said what "Thursday", and that RIA Novosti reported it. */
const LEAD =
  "Russia's leadership is pushing Damascus to stop military operations against the country's insurgency in order to enable a political solution to the standoff in Syria, a representative of a moderate Syrian opposition group said Thursday, RIA Novosti reported.";
const MANNA_QUOTE =
  '"To stop all the attacks of the regime - it will be a great victory for those who want peace. I think they [the Russian Foreign Ministry] sent something to the Syrian regime, a very strong message about it," said Haytham Manna';

const EVENT_FIELDS = `
  slug __typename kind title note
  time { start end zone precision text textZone moscowStart: start(zone: "Europe/Moscow") moscowEnd: end(zone: "Europe/Moscow")
         newYorkStart: start(zone: "America/New_York") newYorkEnd: end(zone: "America/New_York") }
  actors { slug }
  citations { quote start end source { slug } }
  ... on Meeting { status location { name country zone } participants { role actor { slug } } statements { slug } votes { slug } }
  ... on Statement { speaker { slug } content quoted form reportedBy { slug } about { slug } meeting { slug } regarding { slug } }
  ... on Vote { body { slug } motion outcome tally { yes no abstain } vetoedBy { slug } ballots { choice actor { slug } } meeting { slug } }
`;

async function event(slug: string): Promise<any> {
  const result = await data(`query ($slug: String!) { event(slug: $slug) { ${EVENT_FIELDS} } }`, { slug });
  expect(result.event, `event "${slug}"`).not.toBeNull();
  return result.event;
}

async function actor(slug: string): Promise<any> {
  const result = await data(
    `query ($slug: String!) { actor(slug: $slug) {
    slug name aliases kind description memberships { organization { slug } role seat from until } } }`,
    { slug },
  );
  expect(result.actor, `actor "${slug}"`).not.toBeNull();
  return result.actor;
}

async function source(slug: string): Promise<any> {
  const { node } = await data(
    `query ($id: ID!) { node(id: $id) { ... on Source {
    slug title note kind text sha256 publishedAt published { precision start end zone text } place { name country zone }
    creditedTo { slug } references } } }`,
    { id: globalId('Source', slug) },
  );
  expect(node, `source "${slug}"`).not.toBeNull();
  return node;
}

/** Every event of the seed, page by page, whatever their number. */
async function everyEvent(fields: string, filter = '{}'): Promise<any[]> {
  const events: any[] = [];
  let after: string | null = null;
  for (;;) {
    const page: any = await data(
      `query ($after: String) { timeline(first: 100, after: $after, filter: ${filter}) {
      edges { node { ${fields} } } pageInfo { hasNextPage endCursor } } }`,
      { after },
    );
    events.push(...page.timeline.edges.map((edge: any) => edge.node));
    if (!page.timeline.pageInfo.hasNextPage) return events;
    after = page.timeline.pageInfo.endCursor;
  }
}

const slugs = (actors: { slug: string }[]) => actors.map((a) => a.slug);
const quotes = (e: any) => e.citations.map((c: any) => c.quote);

describe('actors', () => {
  it('gives every actor of the article and the Security Council record its kind', async () => {
    const kinds: Record<string, string> = {
      'haytham-manna': 'PERSON',
      'sergei-lavrov': 'PERSON',
      'mikhail-bogdanov': 'PERSON',
      'vitaly-churkin': 'PERSON',
      'bashar-al-assad': 'PERSON',
      'lakhdar-brahimi': 'PERSON',
      'russian-foreign-ministry': 'GOVERNMENT_BODY',
      'russian-foreign-ministry-press-office': 'GOVERNMENT_BODY',
      'syrian-government': 'GOVERNMENT_BODY',
      'syrian-opposition': 'ORGANIZATION',
      ncc: 'ORGANIZATION',
      'national-coalition': 'ORGANIZATION',
      'united-nations': 'INTERNATIONAL_ORGANIZATION',
      'un-security-council': 'INTERNATIONAL_ORGANIZATION',
      'league-of-arab-states': 'INTERNATIONAL_ORGANIZATION',
      'ria-novosti': 'MEDIA',
      'itar-tass': 'MEDIA',
      russia: 'STATE',
      china: 'STATE',
      france: 'STATE',
      'united-kingdom': 'STATE',
      'united-states': 'STATE',
      syria: 'STATE',
      'bosnia-and-herzegovina': 'STATE',
      brazil: 'STATE',
      gabon: 'STATE',
      lebanon: 'STATE',
      nigeria: 'STATE',
      colombia: 'STATE',
      germany: 'STATE',
      india: 'STATE',
      portugal: 'STATE',
      'south-africa': 'STATE',
      azerbaijan: 'STATE',
      guatemala: 'STATE',
      morocco: 'STATE',
      pakistan: 'STATE',
      togo: 'STATE',
    };
    for (const [slug, kind] of Object.entries(kinds)) expect((await actor(slug)).kind, slug).toBe(kind);
  });

  it('names the NCC as the article does, and by its own English name, said to come from outside the article', async () => {
    const ncc = await actor('ncc');
    expect(ncc.name).toBe('National Coordination Committee for Democratic Change in Syria');
    expect(ncc.aliases).toEqual(expect.arrayContaining(['NCC', 'National Coordination Body', 'National Coordination Body for Democratic Change', 'NCB']));
    expect(ncc.description).toMatch(/as the article calls it/);
    expect(ncc.description).toMatch(/From outside the article: its own English name is "National Coordination Body for Democratic Change – NCB"/);
    expect(ncc.memberships).toEqual([{ organization: { slug: 'syrian-opposition' }, role: 'opposition group', seat: null, from: null, until: null }]);
  });

  it("gives Haytham Manna the article's description and his role from other reports, with the other spellings of his name", async () => {
    const manna = await actor('haytham-manna');
    expect(manna.aliases).toEqual(expect.arrayContaining(['Manna', 'Haitham Manna', 'Haytham Manaa']));
    expect(manna.description).toMatch(/^A member of the National Coordination Committee for Democratic Change in Syria \(NCC\), as the article calls him\./);
    expect(manna.description).toMatch(/From outside the article: the NCC's deputy head and its representative abroad\./);
    expect(manna.memberships).toEqual([{ organization: { slug: 'ncc' }, role: 'member', seat: null, from: null, until: null }]);
  });

  it("gives Lakhdar Brahimi his title, the envoy of both the UN and the League of Arab States, and the article's words for it", async () => {
    const brahimi = await actor('lakhdar-brahimi');
    expect(brahimi.description).toMatch(/^The UN peace envoy for Syria, as the article calls him\./);
    expect(brahimi.description).toMatch(
      /From outside the article: his title was Joint Special Representative of the United Nations and the League of Arab States for Syria/,
    );
    expect(brahimi.memberships.map((m: any) => [m.organization.slug, m.role])).toEqual([
      ['united-nations', 'Joint Special Representative for Syria'],
      ['league-of-arab-states', 'Joint Special Representative for Syria'],
    ]);
    const league = await actor('league-of-arab-states');
    expect(league).toMatchObject({ name: 'League of Arab States', aliases: ['Arab League'] });
  });

  it('links minister to ministry to state to Security Council, and back through members', async () => {
    const { actor } = await data(`{ actor(slug: "sergei-lavrov") {
      memberOf { slug members { slug } memberOf { slug memberships { organization { slug } seat } memberOf { slug } } } } }`);
    const ministry = actor.memberOf[0];
    expect(ministry.slug).toBe('russian-foreign-ministry');
    expect(slugs(ministry.members)).toEqual(expect.arrayContaining(['sergei-lavrov', 'mikhail-bogdanov', 'russian-foreign-ministry-press-office']));
    const russia = ministry.memberOf[0];
    expect(russia.slug).toBe('russia');
    expect(russia.memberships).toEqual([{ organization: { slug: 'un-security-council' }, seat: 'PERMANENT' }]);
    expect(slugs(russia.memberOf)).toEqual(['un-security-council']);
  });

  it('seats fifteen members on the Security Council on the day of each vote, the same five of them permanent', async () => {
    const { actor } = await data('{ actor(slug: "un-security-council") { members { slug memberships { organization { slug } seat from until } } } }');
    const seats = actor.members.map((m: any) => ({ slug: m.slug, ...m.memberships.find((s: any) => s.organization.slug === 'un-security-council') }));
    const seatedOn = (day: string) => seats.filter((s: any) => (s.from === null || s.from <= day) && (s.until === null || day < s.until));
    for (const day of ['2011-10-04', '2012-02-04', '2012-07-19']) expect(seatedOn(day), day).toHaveLength(15);
    expect(
      seats
        .filter((s: any) => s.seat === 'PERMANENT')
        .map((s: any) => s.slug)
        .sort(),
    ).toEqual(['china', 'france', 'russia', 'united-kingdom', 'united-states']);
  });
});

describe('time', () => {
  it("states Moscow's offsets as the time-zone database has them: +03:00/+04:00 until 27 March 2011, +04:00 to 26 October 2014, +03:00 since", async () => {
    const { timelineHistogram } = await data(`{ timelineHistogram(interval: MONTH, zone: "Europe/Moscow",
      filter: { from: "2010-01-01T00:00:00+03:00", to: "2016-01-01T00:00:00+03:00" }) { start } }`);
    const offsetOn = (month: string) => timelineHistogram.find((b: any) => b.start.startsWith(month))?.start.slice(-6);
    // Winter and summer time until March 2011.
    expect(offsetOn('2010-01')).toBe('+03:00');
    expect(offsetOn('2010-07')).toBe('+04:00');
    expect(offsetOn('2011-03')).toBe('+03:00');
    // Summer time all year from 27 March 2011 (not +03:00 before it all year round, as the README once said)...
    expect(offsetOn('2011-04')).toBe('+04:00');
    for (const month of ['2011-11', '2012-01', '2012-11', '2013-12', '2014-10']) expect(offsetOn(month), month).toBe('+04:00');
    // ...to 26 October 2014, and +03:00 since.
    for (const month of ['2014-11', '2015-01', '2015-07']) expect(offsetOn(month), month).toBe('+03:00');
    // The README's time model says the same.
    const readme = readFileSync(new URL('../README.md', import.meta.url), 'utf8');
    expect(readme).toContain(
      'Moscow was UTC+04:00 in 2012, as it was all year from 27 March 2011 to 26 October 2014; before that it kept UTC+03:00 in winter and UTC+04:00 in summer, and it has kept UTC+03:00 since.',
    );
    expect(readme).not.toContain('UTC+03:00 before 27 March 2011');
  });

  it("dates each event in its own zone, at its precision, with the source's words and the clock they are read on", async () => {
    // [start, end] in the event's zone, precision, the source's words, and the zone of the words when not the event's.
    const times: Record<string, [string, string, string, string | null, string?]> = {
      'unsc-6627th-meeting': ['2011-10-04T00:00:00.000-04:00', '2011-10-05T00:00:00.000-04:00', 'DAY', '4 October 2011'],
      'vote-s-2011-612': ['2011-10-04T00:00:00.000-04:00', '2011-10-05T00:00:00.000-04:00', 'DAY', '4 October 2011'],
      'unsc-6711th-meeting': ['2012-02-04T00:00:00.000-05:00', '2012-02-05T00:00:00.000-05:00', 'DAY', '4 February 2012'],
      'vote-s-2012-77': ['2012-02-04T00:00:00.000-05:00', '2012-02-05T00:00:00.000-05:00', 'DAY', '4 February 2012'],
      'unsc-6810th-meeting': ['2012-07-19T00:00:00.000-04:00', '2012-07-20T00:00:00.000-04:00', 'DAY', '19 July 2012'],
      'vote-s-2012-538': ['2012-07-19T00:00:00.000-04:00', '2012-07-20T00:00:00.000-04:00', 'DAY', '19 July 2012'],
      // In Doha, read on the Moscow clock: 1 to 29 November, Moscow time, is 23:00 the day before in Doha.
      'national-coalition-founded': ['2012-10-31T23:00:00.000+03:00', '2012-11-28T23:00:00.000+03:00', 'MONTH', 'earlier this month', 'Europe/Moscow'],
      'brahimi-new-proposals': ['2012-11-28T15:00:00.000-05:00', '2012-11-29T15:00:00.000-05:00', 'DAY', 'Thursday', 'Europe/Moscow'],
      'ncc-talks-with-lavrov-and-bogdanov': ['2012-11-29T00:00:00.000+04:00', '2012-11-30T00:00:00.000+04:00', 'DAY', 'Thursday'],
      'ncc-news-conference': ['2012-11-29T00:00:00.000+04:00', '2012-11-30T00:00:00.000+04:00', 'DAY', 'Thursday'],
      'manna-very-strong-message': ['2012-11-29T00:00:00.000+04:00', '2012-11-30T00:00:00.000+04:00', 'DAY', 'Thursday'],
      'manna-only-political-dialogue': ['2012-11-29T00:00:00.000+04:00', '2012-11-30T00:00:00.000+04:00', 'DAY', null],
      'manna-russia-first-to-agree': ['2012-11-29T00:00:00.000+04:00', '2012-11-30T00:00:00.000+04:00', 'DAY', null],
      'lavrov-calls-for-negotiations': ['2012-11-29T00:00:00.000+04:00', '2012-11-30T00:00:00.000+04:00', 'DAY', 'after his talks with the NCC on Thursday'],
      'national-coalition-rejects-dialogue': ['2012-11-29T00:00:00.000+04:00', '2012-11-30T00:00:00.000+04:00', 'DAY', null],
      'bogdanov-welcomes-rome-meeting': ['2012-11-29T18:00:00.000+04:00', '2012-11-30T00:00:00.000+04:00', 'PART_OF_DAY', 'Thursday evening'],
      'foreign-ministry-calls-unanswered': ['2012-11-29T18:00:00.000+04:00', '2012-11-30T00:00:00.000+04:00', 'PART_OF_DAY', 'after working hours'],
      'churkin-pressure-on-damascus': ['2012-11-29T11:00:00.000-05:00', '2012-11-29T15:00:00.000-05:00', 'PART_OF_DAY', 'late Thursday', 'Europe/Moscow'],
      'china-no-comment-on-brahimi-plans': [
        '2012-11-29T20:00:00.000+04:00',
        '2012-11-30T00:00:00.000+04:00',
        'PART_OF_DAY',
        'as of late Thursday, Moscow time',
      ],
      'france-no-comment-on-brahimi-plans': [
        '2012-11-29T20:00:00.000+04:00',
        '2012-11-30T00:00:00.000+04:00',
        'PART_OF_DAY',
        'as of late Thursday, Moscow time',
      ],
      'united-kingdom-no-comment-on-brahimi-plans': [
        '2012-11-29T20:00:00.000+04:00',
        '2012-11-30T00:00:00.000+04:00',
        'PART_OF_DAY',
        'as of late Thursday, Moscow time',
      ],
      'russia-no-comment-on-brahimi-plans': [
        '2012-11-29T20:00:00.000+04:00',
        '2012-11-30T00:00:00.000+04:00',
        'PART_OF_DAY',
        'as of late Thursday, Moscow time',
      ],
      'united-states-no-comment-on-brahimi-plans': [
        '2012-11-29T20:00:00.000+04:00',
        '2012-11-30T00:00:00.000+04:00',
        'PART_OF_DAY',
        'as of late Thursday, Moscow time',
      ],
      'rome-opposition-conference': ['2012-12-17T00:00:00.000+01:00', '2012-12-19T00:00:00.000+01:00', 'DAY', 'Dec. 17-18'],
    };
    for (const [slug, expected] of Object.entries(times)) {
      const { time } = await event(slug);
      expect([time.start, time.end, time.precision, time.text, ...(time.textZone ? [time.textZone] : [])], slug).toEqual(expected);
    }
  });

  it("finds every event's time words in one of its cited passages, as the source's own words", async () => {
    const events = await everyEvent('slug time { text } citations { quote }');
    expect(events.length).toBeGreaterThan(0);
    for (const e of events) {
      if (e.time.text === null) continue;
      const words = e.time.text.toLowerCase();
      expect(
        quotes(e).some((quote: string) => quote.toLowerCase().includes(words)),
        `${e.slug}: "${e.time.text}" in ${JSON.stringify(quotes(e))}`,
      ).toBe(true);
    }
  });

  it('dates Manna\'s remarks and the news conference by the lead\'s "said Thursday", or else gives no words and says why', async () => {
    // The quote is the lead's remark: it cites the lead, whose "said Thursday" dates it.
    const quote = await event('manna-very-strong-message');
    expect(quote.time.text).toBe('Thursday');
    expect(quotes(quote)).toContain(LEAD);
    // The news conference is dated by the remark made on its sidelines, and cites the lead's words for it.
    const conference = await event('ncc-news-conference');
    expect(conference.time.text).toBe('Thursday');
    expect(quotes(conference)).toContain('a representative of a moderate Syrian opposition group said Thursday, RIA Novosti reported.');
    expect(conference.note).toMatch(/which the lead says was made on Thursday/);
    // Manna's other remarks have no day word: no text, the article's day, and a note saying so.
    for (const slug of ['manna-only-political-dialogue', 'manna-russia-first-to-agree']) {
      const remark = await event(slug);
      expect(remark.time, slug).toMatchObject({ text: null, precision: 'DAY', start: '2012-11-29T00:00:00.000+04:00', end: '2012-11-30T00:00:00.000+04:00' });
      expect(quotes(remark).join(' '), slug).not.toMatch(/thursday/i);
      expect(remark.note, slug).toMatch(/The article gives no day for this remark .* dated to the article's day, Thursday 29 November 2012/);
    }
  });

  it('reads "earlier this month" in Doha on the Moscow clock: from 1 November to the article\'s day', async () => {
    const founded = await event('national-coalition-founded');
    expect(founded.time).toMatchObject({ zone: 'Asia/Qatar', textZone: 'Europe/Moscow', precision: 'MONTH', text: 'earlier this month' });
    expect(founded.time.moscowStart).toBe('2012-11-01T00:00:00.000+04:00');
    // It ends where the article's day begins.
    const talks = await event('ncc-talks-with-lavrov-and-bogdanov');
    expect(founded.time.moscowEnd).toBe('2012-11-29T00:00:00.000+04:00');
    expect(founded.time.moscowEnd).toBe(talks.time.moscowStart);
    expect(founded.location).toEqual({ name: 'Doha', country: 'QA', zone: 'Asia/Qatar' });
    expect(founded.note).toMatch(/^Known context, not in the article: the coalition was founded in Doha on 11 November 2012\./);
    expect(quotes(founded)).toEqual(['the National Coalition for Syrian Revolutionary and Opposition Forces, an umbrella group created earlier this month']);
  });

  it('reads Brahimi\'s "Thursday" as the Moscow day, which holds the window where both Thursdays overlap, and says so', async () => {
    const brahimi = await event('brahimi-new-proposals');
    expect(brahimi.time).toMatchObject({ zone: 'America/New_York', textZone: 'Europe/Moscow', precision: 'DAY', text: 'Thursday' });
    expect([brahimi.time.moscowStart, brahimi.time.moscowEnd]).toEqual(['2012-11-29T00:00:00.000+04:00', '2012-11-30T00:00:00.000+04:00']);
    // 00:00-15:00 on 29 November in New York, the overlap of the Moscow and the New York Thursday, lies within the span.
    expect(brahimi.time.newYorkStart <= '2012-11-29T00:00:00.000-05:00').toBe(true);
    expect(brahimi.time.newYorkEnd).toBe('2012-11-29T15:00:00.000-05:00');
    expect(brahimi.note).toMatch(/^Known context, not in the article: Brahimi briefed the Security Council in New York on Thursday 29 November 2012\./);
    expect(brahimi.note).toMatch(/between 00:00 and 15:00 on 29 November, New York time/);
    expect(quotes(brahimi)).toEqual([
      'The UN peace envoy for Syria, Lakhdar Brahimi, said Thursday that he has some new proposals for solving the Syrian conflict, but they would require support from all members of the UN Security Council.',
    ]);
  });
});

describe('meetings', () => {
  it('has the NCC hold talks with Lavrov and Bogdanov in Moscow on Thursday', async () => {
    const talks = await event('ncc-talks-with-lavrov-and-bogdanov');
    expect(talks.status).toBe('HELD');
    expect(talks.location).toEqual({ name: 'Moscow', country: 'RU', zone: 'Europe/Moscow' });
    expect(talks.participants).toEqual([
      { role: 'delegation', actor: { slug: 'ncc' } },
      { role: 'host', actor: { slug: 'sergei-lavrov' } },
      { role: 'host', actor: { slug: 'mikhail-bogdanov' } },
      { role: 'host', actor: { slug: 'russian-foreign-ministry' } },
    ]);
    expect(quotes(talks)).toContain(
      'Representatives of the opposition group, also known as the National Coordination Body, held talks with Russian Foreign Minister Sergei Lavrov and his deputy Mikhail Bogdanov in Moscow on Thursday.',
    );
    expect(slugs(talks.statements)).toContain('lavrov-calls-for-negotiations');
  });

  it('plans the Rome conference for Dec. 17-18, with Russia invited, and two statements about it', async () => {
    const rome = await event('rome-opposition-conference');
    expect(rome.status).toBe('PLANNED');
    expect(rome.location).toMatchObject({ name: 'Rome', country: 'IT', zone: 'Europe/Rome' });
    expect(slugs(rome.actors)).toEqual(['ncc', 'syrian-opposition', 'russia']);
    expect(quotes(rome)).toEqual(['The NCC plans to hold a conference in Rome on Dec. 17-18 in a bid to further unite Syrian opposition groups.']);
    expect(slugs(rome.statements).sort()).toEqual(['bogdanov-welcomes-rome-meeting', 'manna-russia-first-to-agree']);
  });

  it('holds the news conference at which Manna spoke, with his quote made there', async () => {
    const conference = await event('ncc-news-conference');
    expect(conference).toMatchObject({ status: 'HELD', location: null, participants: [{ role: 'spoke on the sidelines', actor: { slug: 'haytham-manna' } }] });
    expect(slugs(conference.statements)).toEqual(['manna-very-strong-message']);
  });
});

describe('statements', () => {
  it('attributes every statement of the article to its speaker, with its form, reporters and meeting', async () => {
    const statements: Record<string, [string, string, string[], string | null]> = {
      'national-coalition-rejects-dialogue': ['national-coalition', 'PARAPHRASE', [], null],
      'manna-very-strong-message': ['haytham-manna', 'DIRECT_QUOTE', ['ria-novosti'], 'ncc-news-conference'],
      'manna-only-political-dialogue': ['haytham-manna', 'PARAPHRASE', [], null],
      'manna-russia-first-to-agree': ['haytham-manna', 'PARAPHRASE', [], null],
      'lavrov-calls-for-negotiations': ['sergei-lavrov', 'PARAPHRASE', [], 'ncc-talks-with-lavrov-and-bogdanov'],
      'foreign-ministry-calls-unanswered': ['russian-foreign-ministry-press-office', 'NO_COMMENT', [], null],
      'churkin-pressure-on-damascus': ['vitaly-churkin', 'DIRECT_QUOTE', ['itar-tass'], null],
      'bogdanov-welcomes-rome-meeting': ['mikhail-bogdanov', 'PARAPHRASE', [], null],
      'brahimi-new-proposals': ['lakhdar-brahimi', 'PARAPHRASE', [], null],
      'china-no-comment-on-brahimi-plans': ['china', 'NO_COMMENT', [], null],
      'france-no-comment-on-brahimi-plans': ['france', 'NO_COMMENT', [], null],
      'united-kingdom-no-comment-on-brahimi-plans': ['united-kingdom', 'NO_COMMENT', [], null],
      'russia-no-comment-on-brahimi-plans': ['russia', 'NO_COMMENT', [], null],
      'united-states-no-comment-on-brahimi-plans': ['united-states', 'NO_COMMENT', [], null],
    };
    for (const [slug, [speaker, form, reportedBy, meeting]] of Object.entries(statements)) {
      const s = await event(slug);
      expect([s.__typename, s.speaker.slug, s.form, slugs(s.reportedBy), s.meeting?.slug ?? null], slug).toEqual([
        'Statement',
        speaker,
        form,
        reportedBy,
        meeting,
      ]);
      expect(s.quoted, slug).toBe(form === 'DIRECT_QUOTE');
    }
  });

  it("credits a statement to the outlets its own passages name as reporting it; the article's credit covers the rest", async () => {
    expect(slugs((await source(ARTICLE)).creditedTo)).toEqual(['ria-novosti']);
    const outlets = [
      { slug: 'ria-novosti', words: 'RIA Novosti reported' },
      { slug: 'itar-tass', words: 'Itar-Tass reported' },
    ];
    const statements = await everyEvent(
      'slug kind citations { quote source { slug } } ... on Statement { reportedBy { slug } }',
      `{ sources: ["${ARTICLE}"], kinds: [STATEMENT] }`,
    );
    expect(statements.length).toBeGreaterThan(0);
    for (const s of statements) {
      const named = outlets.filter((o) => quotes(s).some((quote: string) => quote.includes(o.words))).map((o) => o.slug);
      expect(slugs(s.reportedBy), s.slug).toEqual(named);
    }
  });

  it("counts Manna's remark once, under the quote's id, citing the quote and the lead that paraphrases it", async () => {
    // The lead's paraphrase was its own event, manna-russia-pushing-damascus; it is now part of the quote's.
    expect((await data('{ event(slug: "manna-russia-pushing-damascus") { slug } }')).event).toBeNull();
    const manna = await event('manna-very-strong-message');
    expect(quotes(manna)).toEqual([MANNA_QUOTE, LEAD]);
    expect(manna.citations.map((c: any) => c.source.slug)).toEqual([ARTICLE, ARTICLE]);
    expect(manna.note).toMatch(/they are counted as one statement/);
    // Manna's statements in the article: the remark, and the two that follow it.
    const his = await everyEvent('slug', `{ sources: ["${ARTICLE}"], speakers: ["haytham-manna"] }`);
    expect(his.map((e) => e.slug).sort()).toEqual(['manna-only-political-dialogue', 'manna-russia-first-to-agree', 'manna-very-strong-message']);
    // The lead is cited by no other statement of his.
    const citingLead = await everyEvent('slug citations { quote }', `{ sources: ["${ARTICLE}"], kinds: [STATEMENT] }`);
    expect(citingLead.filter((e) => quotes(e).includes(LEAD)).map((e) => e.slug)).toEqual(['manna-very-strong-message']);
  });

  it('titles Manna\'s quote as the hedge it is, and keeps "[the Russian Foreign Ministry]" as RIA Novosti\'s gloss', async () => {
    const manna = await event('manna-very-strong-message');
    expect(manna.title).toBe('Haytham Manna: he thinks the Russian Foreign Ministry sent the Syrian regime a very strong message');
    expect(manna).toMatchObject({ form: 'DIRECT_QUOTE', quoted: true, speaker: { slug: 'haytham-manna' } });
    expect(manna.content).toBe(
      'To stop all the attacks of the regime - it will be a great victory for those who want peace. I think they [the Russian Foreign Ministry] sent something to the Syrian regime, a very strong message about it',
    );
    expect(slugs(manna.about)).toEqual(['russian-foreign-ministry', 'russia', 'syrian-government']);
    expect(manna.note).toMatch(
      /Manna hedges \("I think they \.\.\. sent something"\); "\[the Russian Foreign Ministry\]" is RIA Novosti's gloss of his\s+"they"/,
    );
  });

  it("keeps the reporter's remark out of Lavrov's words, and in the note", async () => {
    const lavrov = await event('lavrov-calls-for-negotiations');
    expect(lavrov.content).toBe('Russia calls for political negotiations between Assad and the Syrian opposition.');
    expect(lavrov.content).not.toMatch(/further details/);
    expect(lavrov.note).toBe('The article adds that he "gave no further details": the reporter\'s remark, not Lavrov\'s words.');
    expect(lavrov.meeting.slug).toBe('ncc-talks-with-lavrov-and-bogdanov');
    expect(quotes(lavrov)).toEqual([
      'Lavrov reiterated after his talks with the NCC on Thursday that Russia calls for political negotiations between Assad and the Syrian opposition, but gave no further details.',
    ]);
  });

  it('quotes Churkin as Itar-Tass reported him, and reports the silences of the ministry and the five permanent members', async () => {
    const churkin = await event('churkin-pressure-on-damascus');
    expect(churkin).toMatchObject({ form: 'DIRECT_QUOTE', quoted: true, reportedBy: [{ slug: 'itar-tass' }], speaker: { slug: 'vitaly-churkin' } });
    expect(churkin.content).toBe(
      'we are trying to pressure the government in Syria, to convince them there is no military solution to the crisis and to sit them down at the negotiating table with the opposition',
    );
    expect(await event('bogdanov-welcomes-rome-meeting')).toMatchObject({
      form: 'PARAPHRASE',
      quoted: false,
      regarding: [{ slug: 'rome-opposition-conference' }],
    });
    expect(await event('foreign-ministry-calls-unanswered')).toMatchObject({
      form: 'NO_COMMENT',
      quoted: false,
      speaker: { slug: 'russian-foreign-ministry-press-office' },
    });
    const silence =
      'None of the permanent council members - China, France, Great Britain, Russia and the United States - had commented on these new plans as of late Thursday, Moscow time.';
    for (const member of ['china', 'france', 'united-kingdom', 'russia', 'united-states']) {
      const s = await event(`${member}-no-comment-on-brahimi-plans`);
      expect(s, member).toMatchObject({ form: 'NO_COMMENT', speaker: { slug: member }, about: [{ slug: 'lakhdar-brahimi' }] });
      expect(quotes(s), member).toEqual([silence]);
    }
  });
});

describe('votes', () => {
  it('derives the three vetoes from the ballots, each cited in both sources', async () => {
    const expected = {
      'vote-s-2011-612': {
        tally: { yes: 9, no: 2, abstain: 4 },
        abstain: ['brazil', 'india', 'lebanon', 'south-africa'],
        date: '2011-10-04T00:00:00.000-04:00',
        meeting: 'unsc-6627th-meeting',
      },
      'vote-s-2012-77': { tally: { yes: 13, no: 2, abstain: 0 }, abstain: [], date: '2012-02-04T00:00:00.000-05:00', meeting: 'unsc-6711th-meeting' },
      'vote-s-2012-538': {
        tally: { yes: 11, no: 2, abstain: 2 },
        abstain: ['pakistan', 'south-africa'],
        date: '2012-07-19T00:00:00.000-04:00',
        meeting: 'unsc-6810th-meeting',
      },
    };
    for (const [slug, facts] of Object.entries(expected)) {
      const vote = await event(slug);
      expect(vote.outcome, slug).toBe('VETOED');
      expect(slugs(vote.vetoedBy), slug).toEqual(['china', 'russia']);
      expect(vote.body.slug).toBe('un-security-council');
      expect(vote.tally).toEqual(facts.tally);
      expect(vote.ballots, slug).toHaveLength(15);
      const choice = (c: string) =>
        vote.ballots
          .filter((b: any) => b.choice === c)
          .map((b: any) => b.actor.slug)
          .sort();
      expect(choice('NO'), slug).toEqual(['china', 'russia']);
      expect(choice('ABSTAIN'), slug).toEqual(facts.abstain);
      expect(vote.time.start).toBe(facts.date);
      expect(vote.meeting.slug).toBe(facts.meeting);
      expect(vote.citations.map((c: any) => c.source.slug)).toEqual([RECORD, ARTICLE]);
      expect(vote.citations[1].quote).toBe('vetoing three resolutions in the UN Security Council that called for tougher measures against Assad');
    }
  });
});

describe('sources', () => {
  it('stores the article word for word, dated and placed by its own "Thursday" and "Moscow time", with no invented dateline', async () => {
    const article = await source(ARTICLE);
    expect(article.kind).toBe('ARTICLE');
    expect(article.text).toHaveLength(2847);
    expect(article.text.startsWith(LEAD)).toBe(true);
    expect(article.publishedAt).toBe('2012-11-29T00:00:00.000+04:00');
    expect(article.published).toEqual({
      precision: 'DAY',
      start: '2012-11-29T00:00:00.000+04:00',
      end: '2012-11-30T00:00:00.000+04:00',
      zone: 'Europe/Moscow',
      text: null,
    });
    expect(article.text).not.toContain('29 Nov');
    expect(article.place).toEqual({ name: 'Moscow', country: 'RU', zone: 'Europe/Moscow' });
    expect(article.note).toMatch(/The text has no headline, no dateline and no byline/);
    expect(article.note).toMatch(/the day\s+is the article's "Thursday", which is 29 November 2012/);
    expect(article.note).toMatch(/whose clock the\s+article keeps \("as of late Thursday, Moscow time"\)/);
    for (const words of ['Thursday', 'as of late Thursday, Moscow time']) expect(article.text).toContain(words);
  });

  it('keeps the Security Council record beside it, with its press releases', async () => {
    const record = await source(RECORD);
    expect(record.kind).toBe('OFFICIAL_RECORD');
    expect(slugs(record.creditedTo)).toEqual(['un-security-council']);
    expect(record.references).toEqual(['SC/10403', 'SC/10536', 'SC/10714']);
  });

  it('quotes every citation exactly as its source slice', async () => {
    const { sources } = await data('{ sources { slug text } }');
    const texts = new Map<string, string>(sources.map((s: any) => [s.slug, s.text]));
    for (const e of await everyEvent('slug citations { quote start end source { slug } }')) {
      expect(e.citations.length, e.slug).toBeGreaterThan(0);
      for (const citation of e.citations) expect(texts.get(citation.source.slug)!.slice(citation.start, citation.end), e.slug).toBe(citation.quote);
    }
  });
});
