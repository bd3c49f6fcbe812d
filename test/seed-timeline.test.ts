import { useTestDatabase } from './helpers/database';
import { useGraphQL, type Execute } from './helpers/graphql';

const database = useTestDatabase();
const executeInProcess = useGraphQL(database);
/** Results as a client receives them over HTTP: JSON, so DateTime values are ISO strings. */
const execute: Execute = async (query, variables) =>
  JSON.parse(JSON.stringify(await executeInProcess(query, variables)));

/** The 31 seeded events in timeline order (start instant, then id for equal starts). */
const SEED_TIMELINE = [
  'mao-visit-to-moscow-1949',
  'sino-soviet-treaty-1950',
  'moscow-publicises-xi-visit',
  'beijing-denies-plans-to-arm-russia',
  'russia-declines-china-peace-proposal',
  'zelensky-calls-for-talks-with-xi',
  'zelensky-warns-china-arming-russia-world-war',
  'us-concern-china-may-arm-russia',
  'china-peace-proposal-ukraine',
  'kyiv-cautiously-welcomes-peace-proposal',
  'kyiv-war-will-not-end-before-russian-withdrawal',
  'xi-elected-to-third-term',
  'xi-state-visit-announced',
  'moscow-denies-icc-allegations',
  'icc-arrest-warrant-putin',
  'china-criticises-icc-warrant',
  'xi-state-visit-to-russia-2023',
  'russia-criminal-case-against-icc',
  'xi-putin-informal-talks',
  'xi-predicts-putin-reelection',
  'putin-respects-china-peace-proposal',
  'vereshchuk-awaits-word-on-xi-zelensky-call',
  'yu-jie-no-military-in-xi-entourage',
  'analysts-doubt-military-support',
  'blinken-diplomatic-cover-statement',
  'kirby-urges-xi-to-press-putin',
  'us-fears-ceasefire-call',
  'xi-putin-formal-talks',
  'kremlin-on-putin-2024-candidacy',
  'xi-leaves-moscow',
  'russian-presidential-election-2024',
];

const TIME = 'time { start end localEnd precision timeZone local asWritten approximate }';

async function eventBySlug(slug: string, selection: string) {
  const { data, errors } = await execute(`query ($slug: String) { event(slug: $slug) { ${selection} } }`, { slug });
  expect(errors).toBeUndefined();
  return data!.event;
}

