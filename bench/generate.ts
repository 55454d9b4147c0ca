// Synthetic data for the benchmark: realistic actors, sources and events at any size, in the
// files the loader reads (actors.yaml, sources/<id>.json beside sources/<id>.txt), with a fixed
// seed, so that the same command always writes the same data.
//
//   npx tsx bench/generate.ts --events 1000000 --out bench/data/1m [--seed 20121129]
//
// Each source is a daily wire digest of up to 100 events: one sentence per event, which the
// event quotes. Every quote ends with the event's unique wire number, so it occurs exactly once.
import { createHash } from 'node:crypto';
import { mkdir, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { stringify } from 'yaml';
import { seededRandom, type SeededRandom } from '../tests/seeded-random.js';

const EVENTS_PER_SOURCE = 100;
const COUNCIL_SIZE = 15;
const PERMANENT_SEATS = 5;
const ZONES = [
  'Europe/Moscow',
  'America/New_York',
  'Europe/London',
  'Europe/Paris',
  'Europe/Berlin',
  'Europe/Rome',
  'Asia/Damascus',
  'Asia/Tehran',
  'Asia/Tokyo',
  'Asia/Shanghai',
  'Asia/Kolkata',
  'Asia/Qatar',
  'Africa/Cairo',
  'Africa/Johannesburg',
  'America/Sao_Paulo',
  'America/Santiago',
  'Australia/Sydney',
  'UTC',
] as const;
const TOPICS = [
  'the border dispute',
  'sanctions',
  'a ceasefire',
  'grain exports',
  'the nuclear talks',
  'refugee returns',
  'energy prices',
  'a trade agreement',
  'maritime rights',
  'election monitoring',
];
const VERBS = ['called for', 'rejected', 'welcomed', 'warned against', 'proposed', 'questioned'];
const SYLLABLES = ['ka', 'lo', 'mir', 'an', 'dre', 'vi', 'sa', 'tor', 'el', 'bar', 'in', 'os', 'ru', 'ne', 'hal', 'zi', 'pe', 'ta', 'gor', 'li'];

interface ActorOut {
  id: string;
  name: string;
  kind: string;
  description?: string;
  memberOf?: { actor: string; role?: string; seat?: string }[];
  voting?: { rule: string; required?: number };
}

function word(rng: SeededRandom, syllables: number): string {
  let text = '';
  for (let i = 0; i < syllables; i++) text += rng.pick(SYLLABLES);
  return text[0]!.toUpperCase() + text.slice(1);
}

function actors(rng: SeededRandom, events: number) {
  const states: ActorOut[] = [];
  const bodies: ActorOut[] = [];
  const people: ActorOut[] = [];
  const media: ActorOut[] = [];
  const councils: ActorOut[] = [];
  const stateCount = Math.min(190, 40 + Math.floor(events / 1000));
  for (let i = 0; i < stateCount; i++) states.push({ id: `state-${i}`, name: `Republic of ${word(rng, 3)}`, kind: 'STATE' });
  // Councils: each state sits on at most one, with permanent and elected seats.
  for (let c = 0; c * COUNCIL_SIZE + COUNCIL_SIZE <= Math.min(stateCount, 5 * COUNCIL_SIZE); c++) {
    const council: ActorOut = {
      id: `council-${c}`,
      name: `${word(rng, 2)} Security Council`,
      kind: 'INTERNATIONAL_ORGANIZATION',
      voting: { rule: 'FIXED', required: 9 },
    };
    councils.push(council);
    for (let s = 0; s < COUNCIL_SIZE; s++) {
      const state = states[c * COUNCIL_SIZE + s]!;
      (state.memberOf ??= []).push({ actor: council.id, seat: s < PERMANENT_SEATS ? 'PERMANENT' : 'ELECTED' });
    }
  }
  for (const state of states) {
    bodies.push({
      id: `${state.id}-foreign-ministry`,
      name: `Foreign Ministry of ${state.name.slice(12)}`,
      kind: 'GOVERNMENT_BODY',
      memberOf: [{ actor: state.id }],
    });
  }
  const peopleCount = Math.min(20_000, 100 + Math.floor(events / 50));
  for (let i = 0; i < peopleCount; i++) {
    const body = rng.pick(bodies);
    people.push({
      id: `person-${i}`,
      name: `${word(rng, 2)} ${word(rng, 3)}`,
      kind: 'PERSON',
      description: `Diplomat, ${body.name}`,
      memberOf: [{ actor: body.id, role: rng.pick(['Minister', 'Deputy Minister', 'Ambassador', 'Envoy', 'Spokesperson']) }],
    });
  }
  for (let i = 0; i < 12; i++) media.push({ id: `agency-${i}`, name: `${word(rng, 2)} News Agency`, kind: 'MEDIA' });
  return { states, bodies, people, media, councils, all: [...councils, ...states, ...bodies, ...people, ...media] };
}

function pad(n: number, width = 2): string {
  return String(n).padStart(width, '0');
}

async function generate(events: number, out: string, seed: number): Promise<void> {
  const rng = seededRandom(seed);
  const cast = actors(rng, events);
  await rm(out, { recursive: true, force: true });
  await mkdir(join(out, 'sources'), { recursive: true });
  await writeFile(join(out, 'actors.yaml'), `# Synthetic actors (bench/generate.ts, seed ${seed}).\n${stringify({ actors: cast.all })}`);

  const firstDay = Date.UTC(2000, 0, 1);
  const sources = Math.ceil(events / EVENTS_PER_SOURCE);
  // Spread the sources over the years, one digest per day, so that windows hold a steady share.
  const days = Math.max(sources, 365);
  let number = 0;
  for (let s = 0; s < sources; s++) {
    const day = new Date(firstDay + Math.floor((s * days) / sources) * 86_400_000);
    const date = `${day.getUTCFullYear()}-${pad(day.getUTCMonth() + 1)}-${pad(day.getUTCDate())}`;
    const agency = rng.pick(cast.media);
    const sentences: string[] = [];
    const entries: Record<string, unknown>[] = [];
    for (let e = 0; e < EVENTS_PER_SOURCE && number < events; e++, number++) {
      const zone = rng.pick(ZONES);
      const hour = rng.int(24);
      const time = rng.chance(0.6)
        ? { zone, at: `${date}T${pad(hour)}:${pad(rng.int(60))}`, precision: rng.chance(0.5) ? 'MINUTE' : 'HOUR' }
        : rng.chance(0.7)
          ? { zone, date }
          : { zone, date, partOfDay: rng.pick(['morning', 'afternoon', 'evening'] as const) };
      const wire = `(wire ${number})`;
      const kind = rng.int(100);
      if (kind < 45) {
        const people = Array.from({ length: 2 + rng.int(3) }, () => rng.pick(cast.people));
        const ids = [...new Set(people.map((p) => p.id))];
        const where = word(rng, 2);
        const sentence = `${people.map((p) => p.name).join(', ')} met in ${where} to discuss ${rng.pick(TOPICS)} ${wire}.`;
        sentences.push(sentence);
        entries.push({
          id: `meeting-${number}`,
          kind: 'MEETING',
          title: `Talks in ${where} on ${rng.pick(TOPICS)}`,
          status: rng.chance(0.9) ? 'HELD' : 'PLANNED',
          time,
          location: { name: where },
          participants: ids.map((actor) => ({ actor })),
          citations: [{ quote: sentence }],
        });
      } else if (kind < 95) {
        const speaker = rng.pick(cast.people);
        const about = rng.pick(cast.states);
        const content = `${speaker.name} ${rng.pick(VERBS)} ${rng.pick(TOPICS)} with ${about.name}`;
        const sentence = `${content} ${wire}.`;
        sentences.push(sentence);
        entries.push({
          id: `statement-${number}`,
          kind: 'STATEMENT',
          title: `${speaker.name} on ${about.name}`,
          time,
          speaker: speaker.id,
          form: rng.chance(0.3) ? 'DIRECT_QUOTE' : 'PARAPHRASE',
          content,
          reportedBy: [agency.id],
          about: [about.id],
          citations: [{ quote: sentence }],
        });
      } else {
        const council = rng.pick(cast.councils);
        const members = cast.states.filter((state) => state.memberOf?.some((m) => m.actor === council.id));
        const ballots = { yes: [] as string[], no: [] as string[], abstain: [] as string[], absent: [] as string[] };
        for (const member of members) ballots[rng.pick(['yes', 'yes', 'yes', 'no', 'abstain'] as const)].push(member.id);
        const motion = `Draft resolution ${s}/${e} on ${rng.pick(TOPICS)}`;
        const sentence = `${council.name} voted on ${motion}: ${ballots.yes.length} in favour, ${ballots.no.length} against, ${ballots.abstain.length} abstaining ${wire}.`;
        sentences.push(sentence);
        entries.push({
          id: `vote-${number}`,
          kind: 'VOTE',
          title: `${council.name} vote on ${motion}`,
          time: { zone, date },
          body: council.id,
          motion,
          tally: { yes: ballots.yes.length, no: ballots.no.length, abstain: ballots.abstain.length },
          ballots,
          citations: [{ quote: sentence }],
        });
      }
    }
    const text = `${agency.name} diplomatic wire, ${date}.\n\n${sentences.join('\n')}\n`;
    const id = `wire-${pad(s, 7)}`;
    const file = {
      source: {
        kind: 'ARTICLE',
        title: `${agency.name} diplomatic wire, ${date}`,
        creditedTo: [agency.id],
        published: { zone: 'UTC', date },
        sha256: createHash('sha256').update(text, 'utf8').digest('hex'),
      },
      events: entries,
    };
    await writeFile(join(out, 'sources', `${id}.txt`), text);
    await writeFile(join(out, 'sources', `${id}.json`), JSON.stringify(file));
  }
  console.log(`${out}: ${events} events in ${sources} sources, ${cast.all.length} actors (seed ${seed})`);
}

const { values } = parseArgs({ options: { events: { type: 'string' }, out: { type: 'string' }, seed: { type: 'string', default: '20121129' } } });
const events = Number(values.events);
if (!Number.isInteger(events) || events < 1 || !values.out) {
  console.error('usage: tsx bench/generate.ts --events N --out DIR [--seed S]');
  process.exit(2);
}
await generate(events, values.out, Number(values.seed));
