// The Annals viewer: draws /export/vis-timeline.json with vis-timeline and reads details, actors
// and the revision history from /graphql. Its state lives in the URL (lang, kinds, actor, asOf),
// so that a view can be shared. Text from the data is only ever set as textContent.
'use strict';

(function () {
  const KINDS = [
    'MEETING',
    'VISIT',
    'STATEMENT',
    'LEGAL_ACTION',
    'PROPOSAL',
    'ELECTION',
    'AGREEMENT',
    'ANNOUNCEMENT',
    'OTHER',
  ];

  const TEXT = {
    en: {
      kinds: 'Kinds',
      actor: 'Actor',
      anyActor: 'Any actor',
      asOf: 'As of',
      now: 'now',
      participants: 'Participants',
      citations: 'Sources',
      speaker: 'speaker',
      accordingTo: 'according to',
      note: 'Note',
      loading: 'Loading…',
      events: (count) => `${count} events`,
      pick: 'Click an event to see who took part and what the sources say.',
      statuses: { PLANNED: 'planned', OCCURRED: 'occurred', CANCELLED: 'cancelled', POSTPONED: 'postponed' },
      kindNames: {
        MEETING: 'Meetings',
        VISIT: 'Visits',
        STATEMENT: 'Statements',
        LEGAL_ACTION: 'Legal actions',
        PROPOSAL: 'Proposals',
        ELECTION: 'Elections',
        AGREEMENT: 'Agreements',
        ANNOUNCEMENT: 'Announcements',
        OTHER: 'Other',
      },
    },
    zh: {
      kinds: '类别',
      actor: '人物与机构',
      anyActor: '全部',
      asOf: '截至',
      now: '现在',
      participants: '参与者',
      citations: '来源',
      speaker: '发言者',
      accordingTo: '据',
      note: '注',
      loading: '加载中…',
      events: (count) => `${count} 个事件`,
      pick: '点击事件，查看参与者和来源的说法。',
      statuses: { PLANNED: '计划中', OCCURRED: '已发生', CANCELLED: '已取消', POSTPONED: '已推迟' },
      kindNames: {
        MEETING: '会谈',
        VISIT: '访问',
        STATEMENT: '表态',
        LEGAL_ACTION: '法律行动',
        PROPOSAL: '提议',
        ELECTION: '选举',
        AGREEMENT: '协议',
        ANNOUNCEMENT: '宣布',
        OTHER: '其他',
      },
    },
  };

  const DETAILS_QUERY = `query ViewerEvent($id: ID!, $lang: String, $asOf: DateTime) {
    event(id: $id, asOf: $asOf) {
      id slug kind status title(lang: $lang) summary(lang: $lang)
      time { local localEnd timeZone asWritten approximate }
      place { name(lang: $lang) }
      participants { role actor { slug name(lang: $lang) } }
      citations {
        quote note
        speaker { name(lang: $lang) }
        attributedTo { name(lang: $lang) }
        source { title url publisher { name(lang: $lang) } }
      }
    }
  }`;

  const SETUP_QUERY = `query ViewerSetup($lang: String) {
    actors(first: 100) { nodes { id slug name(lang: $lang) } }
    timeline(first: 100) { nodes { history(first: 100) { nodes { recordedAt } } } }
  }`;

  const elements = {
    timeline: document.getElementById('timeline'),
    details: document.getElementById('details'),
    kinds: document.getElementById('kinds'),
    actor: document.getElementById('actor'),
    asOf: document.getElementById('as-of'),
    asOfLabel: document.getElementById('as-of-label'),
    status: document.getElementById('status'),
  };

  const state = readState();
  let actors = [];
  let instants = [];
  let selectedEventId = null;
  const items = new vis.DataSet();
  const groups = new vis.DataSet();
  const timeline = new vis.Timeline(elements.timeline, items, groups, {
    stack: true,
    verticalScroll: true,
    maxHeight: Math.max(320, window.innerHeight - 190),
    zoomMin: 1000 * 60 * 60 * 6,
    orientation: 'top',
    groupOrder: 'order',
    tooltip: { followMouse: true },
  });

  function readState() {
    const params = new URLSearchParams(location.search);
    const list = (name) => (params.get(name) || '').split(',').filter(Boolean);
    return {
      lang: params.get('lang') === 'en' ? 'en' : 'zh-Hans',
      kinds: list('kinds').filter((kind) => KINDS.includes(kind)),
      actor: params.get('actor') || '',
      asOf: params.get('asOf') || '',
    };
  }

  function writeState() {
    const params = new URLSearchParams();
    params.set('lang', state.lang);
    if (state.kinds.length) params.set('kinds', state.kinds.join(','));
    if (state.actor) params.set('actor', state.actor);
    if (state.asOf) params.set('asOf', state.asOf);
    history.replaceState(null, '', `${location.pathname}?${params.toString()}`);
  }

  function text() {
    return state.lang.startsWith('zh') ? TEXT.zh : TEXT.en;
  }

  async function graphql(query, variables) {
    const response = await fetch('/graphql', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query, variables }),
    });
    const result = await response.json();
    if (result.errors) throw new Error(result.errors[0].message);
    return result.data;
  }

  function element(tag, content, className) {
    const node = document.createElement(tag);
    if (content !== undefined && content !== null) node.textContent = content;
    if (className) node.className = className;
    return node;
  }

  function renderLabels() {
    const labels = text();
    document.documentElement.lang = state.lang;
    for (const node of document.querySelectorAll('[data-text]')) node.textContent = labels[node.dataset.text];
    for (const button of document.querySelectorAll('[data-lang]')) {
      button.setAttribute('aria-pressed', String(button.dataset.lang === state.lang));
    }
    for (const input of elements.kinds.querySelectorAll('input')) {
      input.nextSibling.textContent = labels.kindNames[input.value];
    }
    renderActorOptions();
    renderAsOfLabel();
  }

  function renderKinds() {
    for (const kind of KINDS) {
      const label = element('label', null, `kind kind-${kind.toLowerCase()}`);
      const input = document.createElement('input');
      input.type = 'checkbox';
      input.value = kind;
      input.checked = state.kinds.includes(kind);
      input.addEventListener('change', () => {
        state.kinds = KINDS.filter((value) => elements.kinds.querySelector(`input[value="${value}"]`).checked);
        refresh();
      });
      label.append(input, element('span', kind));
      elements.kinds.append(label);
    }
  }

  function renderActorOptions() {
    elements.actor.replaceChildren(element('option', text().anyActor));
    elements.actor.firstChild.value = '';
    for (const actor of [...actors].sort((a, b) => a.name.localeCompare(b.name, state.lang))) {
      const option = element('option', actor.name);
      option.value = actor.slug;
      elements.actor.append(option);
    }
    elements.actor.value = state.actor;
  }

  function renderAsOfLabel() {
    const index = Number(elements.asOf.value);
    const instant = instants[index];
    elements.asOfLabel.textContent = instant ? instant.replace('T', ' ').replace(/\.\d+Z$/, ' UTC') : text().now;
  }

  function filter() {
    const value = {};
    if (state.kinds.length) value.kinds = state.kinds;
    const actor = actors.find((candidate) => candidate.slug === state.actor);
    if (actor) value.actors = [actor.id];
    return value;
  }

  async function loadItems() {
    const params = new URLSearchParams({ lang: state.lang, filter: JSON.stringify(filter()) });
    if (state.asOf) params.set('asOf', state.asOf);
    const response = await fetch(`/export/vis-timeline.json?${params.toString()}`);
    const exported = await response.json();
    if (exported.errors) throw new Error(exported.errors[0].message);
    const labels = text();
    groups.clear();
    groups.add(exported.groups.map((group) => ({ ...group, content: labels.kindNames[group.id] || group.id })));
    items.clear();
    items.add(exported.items);
    return exported.items.length;
  }

  async function loadDetails() {
    if (!selectedEventId) {
      elements.details.replaceChildren(element('p', text().pick, 'hint'));
      return;
    }
    const data = await graphql(DETAILS_QUERY, { id: selectedEventId, lang: state.lang, asOf: state.asOf || null });
    renderDetails(data.event);
  }

  function renderDetails(event) {
    const labels = text();
    if (!event) {
      elements.details.replaceChildren(element('p', text().pick, 'hint'));
      return;
    }
    const { time } = event;
    const when = `${time.approximate ? '~' : ''}${time.local}${time.localEnd ? ` – ${time.localEnd}` : ''}`;
    const heading = element('h2', event.title);
    const meta = element(
      'p',
      [when, time.asWritten, time.timeZone, event.place && event.place.name].filter(Boolean).join(' · '),
      'meta',
    );
    const status = element('span', labels.statuses[event.status], `status status-${event.status.toLowerCase()}`);
    status.dataset.status = event.status;
    meta.prepend(status, ' ');
    const parts = [heading, meta];
    if (event.summary) parts.push(element('p', event.summary, 'summary'));
    if (event.participants.length) {
      parts.push(element('h3', labels.participants));
      const list = element('ul', null, 'participants');
      for (const { role, actor } of event.participants)
        list.append(element('li', `${actor.name} · ${role.toLowerCase()}`));
      parts.push(list);
    }
    if (event.citations.length) {
      parts.push(element('h3', labels.citations));
      for (const citation of event.citations) {
        const block = element('div', null, 'citation');
        if (citation.quote) block.append(element('blockquote', citation.quote));
        const byline = [];
        if (citation.speaker) byline.push(`${labels.speaker}: ${citation.speaker.name}`);
        if (citation.attributedTo) byline.push(`${labels.accordingTo} ${citation.attributedTo.name}`);
        const source = element('p', `— ${byline.length ? `${byline.join(', ')}, ` : ''}`, 'byline');
        const title = citation.source.url
          ? element('a', citation.source.title)
          : element('cite', citation.source.title);
        if (citation.source.url) {
          title.href = citation.source.url;
          title.rel = 'noopener noreferrer';
        }
        source.append(title);
        block.append(source);
        if (citation.note) block.append(element('p', `${labels.note}: ${citation.note}`, 'note'));
        parts.push(block);
      }
    }
    elements.details.replaceChildren(...parts);
  }

  let refreshing = Promise.resolve();
  let firstLoad = true;
  /** Redraws for the current state; with `actorNames`, reads the actors' names in the new language first. */
  function refresh({ actorNames = false } = {}) {
    writeState();
    renderLabels();
    elements.status.textContent = text().loading;
    document.body.dataset.loading = 'true';
    refreshing = refreshing
      .then(async () => {
        if (actorNames) {
          actors = (await graphql(SETUP_QUERY, { lang: state.lang })).actors.nodes;
          renderActorOptions();
        }
        const count = await loadItems();
        await loadDetails();
        if (firstLoad && count) {
          // Zooming and panning stay within a year of the events: 1949 to 2025 for the seed.
          const starts = items.get().map((item) => Date.parse(item.start));
          const ends = items.get().map((item) => Date.parse(item.end || item.start));
          const year = 365 * 24 * 60 * 60 * 1000;
          timeline.setOptions({ min: new Date(Math.min(...starts) - year), max: new Date(Math.max(...ends) + year) });
          timeline.fit({ animation: false });
        }
        firstLoad = false;
        elements.status.textContent = text().events(count);
      })
      .catch((error) => {
        elements.status.textContent = error.message;
      })
      .finally(() => {
        document.body.dataset.loading = 'false';
      });
    return refreshing;
  }

  async function setUp() {
    renderKinds();
    const data = await graphql(SETUP_QUERY, { lang: state.lang });
    actors = data.actors.nodes;
    const recorded = data.timeline.nodes.flatMap((node) => node.history.nodes.map((revision) => revision.recordedAt));
    instants = [...new Set(recorded)].sort();
    elements.asOf.max = String(instants.length);
    const index = state.asOf ? instants.indexOf(state.asOf) : -1;
    elements.asOf.value = String(index >= 0 ? index : instants.length);
    if (index < 0) state.asOf = '';
  }

  for (const button of document.querySelectorAll('[data-lang]')) {
    button.addEventListener('click', () => {
      state.lang = button.dataset.lang;
      refresh({ actorNames: true });
    });
  }
  elements.actor.addEventListener('change', () => {
    state.actor = elements.actor.value;
    refresh();
  });
  elements.asOf.addEventListener('input', () => {
    const instant = instants[Number(elements.asOf.value)];
    state.asOf = instant || '';
    refresh();
  });
  timeline.on('select', ({ items: selected }) => {
    const item = selected.length ? items.get(selected[0]) : null;
    selectedEventId = item ? item.eventId : null;
    refreshing = refreshing.then(loadDetails).catch((error) => {
      elements.status.textContent = error.message;
    });
  });

  /** For tests and the curious: the timeline, its items and a promise of the current refresh. */
  window.annalsViewer = { timeline, items, groups, state, settled: () => refreshing };

  setUp()
    .then(refresh)
    .catch((error) => {
      elements.status.textContent = error.message;
    });
})();