describe('the seeded RFI timeline', () => {
  it('holds 31 events, from Mao’s 1949 visit to Moscow to the 2024 Russian election, in time order', async () => {
    const { data, errors } = await execute(`{ timeline(first: 100) { totalCount nodes { slug } } }`);
    expect(errors).toBeUndefined();
    expect(data!.timeline.totalCount).toBe(31);
    expect(data!.timeline.nodes.map((node: { slug: string }) => node.slug)).toEqual(SEED_TIMELINE);
  });

  it('dates the key events as the article does, each at local midnight in its own zone', async () => {
    const slugs = [
      'mao-visit-to-moscow-1949',
      'china-peace-proposal-ukraine',
      'xi-elected-to-third-term',
      'icc-arrest-warrant-putin',
      'xi-putin-informal-talks',
      'xi-putin-formal-talks',
      'russian-presidential-election-2024',
    ];
    const { data, errors } = await execute(`{ timeline(first: 100) { nodes { slug status ${TIME} } } }`);
    expect(errors).toBeUndefined();
    const key = data!.timeline.nodes.filter((node: { slug: string }) => slugs.includes(node.slug));
    expect(key).toEqual([
      {
        slug: 'mao-visit-to-moscow-1949',
        status: 'OCCURRED',
        time: {
          start: '1949-12-15T21:00:00.000Z',
          end: '1950-02-16T21:00:00.000Z',
          localEnd: '1950-02-17',
          precision: 'DAY',
          timeZone: 'Europe/Moscow',
          local: '1949-12-16',
          asWritten: '当年',
          approximate: false,
        },
      },
      {
        slug: 'china-peace-proposal-ukraine',
        status: 'OCCURRED',
        time: {
          start: '2023-02-23T16:00:00.000Z',
          end: null,
          localEnd: null,
          precision: 'DAY',
          timeZone: 'Asia/Shanghai',
          local: '2023-02-24',
          asWritten: '上个月',
          approximate: false,
        },
      },
      {
        slug: 'xi-elected-to-third-term',
        status: 'OCCURRED',
        time: {
          start: '2023-03-09T16:00:00.000Z',
          end: null,
          localEnd: null,
          precision: 'DAY',
          timeZone: 'Asia/Shanghai',
          local: '2023-03-10',
          asWritten: '本月早些时候',
          approximate: false,
        },
      },
      {
        slug: 'icc-arrest-warrant-putin',
        status: 'OCCURRED',
        time: {
          start: '2023-03-16T23:00:00.000Z',
          end: null,
          localEnd: null,
          precision: 'DAY',
          timeZone: 'Europe/Amsterdam',
          local: '2023-03-17',
          asWritten: '周五',
          approximate: false,
        },
      },
      {
        slug: 'xi-putin-informal-talks',
        status: 'OCCURRED',
        time: {
          start: '2023-03-19T21:00:00.000Z',
          end: null,
          localEnd: null,
          precision: 'DAY',
          timeZone: 'Europe/Moscow',
          local: '2023-03-20',
          asWritten: '周一',
          approximate: false,
        },
      },
      {
        slug: 'xi-putin-formal-talks',
        status: 'PLANNED',
        time: {
          start: '2023-03-20T21:00:00.000Z',
          end: null,
          localEnd: null,
          precision: 'DAY',
          timeZone: 'Europe/Moscow',
          local: '2023-03-21',
          asWritten: '周二',
          approximate: false,
        },
      },
      {
        slug: 'russian-presidential-election-2024',
        status: 'PLANNED',
        time: {
          start: '2023-12-31T21:00:00.000Z',
          end: null,
          localEnd: null,
          precision: 'YEAR',
          timeZone: 'Europe/Moscow',
          local: '2024',
          asWritten: '明年',
          approximate: false,
        },
      },
    ]);
  });

  it('starts each statement dated 2023-03-20 at local midnight where it was made, Shanghai to New York', async () => {
    const { data, errors } = await execute(`{
      timeline(first: 100, filter: { from: "2023-03-20T12:00:00Z", to: "2023-03-20T12:00:01Z", kinds: [STATEMENT] }) {
        nodes { slug time { start timeZone local } }
      }
    }`);
    expect(errors).toBeUndefined();
    expect(data!.timeline.nodes).toEqual([
      // Month-precision statements that cover the instant too.
      {
        slug: 'beijing-denies-plans-to-arm-russia',
        time: { start: '2023-01-31T16:00:00.000Z', timeZone: 'Asia/Shanghai', local: '2023-02' },
      },
      {
        slug: 'zelensky-calls-for-talks-with-xi',
        time: { start: '2023-01-31T22:00:00.000Z', timeZone: 'Europe/Kyiv', local: '2023-02' },
      },
      {
        slug: 'us-concern-china-may-arm-russia',
        time: { start: '2023-02-01T05:00:00.000Z', timeZone: 'America/New_York', local: '2023-02' },
      },
      {
        slug: 'kyiv-war-will-not-end-before-russian-withdrawal',
        time: { start: '2023-02-28T22:00:00.000Z', timeZone: 'Europe/Kyiv', local: '2023-03' },
      },
      {
        slug: 'china-criticises-icc-warrant',
        time: { start: '2023-03-19T16:00:00.000Z', timeZone: 'Asia/Shanghai', local: '2023-03-20' },
      },
      {
        slug: 'xi-predicts-putin-reelection',
        time: { start: '2023-03-19T21:00:00.000Z', timeZone: 'Europe/Moscow', local: '2023-03-20' },
      },
      {
        slug: 'putin-respects-china-peace-proposal',
        time: { start: '2023-03-19T21:00:00.000Z', timeZone: 'Europe/Moscow', local: '2023-03-20' },
      },
      {
        slug: 'vereshchuk-awaits-word-on-xi-zelensky-call',
        time: { start: '2023-03-19T23:00:00.000Z', timeZone: 'Europe/Rome', local: '2023-03-20' },
      },
      {
        slug: 'yu-jie-no-military-in-xi-entourage',
        time: { start: '2023-03-20T00:00:00.000Z', timeZone: 'Europe/London', local: '2023-03-20' },
      },
      {
        slug: 'analysts-doubt-military-support',
        time: { start: '2023-03-20T00:00:00.000Z', timeZone: 'UTC', local: '2023-03-20' },
      },
      {
        slug: 'blinken-diplomatic-cover-statement',
        time: { start: '2023-03-20T04:00:00.000Z', timeZone: 'America/New_York', local: '2023-03-20' },
      },
      {
        slug: 'kirby-urges-xi-to-press-putin',
        time: { start: '2023-03-20T04:00:00.000Z', timeZone: 'America/New_York', local: '2023-03-20' },
      },
      {
        slug: 'us-fears-ceasefire-call',
        time: { start: '2023-03-20T04:00:00.000Z', timeZone: 'America/New_York', local: '2023-03-20' },
      },
    ]);
  });

  it('spans the state visit from Monday 2023-03-20 to Wednesday 2023-03-22, Moscow time', async () => {
    const event = await eventBySlug('xi-state-visit-to-russia-2023', `kind status ${TIME}`);
    expect(event).toEqual({
      kind: 'VISIT',
      status: 'OCCURRED',
      time: {
        start: '2023-03-19T21:00:00.000Z',
        end: '2023-03-21T21:00:00.000Z',
        localEnd: '2023-03-22',
        precision: 'DAY',
        timeZone: 'Europe/Moscow',
        local: '2023-03-20',
        asWritten: null,
        approximate: false,
      },
    });
  });

  it('keeps month-precision spans at the first instant of their months', async () => {
    const event = await eventBySlug('moscow-publicises-xi-visit', TIME);
    expect(event.time).toEqual({
      start: '2022-11-30T21:00:00.000Z',
      end: '2023-02-28T21:00:00.000Z',
      localEnd: '2023-03',
      precision: 'MONTH',
      timeZone: 'Europe/Moscow',
      local: '2022-12',
      asWritten: '几个月来',
      approximate: true,
    });
  });

  it('dates the ICC warrant to Friday 2023-03-17, as the article wrote 周五', async () => {
    const event = await eventBySlug(
      'icc-arrest-warrant-putin',
      `kind status title(lang: "en") time { start end precision timeZone local asWritten approximate }
       participants { role note actor { slug } }`,
    );
    expect(event).toEqual({
      kind: 'LEGAL_ACTION',
      status: 'OCCURRED',
      title: 'ICC issues an arrest warrant for Vladimir Putin',
      time: {
        start: '2023-03-16T23:00:00.000Z',
        end: null,
        precision: 'DAY',
        timeZone: 'Europe/Amsterdam',
        local: '2023-03-17',
        asWritten: '周五',
        approximate: false,
      },
      participants: [
        { role: 'ISSUER', note: 'Pre-Trial Chamber II', actor: { slug: 'international-criminal-court' } },
        { role: 'TARGET', note: null, actor: { slug: 'vladimir-putin' } },
        {
          role: 'TARGET',
          note: 'Second warrant issued the same day; not named in the article',
          actor: { slug: 'maria-lvova-belova' },
        },
      ],
    });
  });

  it('has Putin host and Xi as his guest at both rounds of talks and at the state visit', async () => {
    for (const slug of ['xi-putin-informal-talks', 'xi-putin-formal-talks', 'xi-state-visit-to-russia-2023']) {
      const event = await eventBySlug(
        slug,
        `participants { role note actor { slug name(lang: "en") } }
         hosts: participants(role: HOST) { actor { slug } }
         guests: participants(role: GUEST) { actor { slug } }
         speakers: participants(role: SPEAKER) { actor { slug } }`,
      );
      expect(event).toEqual({
        participants: [
          { role: 'HOST', note: null, actor: { slug: 'vladimir-putin', name: 'Vladimir Putin' } },
          { role: 'GUEST', note: null, actor: { slug: 'xi-jinping', name: 'Xi Jinping' } },
        ],
        hosts: [{ actor: { slug: 'vladimir-putin' } }],
        guests: [{ actor: { slug: 'xi-jinping' } }],
        speakers: [],
      });
    }
  });

  it('makes the ICC the issuer and Putin a target of the warrant, and the ICC a target of Russia’s case', async () => {
    const warrant = await eventBySlug(
      'icc-arrest-warrant-putin',
      `issuers: participants(role: ISSUER) { actor { slug kind } } targets: participants(role: TARGET) { actor { slug } }`,
    );
    expect(warrant).toEqual({
      issuers: [{ actor: { slug: 'international-criminal-court', kind: 'ORGANIZATION' } }],
      targets: [{ actor: { slug: 'vladimir-putin' } }, { actor: { slug: 'maria-lvova-belova' } }],
    });
    const criminalCase = await eventBySlug(
      'russia-criminal-case-against-icc',
      `issuers: participants(role: ISSUER) { actor { slug } } targets: participants(role: TARGET) { actor { slug } }`,
    );
    expect(criminalCase).toEqual({
      issuers: [{ actor: { slug: 'investigative-committee-of-russia' } }],
      targets: [{ actor: { slug: 'karim-khan' } }, { actor: { slug: 'international-criminal-court' } }],
    });
  });

  it('quotes Blinken verbatim in Chinese on “diplomatic cover”, and Washington’s condemnation through Reuters', async () => {
    const event = await eventBySlug(
      'blinken-diplomatic-cover-statement',
      `citations { source { slug } attributedTo { slug name(lang: "en") } speaker { slug name } quote note }`,
    );
    expect(event.citations).toEqual([
      {
        source: { slug: 'rfi-2023-03-21-xi-moscow' },
        attributedTo: null,
        speaker: { slug: 'antony-blinken', name: 'Antony Blinken' },
        quote:
          '在国际刑事法院对普京发出逮捕令几天后,习近平前往俄罗斯,这表明中国认为没有责任追究克里姆林宫在乌克兰犯下的暴行的责任。中国不仅没有谴责,反而更为俄罗斯继续犯下这些严重罪行提供外交掩护。',
        note: "Direct quote (Chinese translation of Blinken's remarks).",
      },
      {
        source: { slug: 'rfi-2023-03-21-xi-moscow' },
        attributedTo: { slug: 'reuters', name: 'Reuters' },
        speaker: { slug: 'united-states', name: 'United States' },
        quote:
          '据路透社说,就在国际法庭指控普京犯有战争罪几天后,华盛顿谴责习近平的访问,称这表明北京正在为莫斯科提供“外交掩护”以实施更多罪行',
        note: "Washington's condemnation as relayed by Reuters; the quoted phrase 外交掩护 is Blinken's.",
      },
    ]);
    for (const citation of event.citations) expect(citation.quote).toContain('外交掩护');
  });

  it('attributes Yu Jie’s words to Reuters, speaker and outlet both named', async () => {
    const event = await eventBySlug(
      'yu-jie-no-military-in-xi-entourage',
      `citations { attributedTo { slug } speaker { slug } note }`,
    );
    expect(event.citations).toEqual([
      { attributedTo: { slug: 'reuters' }, speaker: { slug: 'yu-jie' }, note: 'Direct quote.' },
      {
        attributedTo: { slug: 'reuters' },
        speaker: { slug: 'yu-jie' },
        note: 'Indirect speech: the article paraphrases the speaker; not a direct quote.',
      },
    ]);
  });
});

