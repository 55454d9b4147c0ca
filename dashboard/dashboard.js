// Entente dashboard: a small page built on the public GraphQL API and the exports only.
// No framework and no build step: the browser runs this module as it is.
import { startOfLocalDay } from './zones.js';

const SVG = 'http://www.w3.org/2000/svg';
const KINDS = ['MEETING', 'STATEMENT', 'VOTE'];
const form = document.querySelector('#filters');
const state = { events: [], sources: new Map(), selectedId: null };

// ---- GraphQL -----------------------------------------------------------------

async function gql(query, variables = {}) {
  const response = await fetch('/graphql', {
    method: 'POST',
    headers: { 'content-type': 'application/json', accept: 'application/json' },
    body: JSON.stringify({ query, variables }),
  });
  const body = await response.json();
  if (body.errors?.length) throw new Error(body.errors.map((e) => e.message).join('; '));
  return body.data;
}

const EVENT_FIELDS = `
  id kind title note
  time { start(zone: $zone) end(zone: $zone) zone precision text textZone ownStart: start ownEnd: end }
  actors { id name }
  citations { quote start end source { id } }
  ... on Meeting { status location { name } participants { role actor { name } } }
  ... on Statement { speaker { name } content form reportedBy { name } }
  ... on Vote { outcome tally { yes no abstain } vetoedBy { name } }`;

const TIMELINE = `query DashboardTimeline($filter: TimelineFilter, $zone: TimeZone!, $after: String) {
  timeline(first: 100, after: $after, filter: $filter) {
    totalCount
    edges { node { ${EVENT_FIELDS} } }
    pageInfo { hasNextPage endCursor }
  }
}`;

const CHARTS = `query DashboardCharts($filter: TimelineFilter, $zone: TimeZone!, $interval: HistogramInterval!, $via: [InteractionKind!]) {
  timelineHistogram(filter: $filter, interval: $interval, zone: $zone) { start end count byKind { kind count } }
  interactions(filter: $filter, first: 500, via: $via) { source { id name } target { id name } count }
}`;

const shorten = (text, length) => (text.length > length ? `${text.slice(0, length - 1)}…` : text);

/** "2012-11-29T00:00:00.000+04:00" (already in the display zone) as "2012-11-29 00:00". */
const shortTime = (iso) => `${iso.slice(0, 10)} ${iso.slice(11, 16)}`;

// ---- Filters -----------------------------------------------------------------

function currentZone() {
  return form.elements.zone.value;
}

function readFilter() {
  const zone = currentZone();
  const filter = {};
  if (form.elements.from.value) filter.from = startOfLocalDay(form.elements.from.value, zone);
  // "To" is the last day shown, inclusive: the window ends at the next local midnight.
  if (form.elements.to.value) filter.to = startOfLocalDay(form.elements.to.value, zone, 1);
  const kinds = [...form.querySelectorAll('input[name=kind]:checked')].map((i) => i.value);
  if (kinds.length < KINDS.length) filter.kinds = kinds;
  if (form.elements.status.value) filter.statuses = [form.elements.status.value];
  // Picked actors are alternatives (any of them), each with its members (Russia: its ministers
  // and envoys) unless unticked; "speaking" keeps only what they said.
  const actors = [...form.elements.actors.selectedOptions].map((o) => o.value);
  if (actors.length) {
    if (form.elements.actorRole.value === 'speaker') filter.speakers = actors;
    else filter.anyActors = actors;
    if (form.elements.includeMembers.checked) filter.includeMembers = true;
  }
  if (form.elements.search.value.trim()) filter.search = form.elements.search.value.trim();
  return filter;
}

function exportQuery(filter, zone) {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(filter)) params.set(key, Array.isArray(value) ? value.join(',') : value);
  params.set('zone', zone);
  return params.toString();
}

// ---- Rendering helpers -------------------------------------------------------

function el(tag, attributes = {}, ...children) {
  const node = tag.startsWith('svg:') ? document.createElementNS(SVG, tag.slice(4)) : document.createElement(tag);
  for (const [key, value] of Object.entries(attributes)) {
    if (key === 'onclick') node.addEventListener('click', value);
    else if (key === 'text') node.textContent = value;
    else node.setAttribute(key, value);
  }
  for (const child of children) if (child != null) node.append(child);
  return node;
}

function size(svg) {
  const box = svg.getBoundingClientRect();
  return { width: Math.max(box.width, 300), height: Math.max(box.height, 100) };
}

function timeTicks(from, to, count, zone) {
  const format = new Intl.DateTimeFormat('en-GB', { timeZone: zone, day: 'numeric', month: 'short', year: '2-digit' });
  return Array.from({ length: count }, (_, i) => {
    const ms = from + ((to - from) * i) / (count - 1);
    return { ms, label: format.format(new Date(ms)) };
  });
}

