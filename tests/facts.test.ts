// Every modelled actor and event, and its key facts, as the public API serves them.
import { describe, expect, it } from 'vitest';
import { seed } from './helpers.js';

const { data } = seed;

const ACTORS: Record<string, string> = {
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

const EVENTS: Record<string, string> = {
  'ncc-talks-with-lavrov-and-bogdanov': 'Meeting',
  'ncc-news-conference': 'Meeting',
  'rome-opposition-conference': 'Meeting',
  'national-coalition-founded': 'Meeting',
  'unsc-6627th-meeting': 'Meeting',
  'unsc-6711th-meeting': 'Meeting',
  'unsc-6810th-meeting': 'Meeting',
  'national-coalition-rejects-dialogue': 'Statement',
  'manna-russia-pushing-damascus': 'Statement',
  'manna-very-strong-message': 'Statement',
  'manna-only-political-dialogue': 'Statement',
  'manna-russia-first-to-agree': 'Statement',
  'lavrov-calls-for-negotiations': 'Statement',
  'foreign-ministry-calls-unanswered': 'Statement',
  'churkin-pressure-on-damascus': 'Statement',
  'bogdanov-welcomes-rome-meeting': 'Statement',
  'brahimi-new-proposals': 'Statement',
  'china-no-comment-on-brahimi-plans': 'Statement',
  'france-no-comment-on-brahimi-plans': 'Statement',
  'united-kingdom-no-comment-on-brahimi-plans': 'Statement',
  'russia-no-comment-on-brahimi-plans': 'Statement',
  'united-states-no-comment-on-brahimi-plans': 'Statement',
  'vote-s-2011-612': 'Vote',
  'vote-s-2012-77': 'Vote',
  'vote-s-2012-538': 'Vote',
};

// Each event's span in its own zone, precision, the source's words and the zone they are read in.
// Written out in full so that any change to the data or the time model shows up here.
const TIMES: Record<string, [string, string, string, string | null, string?]> = {
  'unsc-6627th-meeting': ['2011-10-04T00:00:00.000-04:00', '2011-10-05T00:00:00.000-04:00', 'DAY', '4 October 2011'],
  'vote-s-2011-612': ['2011-10-04T00:00:00.000-04:00', '2011-10-05T00:00:00.000-04:00', 'DAY', '4 October 2011'],
  'unsc-6711th-meeting': ['2012-02-04T00:00:00.000-05:00', '2012-02-05T00:00:00.000-05:00', 'DAY', '4 February 2012'],
  'vote-s-2012-77': ['2012-02-04T00:00:00.000-05:00', '2012-02-05T00:00:00.000-05:00', 'DAY', '4 February 2012'],
  'unsc-6810th-meeting': ['2012-07-19T00:00:00.000-04:00', '2012-07-20T00:00:00.000-04:00', 'DAY', '19 July 2012'],
  'vote-s-2012-538': ['2012-07-19T00:00:00.000-04:00', '2012-07-20T00:00:00.000-04:00', 'DAY', '19 July 2012'],
  'national-coalition-founded': ['2012-11-01T00:00:00.000+03:00', '2012-11-29T00:00:00.000+03:00', 'MONTH', 'earlier this month'],
  'brahimi-new-proposals': ['2012-11-28T15:00:00.000-05:00', '2012-11-29T15:00:00.000-05:00', 'DAY', 'Thursday', 'Europe/Moscow'],
  'lavrov-calls-for-negotiations': ['2012-11-29T00:00:00.000+04:00', '2012-11-30T00:00:00.000+04:00', 'DAY', 'after his talks with the NCC on Thursday'],
  'manna-only-political-dialogue': ['2012-11-29T00:00:00.000+04:00', '2012-11-30T00:00:00.000+04:00', 'DAY', 'Thursday'],
  'manna-russia-first-to-agree': ['2012-11-29T00:00:00.000+04:00', '2012-11-30T00:00:00.000+04:00', 'DAY', 'Thursday'],
  'manna-russia-pushing-damascus': ['2012-11-29T00:00:00.000+04:00', '2012-11-30T00:00:00.000+04:00', 'DAY', 'Thursday'],
  'manna-very-strong-message': ['2012-11-29T00:00:00.000+04:00', '2012-11-30T00:00:00.000+04:00', 'DAY', 'Thursday'],
  'national-coalition-rejects-dialogue': ['2012-11-29T00:00:00.000+04:00', '2012-11-30T00:00:00.000+04:00', 'DAY', null],
  'ncc-news-conference': ['2012-11-29T00:00:00.000+04:00', '2012-11-30T00:00:00.000+04:00', 'DAY', 'Thursday'],
  'ncc-talks-with-lavrov-and-bogdanov': ['2012-11-29T00:00:00.000+04:00', '2012-11-30T00:00:00.000+04:00', 'DAY', 'Thursday'],
  'bogdanov-welcomes-rome-meeting': ['2012-11-29T18:00:00.000+04:00', '2012-11-30T00:00:00.000+04:00', 'PART_OF_DAY', 'Thursday evening'],
  'foreign-ministry-calls-unanswered': ['2012-11-29T18:00:00.000+04:00', '2012-11-30T00:00:00.000+04:00', 'PART_OF_DAY', 'after working hours'],
  'churkin-pressure-on-damascus': ['2012-11-29T11:00:00.000-05:00', '2012-11-29T15:00:00.000-05:00', 'PART_OF_DAY', 'late Thursday', 'Europe/Moscow'],
  'china-no-comment-on-brahimi-plans': ['2012-11-29T20:00:00.000+04:00', '2012-11-30T00:00:00.000+04:00', 'PART_OF_DAY', 'as of late Thursday, Moscow time'],
  'france-no-comment-on-brahimi-plans': ['2012-11-29T20:00:00.000+04:00', '2012-11-30T00:00:00.000+04:00', 'PART_OF_DAY', 'as of late Thursday, Moscow time'],
  'russia-no-comment-on-brahimi-plans': ['2012-11-29T20:00:00.000+04:00', '2012-11-30T00:00:00.000+04:00', 'PART_OF_DAY', 'as of late Thursday, Moscow time'],
  'united-kingdom-no-comment-on-brahimi-plans': ['2012-11-29T20:00:00.000+04:00', '2012-11-30T00:00:00.000+04:00', 'PART_OF_DAY', 'as of late Thursday, Moscow time'],
  'united-states-no-comment-on-brahimi-plans': ['2012-11-29T20:00:00.000+04:00', '2012-11-30T00:00:00.000+04:00', 'PART_OF_DAY', 'as of late Thursday, Moscow time'],
  'rome-opposition-conference': ['2012-12-17T00:00:00.000+01:00', '2012-12-19T00:00:00.000+01:00', 'DAY', 'Dec. 17-18'],
};

// Each statement: speaker, form, reporting outlets, and the meeting it was made at (or after).
const STATEMENTS: Record<string, [string, string, string[], string | null]> = {
  'national-coalition-rejects-dialogue': ['national-coalition', 'PARAPHRASE', [], null],
  'manna-russia-pushing-damascus': ['haytham-manna', 'PARAPHRASE', ['ria-novosti'], null],
  'manna-very-strong-message': ['haytham-manna', 'DIRECT_QUOTE', ['ria-novosti'], 'ncc-news-conference'],
  'manna-only-political-dialogue': ['haytham-manna', 'PARAPHRASE', ['ria-novosti'], null],
  'manna-russia-first-to-agree': ['haytham-manna', 'PARAPHRASE', ['ria-novosti'], null],
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

const EVENT_FIELDS = `
  id __typename kind title note
  time { start end zone precision text textZone }
  actors { slug }
  citations { quote source { id } }
  ... on Meeting { status location { name country zone } participants { role actor { slug } } statements { id } votes { id } }
  ... on Statement { speaker { slug } content quoted form reportedBy { slug } about { slug } meeting { id } regarding { id } }
  ... on Vote { body { slug } motion outcome tally { yes no abstain absent } vetoedBy { slug } ballots { choice actor { slug } } meeting { id } }
`;

async function allEvents() {
  const result = await data(`{ timeline(first: 100) { totalCount edges { node { ${EVENT_FIELDS} } } } }`);
  const events = result.timeline.edges.map((edge: any) => edge.node);
  const byId = new Map<string, any>(events.map((event: any) => [Buffer.from(event.id, 'base64').toString().split(':')[1], event]));
  return { total: result.timeline.totalCount as number, byId };
}

const slugs = (actors: { slug: string }[]) => actors.map((a) => a.slug);

describe('actors', () => {
  it('serves every actor the article names, and the Security Council members of 2011-2012, with their kinds', async () => {
    const result = await data('{ actors(first: 100) { totalCount edges { node { slug kind } } } }');
    const served = Object.fromEntries(result.actors.edges.map((e: any) => [e.node.slug, e.node.kind]));
    expect(served).toEqual(ACTORS);
    expect(result.actors.totalCount).toBe(Object.keys(ACTORS).length);
  });

  it('gives the NCC its two names and its acronym', async () => {
    const { actor } = await data('{ actor(slug: "ncc") { name aliases } }');
    expect(actor.name).toBe('National Coordination Committee for Democratic Change in Syria');
    expect(actor.aliases).toEqual(expect.arrayContaining(['NCC', 'National Coordination Body']));
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

  it('seats fifteen members on the Security Council in each year, five of them permanent', async () => {
    const { actor } = await data('{ actor(slug: "un-security-council") { members { slug memberships { organization { slug } seat from until } } } }');
    const seats = actor.members.map((m: any) => ({ slug: m.slug, ...m.memberships.find((s: any) => s.organization.slug === 'un-security-council') }));
    const seatedOn = (day: string) => seats.filter((s: any) => (s.from === null || s.from <= day) && (s.until === null || day < s.until));
    expect(seatedOn('2011-10-04')).toHaveLength(15);
    expect(seatedOn('2012-07-19')).toHaveLength(15);
    expect(seats.filter((s: any) => s.seat === 'PERMANENT').map((s: any) => s.slug).sort()).toEqual(['china', 'france', 'russia', 'united-kingdom', 'united-states']);
  });
});

describe('events', () => {
  it('serves every modelled event once, with the right type', async () => {
    const { total, byId } = await allEvents();
    expect(total).toBe(Object.keys(EVENTS).length);
    expect(Object.fromEntries([...byId].map(([id, e]) => [id, e.__typename]))).toEqual(EVENTS);
    for (const event of byId.values()) {
      expect(event.kind).toBe(event.__typename.toUpperCase());
      expect(event.citations.length).toBeGreaterThan(0);
      expect(new Set(slugs(event.actors)).size).toBe(event.actors.length);
    }
  });

  it("serves each event's span in its own zone, its precision and the source's words", async () => {
    const { byId } = await allEvents();
    const served = Object.fromEntries(
      [...byId].map(([id, e]) => [id, [e.time.start, e.time.end, e.time.precision, e.time.text, ...(e.time.textZone ? [e.time.textZone] : [])]]),
    );
    expect(served).toEqual(TIMES);
  });

  it('attributes every statement to its speaker, with its form, reporters and meeting', async () => {
    const { byId } = await allEvents();
    const served = Object.fromEntries(
      [...byId]
        .filter(([, e]) => e.kind === 'STATEMENT')
        .map(([id, e]) => [id, [e.speaker.slug, e.form, slugs(e.reportedBy), e.meeting && Buffer.from(e.meeting.id, 'base64').toString().split(':')[1]]]),
    );
    expect(served).toEqual(STATEMENTS);
    for (const [id, [, form]] of Object.entries(STATEMENTS)) expect(byId.get(id).quoted).toBe(form === 'DIRECT_QUOTE');
  });

  it('has the NCC hold talks with Lavrov and Bogdanov in Moscow on Thursday', async () => {
    const talks = (await allEvents()).byId.get('ncc-talks-with-lavrov-and-bogdanov');
    expect(talks.status).toBe('HELD');
    expect(talks.location).toEqual({ name: 'Moscow', country: 'RU', zone: 'Europe/Moscow' });
    expect(talks.participants).toEqual([
      { role: 'delegation', actor: { slug: 'ncc' } },
      { role: 'host', actor: { slug: 'sergei-lavrov' } },
      { role: 'host', actor: { slug: 'mikhail-bogdanov' } },
      { role: 'host', actor: { slug: 'russian-foreign-ministry' } },
    ]);
    expect(talks.time).toMatchObject({ start: '2012-11-29T00:00:00.000+04:00', end: '2012-11-30T00:00:00.000+04:00', precision: 'DAY', text: 'Thursday' });
    expect(talks.statements.map((s: any) => s.id)).toContain(Buffer.from('Statement:lavrov-calls-for-negotiations').toString('base64'));
  });

  it('plans the Rome conference for Dec. 17-18, with Russia invited', async () => {
    const rome = (await allEvents()).byId.get('rome-opposition-conference');
    expect(rome.status).toBe('PLANNED');
    expect(rome.location).toMatchObject({ name: 'Rome', country: 'IT', zone: 'Europe/Rome' });
    expect(slugs(rome.actors)).toEqual(['ncc', 'syrian-opposition', 'russia']);
    expect(rome.statements).toHaveLength(2); // Manna's and Bogdanov's, both about it
  });

  it('dates the National Coalition to "earlier this month", with Doha as context in the note', async () => {
    const founded = (await allEvents()).byId.get('national-coalition-founded');
    expect(founded.time).toMatchObject({ precision: 'MONTH', text: 'earlier this month', start: '2012-11-01T00:00:00.000+03:00', end: '2012-11-29T00:00:00.000+03:00' });
    expect(founded.note).toMatch(/Doha on 11 November 2012/);
  });

  it('tells direct quotes from paraphrases and reported silences', async () => {
    const { byId } = await allEvents();
    const manna = byId.get('manna-very-strong-message');
    expect(manna).toMatchObject({ form: 'DIRECT_QUOTE', quoted: true, speaker: { slug: 'haytham-manna' }, reportedBy: [{ slug: 'ria-novosti' }] });
    expect(manna.content).toMatch(/^To stop all the attacks of the regime/);
    expect(manna.meeting.id).toBe(Buffer.from('Meeting:ncc-news-conference').toString('base64'));
    const churkin = byId.get('churkin-pressure-on-damascus');
    expect(churkin).toMatchObject({ form: 'DIRECT_QUOTE', quoted: true, reportedBy: [{ slug: 'itar-tass' }], speaker: { slug: 'vitaly-churkin' } });
    expect(byId.get('bogdanov-welcomes-rome-meeting')).toMatchObject({ form: 'PARAPHRASE', quoted: false, regarding: [{ id: Buffer.from('Meeting:rome-opposition-conference').toString('base64') }] });
    expect(byId.get('foreign-ministry-calls-unanswered')).toMatchObject({ form: 'NO_COMMENT', quoted: false, speaker: { slug: 'russian-foreign-ministry-press-office' } });
    const silent = [...byId.entries()].filter(([id]) => id.endsWith('-no-comment-on-brahimi-plans')).map(([, e]) => e.speaker.slug);
    expect(silent.sort()).toEqual(['china', 'france', 'russia', 'united-kingdom', 'united-states']);
  });

  it('derives the three vetoes from the ballots, each cited in both sources', async () => {
    const { byId } = await allEvents();
    const expected = {
      'vote-s-2011-612': { tally: { yes: 9, no: 2, abstain: 4, absent: 0 }, date: '2011-10-04T00:00:00.000-04:00', meeting: 'unsc-6627th-meeting' },
      'vote-s-2012-77': { tally: { yes: 13, no: 2, abstain: 0, absent: 0 }, date: '2012-02-04T00:00:00.000-05:00', meeting: 'unsc-6711th-meeting' },
      'vote-s-2012-538': { tally: { yes: 11, no: 2, abstain: 2, absent: 0 }, date: '2012-07-19T00:00:00.000-04:00', meeting: 'unsc-6810th-meeting' },
    };
    for (const [id, facts] of Object.entries(expected)) {
      const vote = byId.get(id);
      expect(vote.outcome).toBe('VETOED');
      expect(slugs(vote.vetoedBy)).toEqual(['china', 'russia']);
      expect(vote.body.slug).toBe('un-security-council');
      expect(vote.tally).toEqual(facts.tally);
      expect(vote.ballots).toHaveLength(15);
      expect(vote.time.start).toBe(facts.date);
      expect(vote.meeting.id).toBe(Buffer.from(`Meeting:${facts.meeting}`).toString('base64'));
      expect(vote.citations.map((c: any) => c.source.id)).toEqual([
        Buffer.from('Source:unsc-syria-vetoes-2011-2012').toString('base64'),
        Buffer.from('Source:ria-novosti-2012-11-29').toString('base64'),
      ]);
      expect(vote.citations[1].quote).toBe('vetoing three resolutions in the UN Security Council that called for tougher measures against Assad');
    }
  });
});

describe('sources', () => {
  it('stores the article word for word with its date and place, and the official record beside it', async () => {
    const { sources } = await data(`{ sources { title kind text sha256 publishedAt published { precision start end } place { name zone } creditedTo { slug } references } }`);
    const [article, record] = sources;
    expect(article.kind).toBe('ARTICLE');
    expect(article.text).toHaveLength(2847);
    expect(article.text.startsWith("Russia's leadership is pushing Damascus")).toBe(true);
    expect(article.publishedAt).toBe('2012-11-29T00:00:00.000+04:00');
    expect(article.published).toEqual({ precision: 'DAY', start: '2012-11-29T00:00:00.000+04:00', end: '2012-11-30T00:00:00.000+04:00' });
    expect(article.place).toEqual({ name: 'Moscow', zone: 'Europe/Moscow' });
    expect(slugs(article.creditedTo)).toEqual(['ria-novosti']);
    expect(record.kind).toBe('OFFICIAL_RECORD');
    expect(record.references).toEqual(['SC/10403', 'SC/10536', 'SC/10714']);
  });

  it('quotes every citation exactly as its source slice', async () => {
    const { timeline, sources } = await data(`{
      sources { id text }
      timeline(first: 100) { edges { node { citations { quote start end source { id } } } } } }`);
    const texts = new Map<string, string>(sources.map((s: any) => [s.id, s.text]));
    let checked = 0;
    for (const edge of timeline.edges) {
      for (const citation of edge.node.citations) {
        expect(texts.get(citation.source.id)!.slice(citation.start, citation.end)).toBe(citation.quote);
        checked++;
      }
    }
    expect(checked).toBeGreaterThanOrEqual(25);
  });
});