describe('relations between seeded events', () => {
  const RELATED = 'related { type event { slug } }';

  it('has the formal talks follow the informal ones, both as parts of the state visit', async () => {
    expect(await eventBySlug('xi-putin-formal-talks', RELATED)).toEqual({
      related: [
        { type: 'PART_OF', event: { slug: 'xi-state-visit-to-russia-2023' } },
        { type: 'FOLLOWS', event: { slug: 'xi-putin-informal-talks' } },
        { type: 'FOLLOWED_BY', event: { slug: 'xi-leaves-moscow' } },
      ],
    });
    expect(await eventBySlug('xi-putin-informal-talks', RELATED)).toEqual({
      related: [
        { type: 'PART_OF', event: { slug: 'xi-state-visit-to-russia-2023' } },
        { type: 'HAS_PART', event: { slug: 'xi-predicts-putin-reelection' } },
        { type: 'HAS_PART', event: { slug: 'putin-respects-china-peace-proposal' } },
        { type: 'FOLLOWED_BY', event: { slug: 'xi-putin-formal-talks' } },
      ],
    });
  });

  it('derives the state visit’s HAS_PART, FOLLOWS and HAS_RESPONSE links, ordered by the other event’s time', async () => {
    expect(await eventBySlug('xi-state-visit-to-russia-2023', RELATED)).toEqual({
      related: [
        { type: 'FOLLOWS', event: { slug: 'xi-elected-to-third-term' } },
        { type: 'FOLLOWS', event: { slug: 'xi-state-visit-announced' } },
        { type: 'FOLLOWS', event: { slug: 'icc-arrest-warrant-putin' } },
        { type: 'HAS_PART', event: { slug: 'xi-putin-informal-talks' } },
        { type: 'HAS_RESPONSE', event: { slug: 'blinken-diplomatic-cover-statement' } },
        { type: 'HAS_RESPONSE', event: { slug: 'kirby-urges-xi-to-press-putin' } },
        { type: 'HAS_PART', event: { slug: 'xi-putin-formal-talks' } },
        { type: 'HAS_PART', event: { slug: 'xi-leaves-moscow' } },
      ],
    });
  });

  it('shows the Russian criminal case responding to the warrant, and the warrant having that response', async () => {
    expect(await eventBySlug('russia-criminal-case-against-icc', RELATED)).toEqual({
      related: [{ type: 'RESPONDS_TO', event: { slug: 'icc-arrest-warrant-putin' } }],
    });
    expect(await eventBySlug('icc-arrest-warrant-putin', RELATED)).toEqual({
      related: [
        { type: 'HAS_RESPONSE', event: { slug: 'moscow-denies-icc-allegations' } },
        { type: 'HAS_RESPONSE', event: { slug: 'china-criticises-icc-warrant' } },
        { type: 'FOLLOWED_BY', event: { slug: 'xi-state-visit-to-russia-2023' } },
        { type: 'HAS_RESPONSE', event: { slug: 'russia-criminal-case-against-icc' } },
      ],
    });
  });

  it('filters relations by type, including derived types, and gives none for a type the event lacks', async () => {
    const visit = await eventBySlug(
      'xi-state-visit-to-russia-2023',
      `parts: related(type: HAS_PART) { type event { slug } }
       partOf: related(type: PART_OF) { type }
       responses: related(type: HAS_RESPONSE) { event { slug } }
       causes: related(type: CAUSES) { type }`,
    );
    expect(visit).toEqual({
      parts: [
        { type: 'HAS_PART', event: { slug: 'xi-putin-informal-talks' } },
        { type: 'HAS_PART', event: { slug: 'xi-putin-formal-talks' } },
        { type: 'HAS_PART', event: { slug: 'xi-leaves-moscow' } },
      ],
      partOf: [],
      responses: [
        { event: { slug: 'blinken-diplomatic-cover-statement' } },
        { event: { slug: 'kirby-urges-xi-to-press-putin' } },
      ],
      causes: [],
    });
  });

  it('pairs every relation with its inverse on the other event', async () => {
    const inverse: Record<string, string> = {
      PART_OF: 'HAS_PART',
      HAS_PART: 'PART_OF',
      FOLLOWS: 'FOLLOWED_BY',
      FOLLOWED_BY: 'FOLLOWS',
      CAUSED_BY: 'CAUSES',
      CAUSES: 'CAUSED_BY',
      RESPONDS_TO: 'HAS_RESPONSE',
      HAS_RESPONSE: 'RESPONDS_TO',
    };
    const { data, errors } = await execute(`{ timeline(first: 100) { nodes { slug ${RELATED} } } }`);
    expect(errors).toBeUndefined();
    const links = new Set<string>();
    for (const node of data!.timeline.nodes) {
      for (const relation of node.related) links.add(`${node.slug} ${relation.type} ${relation.event.slug}`);
    }
    const missing = [...links].filter((link) => {
      const [from, type, to] = link.split(' ') as [string, string, string];
      return !links.has(`${to} ${inverse[type]} ${from}`);
    });
    expect(missing).toEqual([]);
    // 21 stored relations, each seen from both ends.
    expect(links.size).toBe(42);
  });
});