// ---- Panels ------------------------------------------------------------------

function renderTimeline() {
  const svg = document.querySelector('#timeline');
  svg.replaceChildren();
  const events = state.events;
  if (!events.length) return;
  const { width, height } = size(svg);
  const left = 70;
  const right = 10;
  const filter = readFilter();
  const from = filter.from ? Date.parse(filter.from) : Math.min(...events.map((e) => Date.parse(e.time.start)));
  const to = filter.to ? Date.parse(filter.to) : Math.max(...events.map((e) => Date.parse(e.time.end)));
  const x = (ms) => left + ((Math.min(Math.max(ms, from), to) - from) / Math.max(to - from, 1)) * (width - left - right);
  const lane = (kind) => 10 + KINDS.indexOf(kind) * 36;
  for (const kind of KINDS) svg.append(el('svg:text', { class: 'lane', x: 4, y: lane(kind) + 16, text: kind.toLowerCase() }));
  const axis = el('svg:g', { class: 'axis' });
  for (const tick of timeTicks(from, to, 5, currentZone())) {
    axis.append(el('svg:line', { x1: x(tick.ms), x2: x(tick.ms), y1: 6, y2: height - 18 }));
    axis.append(el('svg:text', { x: x(tick.ms), y: height - 4, 'text-anchor': 'middle', text: tick.label }));
  }
  svg.append(axis);
  for (const event of events) {
    const start = x(Date.parse(event.time.start));
    const w = Math.max(x(Date.parse(event.time.end)) - start, 4);
    const shape = el('svg:rect', {
      class: `event kind-${event.kind}${event.id === state.selectedId ? ' selected' : ''}`,
      x: start, y: lane(event.kind), width: w, height: 24, rx: 3, 'data-event-id': event.id,
      onclick: () => select(event.id),
    }, el('svg:title', { text: `${event.title}\n${shortTime(event.time.start)} – ${shortTime(event.time.end)} (${currentZone()})` }));
    svg.append(shape);
  }
}

function renderList() {
  const body = document.querySelector('#events tbody');
  body.replaceChildren(
    ...state.events.map((event) =>
      el('tr', { 'data-event-id': event.id, class: event.id === state.selectedId ? 'selected' : '', onclick: () => select(event.id) },
        el('td', { class: 'time start', text: shortTime(event.time.start) }),
        el('td', { class: 'time end', text: shortTime(event.time.end) }),
        el('td', { class: `kind kind-${event.kind}`, text: event.kind.toLowerCase() }),
        el('td', { class: 'title', text: event.title }),
      ),
    ),
  );
}

function renderDetails(event) {
  const details = document.querySelector('#details');
  if (!event) {
    details.replaceChildren(el('p', { class: 'hint', text: 'Select an event in the timeline or the list.' }));
    return;
  }
  const rows = [
    ['When', `${shortTime(event.time.start)} – ${shortTime(event.time.end)} (${currentZone()})`],
    ['Own zone', `${shortTime(event.time.ownStart)} – ${shortTime(event.time.ownEnd)} ${event.time.zone}`],
    ['Precision', `${event.time.precision.toLowerCase().replace(/_/g, ' ')}${event.time.text ? `: “${event.time.text}”` : ''}${event.time.textZone ? ` (${event.time.textZone} time)` : ''}`],
  ];
  if (event.kind === 'STATEMENT') {
    rows.push(['Speaker', event.speaker.name], [event.form === 'DIRECT_QUOTE' ? 'Quote' : event.form === 'NO_COMMENT' ? 'No comment' : 'Paraphrase', event.content]);
    if (event.reportedBy.length) rows.push(['Reported by', event.reportedBy.map((a) => a.name).join(', ')]);
  }
  if (event.kind === 'MEETING') {
    rows.push(['Status', event.status.toLowerCase()]);
    if (event.location) rows.push(['Place', event.location.name]);
    rows.push(['Participants', event.participants.map((p) => `${p.actor.name}${p.role ? ` (${p.role})` : ''}`).join('; ')]);
  }
  if (event.kind === 'VOTE') {
    rows.push(['Outcome', `${event.outcome.toLowerCase()}: ${event.tally.yes} for, ${event.tally.no} against, ${event.tally.abstain} abstaining`]);
    if (event.vetoedBy.length) rows.push(['Vetoed by', event.vetoedBy.map((a) => a.name).join(', ')]);
  }
  rows.push(['Actors', event.actors.map((a) => a.name).join(', ')]);
  if (event.note) rows.push(['Note', event.note]);
  details.replaceChildren(
    el('h3', { text: event.title }),
    el('dl', {}, ...rows.flatMap(([term, value]) => [el('dt', { text: term }), el('dd', { text: value })])),
  );
}

