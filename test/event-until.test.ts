import { useTestDatabase } from './helpers/database';
import { useGraphQLAsJson } from './helpers/graphql';
import { useTokens } from './helpers/tokens';

const database = useTestDatabase();
const execute = useGraphQLAsJson(database);
const tokens = useTokens(database);

const TIME = 'time { start end until precision timeZone }';

async function timeOf(slug: string, asOf?: string) {
  const result = await execute(
    `query ($slug: String!, $asOf: DateTime) { event(slug: $slug, asOf: $asOf) { ${TIME} } }`,
    {
      slug,
      asOf,
    },
  );
  expect(result.errors).toBeUndefined();
  return result.data!.event.time;
}

describe('EventTime.until', () => {
  it('is the next local midnight for a DAY point event in Moscow', async () => {
    await expect(timeOf('xi-putin-informal-talks')).resolves.toEqual({
      start: '2023-03-19T21:00:00.000Z',
      end: null,
      until: '2023-03-20T21:00:00.000Z',
      precision: 'DAY',
      timeZone: 'Europe/Moscow',
    });
  });

  it('is the local midnight after the last day of a DAY span, which `end` only starts', async () => {
    const time = await timeOf('mao-visit-to-moscow-1949');
    expect(time.end).toBe('1950-02-16T21:00:00.000Z');
    expect(time.until).toBe('1950-02-17T21:00:00.000Z');
  });

  it('is the start of the next year for a YEAR event, and of the next month for a MONTH span', async () => {
    await expect(timeOf('russian-presidential-election-2024')).resolves.toMatchObject({
      start: '2023-12-31T21:00:00.000Z',
      until: '2024-12-31T21:00:00.000Z',
    });
    await expect(timeOf('us-concern-china-may-arm-russia')).resolves.toMatchObject({
      start: '2023-02-01T05:00:00.000Z',
      end: '2023-03-01T05:00:00.000Z',
      until: '2023-04-01T04:00:00.000Z',
    });
  });

  it('is the same in a timeline page that plans its relations into the page statement', async () => {
    const result = await execute(`{
      timeline(first: 100) { nodes { slug ${TIME} participants { role } citations { quote } } }
    }`);
    expect(result.errors).toBeUndefined();
    expect(result.sqlStatements).toBe(1);
    const talks = result.data!.timeline.nodes.find((node: { slug: string }) => node.slug === 'xi-putin-informal-talks');
    expect(talks.time.until).toBe('2023-03-20T21:00:00.000Z');
    for (const { time } of result.data!.timeline.nodes)
      expect(Date.parse(time.until)).toBeGreaterThan(Date.parse(time.start));
  });

  it('gives a conflicting claim the end of its own unit, in the event zone', async () => {
    const result = await execute(`{
      event(slug: "sino-soviet-treaty-1950") { citations { claimedTime { start until precision } } }
    }`);
    const claims = result.data!.event.citations.map((citation: { claimedTime: unknown }) => citation.claimedTime);
    expect(claims).toContainEqual({
      start: '1950-12-31T21:00:00.000Z',
      until: '1951-12-31T21:00:00.000Z',
      precision: 'YEAR',
    });
  });

  it('reads the value the event had as of an earlier instant, after its time was changed', async () => {
    const { data } = await execute(`{ event(slug: "xi-leaves-moscow") { id revision } }`);
    const before = new Date().toISOString();
    await new Promise((resolve) => setTimeout(resolve, 5));
    const update = await execute(
      `mutation ($id: ID!, $revision: Int!) {
        updateEvent(input: { id: $id, expectedRevision: $revision,
          time: { start: "2023-03-01T00:00:00+03:00", precision: MONTH, timeZone: "Europe/Moscow" } }) {
          event { time { until } }
        }
      }`,
      { id: data!.event.id, revision: data!.event.revision },
      tokens.editor,
    );
    expect(update.errors).toBeUndefined();
    expect(update.data!.updateEvent.event.time.until).toBe('2023-03-31T21:00:00.000Z');
    await expect(timeOf('xi-leaves-moscow', before)).resolves.toMatchObject({ until: '2023-03-22T21:00:00.000Z' });
  });
});