describe('localized titles', () => {
  it('falls back to the original language, matches tags by prefix and lists the original first', async () => {
    const event = await eventBySlug(
      'xi-putin-informal-talks',
      `originalLanguage
       title
       ru: title(lang: "ru")
       zh: title(lang: "zh")
       zhHans: title(lang: "zh-Hans")
       zhHansCN: title(lang: "zh-Hans-CN")
       en: title(lang: "en")
       enGB: title(lang: "en-GB")
       upper: title(lang: "EN")
       titles { lang text }`,
    );
    const chinese = '普京与习近平在克里姆林宫举行非正式会谈和晚宴';
    const english = 'Putin and Xi hold informal talks and dinner at the Kremlin';
    expect(event).toEqual({
      originalLanguage: 'zh-Hans',
      title: chinese,
      ru: chinese,
      zh: chinese,
      zhHans: chinese,
      zhHansCN: chinese,
      en: english,
      enGB: english,
      upper: english,
      titles: [
        { lang: 'zh-Hans', text: chinese },
        { lang: 'en', text: english },
      ],
    });
  });

  it('falls back for summaries as for titles', async () => {
    const event = await eventBySlug('xi-putin-formal-talks', `summary ru: summary(lang: "ru") en: summary(lang: "en")`);
    expect(event.ru).toBe(event.summary);
    expect(event.summary).toMatch(/^据文章，普京与习近平定于2023年3月21日/);
    expect(event.en).toMatch(/^According to the article, Putin and Xi were scheduled to hold more formal talks/);
  });

  it('lists the original language first for every seeded event', async () => {
    const { data, errors } = await execute(`{ timeline(first: 100) { nodes { originalLanguage titles { lang } } } }`);
    expect(errors).toBeUndefined();
    const firsts = data!.timeline.nodes.map(
      (node: { originalLanguage: string; titles: { lang: string }[] }) =>
        node.titles[0]!.lang === node.originalLanguage,
    );
    expect(firsts).toEqual(new Array(31).fill(true));
  });
});

