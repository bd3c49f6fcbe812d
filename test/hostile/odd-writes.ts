import { graphql, literal } from './cases';
import { accepted, expectOutcome } from './outcome';
import { type HostileReply, type HostileRequest } from './server';

/** A valid write of odd text, or a read of it back, that must succeed; they run in order. */
export interface OddWrite {
  name: string;
  run(send: (request: HostileRequest) => Promise<HostileReply>): Promise<void>;
}

const TITLES = [
  { lang: 'en', text: '🎉 Talks — 100% done_ok' },
  { lang: 'ar', text: 'محادثات في موسكو' },
  { lang: 'he', text: 'שיחות במוסקבה' },
];

const slugsOf = (hits: { slug?: string }[]) => hits.map((hit) => hit.slug);

/** Emoji, right-to-left text, `%` and `_` written and read back exactly, and found by search. */
export function oddWrites(): OddWrite[] {
  const search = (text: string) =>
    graphql(`{ search(query: ${literal(text)}) { ... on Event { slug } ... on Actor { slug } } }`);
  return [
    {
      name: 'createEvent keeps emoji, Arabic and Hebrew titles and % and _ as written',
      run: async (send) => {
        const input = {
          slug: 'odd-emoji-rtl-event',
          kind: 'MEETING',
          status: 'OCCURRED',
          originalLanguage: 'en',
          titles: TITLES,
          time: {
            start: '2023-03-21T00:00:00+03:00',
            precision: 'DAY',
            timeZone: 'Europe/Moscow',
            asWritten: '‏周二 🗓',
          },
        };
        const reply = await send(
          graphql(
            'mutation($input: CreateEventInput!) { createEvent(input: $input) { event { titles { lang text } time { asWritten } } } }',
            { input },
          ),
        );
        expectOutcome(
          reply,
          accepted((data) =>
            expect(data.createEvent.event).toEqual({ titles: TITLES, time: { asWritten: '‏周二 🗓' } }),
          ),
        );
      },
    },
    {
      name: 'search finds that event by "100%" but not by "10_%", which it would as a LIKE pattern',
      run: async (send) => {
        expectOutcome(
          await send(search('100%')),
          accepted((data) => expect(slugsOf(data.search)).toEqual(['odd-emoji-rtl-event'])),
        );
        expectOutcome(
          await send(search('10_%')),
          accepted((data) => expect(data.search).toEqual([])),
        );
      },
    },
    {
      name: 'search finds that event by its Arabic and its Hebrew title, and by the emoji',
      run: async (send) => {
        for (const text of ['محادثات', 'במוסקבה', '🎉']) {
          expectOutcome(
            await send(search(text)),
            accepted((data) => expect(slugsOf(data.search)).toContain('odd-emoji-rtl-event')),
          );
        }
      },
    },
    {
      name: 'title(lang: "he") reads the Hebrew title back',
      run: async (send) => {
        const reply = await send(graphql('{ event(slug: "odd-emoji-rtl-event") { title(lang: "he") } }'));
        expectOutcome(
          reply,
          accepted((data) => expect(data.event.title).toBe('שיחות במוסקבה')),
        );
      },
    },
    {
      name: 'createActor keeps an Arabic name and an emoji alias, and search finds the actor by each',
      run: async (send) => {
        const input = {
          slug: 'odd-ibn-sina',
          kind: 'PERSON',
          originalLanguage: 'ar',
          names: [
            { lang: 'ar', text: 'ابن سينا' },
            { lang: 'en', text: 'Avicenna' },
          ],
          aliases: ['🧪 Avicenna'],
        };
        const create = await send(
          graphql('mutation($input: CreateActorInput!) { createActor(input: $input) { actor { name aliases } } }', {
            input,
          }),
        );
        expectOutcome(
          create,
          accepted((data) => expect(data.createActor.actor).toEqual({ name: 'ابن سينا', aliases: ['🧪 Avicenna'] })),
        );
        for (const text of ['سينا', '🧪']) {
          expectOutcome(
            await send(search(text)),
            accepted((data) => expect(slugsOf(data.search)).toContain('odd-ibn-sina')),
          );
        }
      },
    },
    {
      name: 'createSource keeps an https URL with percent-escapes, a query and a fragment',
      run: async (send) => {
        const url = 'https://example.com/a%20b?q=%25&x=_#frag';
        const input = { slug: 'odd-url-source', kind: 'REPORT', language: 'fa', title: 'گزارش ۱۰۰٪', url };
        const reply = await send(
          graphql('mutation($input: CreateSourceInput!) { createSource(input: $input) { source { url title } } }', {
            input,
          }),
        );
        expectOutcome(
          reply,
          accepted((data) => expect(data.createSource.source).toEqual({ url, title: 'گزارش ۱۰۰٪' })),
        );
      },
    },
  ];
}