/** Shows each cited source with the event's passages marked. */
function renderSource(event) {
  const panel = document.querySelector('#source');
  if (!event) {
    panel.replaceChildren(el('p', { class: 'hint', text: 'The cited passages of the selected event are highlighted here.' }));
    return;
  }
  const bySource = new Map();
  for (const citation of event.citations) {
    if (!bySource.has(citation.source.id)) bySource.set(citation.source.id, []);
    bySource.get(citation.source.id).push(citation);
  }
  const blocks = [];
  for (const [sourceId, citations] of bySource) {
    const source = state.sources.get(sourceId);
    const text = el('div', { class: 'text' });
    let at = 0;
    for (const c of [...citations].sort((a, b) => a.start - b.start)) {
      if (c.start < at) continue; // overlapping citations: the first one is marked
      text.append(source.text.slice(at, c.start), el('mark', { text: source.text.slice(c.start, c.end) }));
      at = c.end;
    }
    text.append(source.text.slice(at));
    blocks.push(el('h3', { text: `${source.title} (${source.kind === 'ARTICLE' ? 'article' : 'official record'})` }), text);
  }
  panel.replaceChildren(...blocks);
  panel.querySelector('mark')?.scrollIntoView({ block: 'nearest' });
}

function renderHistogram(buckets) {
  const svg = document.querySelector('#histogram');
  svg.replaceChildren();
  if (!buckets.length) return;
  const { width, height } = size(svg);
  const max = Math.max(...buckets.map((b) => b.count), 1);
  const barWidth = (width - 30) / buckets.length;
  const y = (count) => ((height - 30) * count) / max;
  svg.append(el('svg:text', { class: 'lane', x: 0, y: 12, text: String(max) }));
  buckets.forEach((bucket, i) => {
    let top = height - 20;
    const group = el('svg:g', { class: 'bar', onclick: () => zoomTo(bucket) }, el('svg:title', { text: `${shortTime(bucket.start)} – ${shortTime(bucket.end)}: ${bucket.count} events` }));
    for (const { kind, count } of bucket.byKind) {
      if (!count) continue;
      top -= y(count);
      group.append(el('svg:rect', { class: `kind-${kind}`, x: 25 + i * barWidth, y: top, width: Math.max(barWidth - 1, 1), height: y(count) }));
    }
    group.append(el('svg:rect', { x: 25 + i * barWidth, y: 0, width: Math.max(barWidth, 1), height: height - 20, fill: 'transparent' }));
    svg.append(group);
  });
  const first = buckets[0].start.slice(0, 10);
  const last = buckets.at(-1).start.slice(0, 10);
  svg.append(el('svg:text', { class: 'lane', x: 25, y: height - 4, text: first }), el('svg:text', { class: 'lane', x: width - 5, y: height - 4, 'text-anchor': 'end', text: last }));
}

function zoomTo(bucket) {
  document.body.dataset.ready = 'false';
  form.elements.from.value = bucket.start.slice(0, 10);
  // The bucket ends at a local midnight: the last day shown is the one before.
  const end = new Date(Date.parse(`${bucket.end.slice(0, 10)}T12:00:00Z`) - 86_400_000);
  form.elements.to.value = end.toISOString().slice(0, 10);
  void refresh();
}

function renderNetwork(interactions) {
  const svg = document.querySelector('#network');
  svg.replaceChildren();
  const actors = new Map();
  for (const { source, target } of interactions) {
    actors.set(source.id, source.name);
    actors.set(target.id, target.name);
  }
  if (!actors.size) return;
  const { width, height } = size(svg);
  const ids = [...actors.keys()];
  const radius = Math.min(width, height) / 2 - 100;
  const position = new Map(ids.map((id, i) => {
    const angle = (2 * Math.PI * i) / ids.length - Math.PI / 2;
    return [id, { x: width / 2 + radius * Math.cos(angle), y: height / 2 + radius * Math.sin(angle), angle }];
  }));
  const maxCount = Math.max(...interactions.map((i) => i.count));
  for (const { source, target, count } of interactions) {
    const a = position.get(source.id);
    const b = position.get(target.id);
    svg.append(el('svg:line', { class: 'edge', x1: a.x, y1: a.y, x2: b.x, y2: b.y, 'stroke-width': 0.5 + (3.5 * count) / maxCount },
      el('svg:title', { text: `${source.name} – ${target.name}: ${count} shared events` })));
  }
  const selected = new Set([...form.elements.actors.selectedOptions].map((o) => o.value));
  for (const id of ids) {
    const { x, y, angle } = position.get(id);
    const right = Math.cos(angle) >= 0;
    svg.append(el('svg:g', { class: `node${selected.has(id) ? ' active' : ''}`, 'data-actor-id': id, onclick: () => toggleActor(id) },
      el('svg:title', { text: actors.get(id) }),
      el('svg:circle', { cx: x, cy: y, r: 5 }),
      el('svg:text', { x: x + (right ? 8 : -8), y: y + 3, 'text-anchor': right ? 'start' : 'end', text: shorten(actors.get(id), 22) })));
  }
}