describe('sources and places of seeded events', () => {
  it('lists each source once even when it is cited several times', async () => {
    const visit = await eventBySlug(
      'xi-state-visit-to-russia-2023',
      `citations { source { slug } } sources { slug kind language }`,
    );
    expect(visit.citations).toHaveLength(5);
    expect(visit.sources).toEqual([
      { slug: 'rfi-cn-tweet-2023-03-21-xi-moscow', kind: 'SOCIAL_POST', language: 'zh-Hans' },
      { slug: 'rfi-2023-03-21-xi-moscow', kind: 'NEWS_ARTICLE', language: 'zh-Hans' },
    ]);
    const warrant = await eventBySlug('icc-arrest-warrant-putin', `sources { slug kind publisher { slug } }`);
    expect(warrant.sources).toEqual([
      { slug: 'rfi-2023-03-21-xi-moscow', kind: 'NEWS_ARTICLE', publisher: { slug: 'rfi' } },
      { slug: 'page-dating-icc-putin-warrant-2023-02-22', kind: 'REPORT', publisher: null },
    ]);
  });

  it('places both rounds of talks in the Moscow Kremlin and the visit in Moscow', async () => {
    const PLACE = `place { name en: name(lang: "en") zh: name(lang: "zh") timeZone latitude longitude }`;
    const kremlin = {
      name: 'Московский Кремль',
      en: 'Moscow Kremlin',
      zh: '克里姆林宫',
      timeZone: 'Europe/Moscow',
      latitude: 55.752,
      longitude: 37.6175,
    };
    expect(await eventBySlug('xi-putin-informal-talks', PLACE)).toEqual({ place: kremlin });
    expect(await eventBySlug('xi-putin-formal-talks', PLACE)).toEqual({ place: kremlin });
    expect(await eventBySlug('xi-state-visit-to-russia-2023', PLACE)).toEqual({
      place: {
        name: 'Москва',
        en: 'Moscow',
        zh: '莫斯科',
        timeZone: 'Europe/Moscow',
        latitude: 55.7558,
        longitude: 37.6173,
      },
    });
    expect(await eventBySlug('icc-arrest-warrant-putin', PLACE)).toEqual({ place: null });
  });
});

describe('conflicting claims in the seed', () => {
  it("keeps each source's own date for an event beside the event's time, read in the event's zone", async () => {
    const { data, errors } = await execute(`{
      warrant: event(slug: "icc-arrest-warrant-putin") { ...claims }
      treaty: event(slug: "sino-soviet-treaty-1950") { ...claims }
    }
    fragment claims on Event {
      time { local }
      citations { source { slug } claimedTime { start local precision timeZone } }
    }`);
    expect(errors).toBeUndefined();
    const claimed = (event: { citations: { source: { slug: string }; claimedTime: unknown }[] }) =>
      event.citations.filter((citation) => citation.claimedTime !== null);
    expect(data!.warrant.time.local).toBe('2023-03-17');
    expect(claimed(data!.warrant)).toEqual([
      {
        source: { slug: 'page-dating-icc-putin-warrant-2023-02-22' },
        claimedTime: {
          start: '2023-02-21T23:00:00.000Z',
          local: '2023-02-22',
          precision: 'DAY',
          timeZone: 'Europe/Amsterdam',
        },
      },
    ]);
    expect(data!.treaty.time.local).toBe('1950-02-14');
    expect(claimed(data!.treaty)).toEqual([
      {
        source: { slug: 'page-dating-sino-soviet-treaty-1951' },
        claimedTime: { start: '1950-12-31T21:00:00.000Z', local: '1951', precision: 'YEAR', timeZone: 'Europe/Moscow' },
      },
    ]);
  });
});