function toggleActor(id) {
  const option = [...form.elements.actors.options].find((o) => o.value === id);
  if (option) option.selected = !option.selected;
  document.body.dataset.ready = 'false';
  void refresh();
}

function select(id) {
  state.selectedId = id;
  const event = state.events.find((e) => e.id === id);
  for (const node of document.querySelectorAll('[data-event-id]')) node.classList.toggle('selected', node.dataset.eventId === id);
  renderDetails(event);
  renderSource(event);
}

// ---- Loading -----------------------------------------------------------------

function showError(error) {
  const box = document.querySelector('#error');
  box.textContent = error ? `Could not load: ${error.message}` : '';
  box.hidden = !error;
}

let generation = 0;
function updateExportLinks(filter, zone) {
  const query = exportQuery(filter, zone);
  for (const [id, path] of [['ics', 'calendar.ics'], ['timelinejs', 'timeline.json'], ['jsonld', 'events.jsonld']]) {
    document.querySelector(`#export-${id}`).href = `/export/${path}?${query}`;
  }
}

async function refresh() {
  const mine = ++generation;
  document.body.dataset.ready = 'false';
  const zone = currentZone();
  const filter = readFilter();
  updateExportLinks(filter, zone);
  try {
    const events = [];
    let after = null;
    let total = 0;
    // With no kind ticked nothing can match: an empty list would mean "every kind" to the API.
    if (filter.kinds?.length === 0) {
      state.events = [];
      renderTimeline();
      renderList();
      renderHistogram([]);
      renderNetwork([]);
      select(null);
      document.querySelector('#count').textContent = '0 events';
      document.body.dataset.ready = 'true';
      return;
    }
    do {
      const { timeline } = await gql(TIMELINE, { filter, zone, after });
      events.push(...timeline.edges.map((e) => e.node));
      total = timeline.totalCount;
      after = timeline.pageInfo.hasNextPage ? timeline.pageInfo.endCursor : null;
    } while (after && events.length < 2000);
    const via = document.querySelector('#via').value;
    const charts = await gql(CHARTS, { filter, zone, interval: document.querySelector('#interval').value, ...(via && { via: [via] }) });
    if (mine !== generation) return; // a newer refresh has started
    state.events = events;
    document.querySelector('#count').textContent = `${total} event${total === 1 ? '' : 's'}, times in ${zone}`;
    renderTimeline();
    renderList();
    renderHistogram(charts.timelineHistogram);
    renderNetwork(charts.interactions);
    if (!events.some((e) => e.id === state.selectedId)) state.selectedId = null;
    select(state.selectedId);
    document.body.dataset.ready = 'true';
    showError(null);
  } catch (error) {
    showError(error);
  }
}

async function start() {
  const { sources } = await gql('{ sources { id title kind text } }');
  const actors = [];
  let after = null;
  do {
    const page = await gql('query ($after: String) { actors(first: 100, after: $after) { edges { node { id name } } pageInfo { hasNextPage endCursor } } }', { after });
    actors.push(...page.actors.edges.map((e) => e.node));
    after = page.actors.pageInfo.hasNextPage ? page.actors.pageInfo.endCursor : null;
  } while (after);
  const options = actors.sort((a, b) => a.name.localeCompare(b.name));
  form.elements.actors.replaceChildren(...options.map((a) => el('option', { value: a.id, text: a.name })));
  for (const source of sources) state.sources.set(source.id, source);
  let typing;
  // body[data-ready] is "true" only while the page shows the current filters (tests wait for it).
  const changed = (delay) => {
    generation++; // a refresh still in flight now shows old filters: it must not render
    document.body.dataset.ready = 'false';
    clearTimeout(typing);
    typing = setTimeout(refresh, delay);
  };
  form.addEventListener('input', (event) => changed(event.target.name === 'search' ? 250 : 0));
  form.addEventListener('reset', () => changed(0));
  document.querySelector('#interval').addEventListener('change', () => changed(0));
  document.querySelector('#via').addEventListener('change', () => changed(0));
  window.addEventListener('resize', () => renderTimeline());
  await refresh();
}

start().catch(showError);
