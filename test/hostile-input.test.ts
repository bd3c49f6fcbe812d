import { argumentCases } from './hostile/argument-cases';
import { type Fixtures, type HostileCase } from './hostile/cases';
import { idCases } from './hostile/id-cases';
import { mutationIdGroups } from './hostile/mutation-id-cases';
import { mutationTextGroups } from './hostile/mutation-text-cases';
import { oddWrites } from './hostile/odd-writes';
import { expectOutcome } from './hostile/outcome';
import { send, startHostileServer, type HostileServer } from './hostile/server';
import { shapeCases } from './hostile/shape-cases';
import { snapshotDatabase, type DatabaseSnapshot } from './hostile/snapshot';
import { textCases } from './hostile/text-cases';
import { timeCases } from './hostile/time-cases';
import { transportCases } from './hostile/transport-cases';
import { useTestDatabase } from './helpers/database';
import { useTokens } from './helpers/tokens';

const database = useTestDatabase();
const tokens = useTokens(database);
const server = {} as HostileServer;
let fixtures: Fixtures;
let before: DatabaseSnapshot;

const FIXTURES_QUERY = `{
  formal: event(slug: "xi-putin-formal-talks") { id citations { id source { id } } }
  informal: event(slug: "xi-putin-informal-talks") { id }
  putin: actor(slug: "vladimir-putin") { id }
  xi: actor(slug: "xi-jinping") { id }
}`;

async function readFixtures(base: string): Promise<Fixtures> {
  const reply = await send(base, { body: { query: FIXTURES_QUERY } });
  const { formal, informal, putin, xi } = (reply.json as { data: Record<string, any> }).data; // eslint-disable-line @typescript-eslint/no-explicit-any -- read once, shape known
  return {
    eventId: formal.id,
    otherEventId: informal.id,
    actorId: putin.id,
    otherActorId: xi.id,
    sourceId: formal.citations[0].source.id,
    citationId: formal.citations[0].id,
  };
}

beforeAll(async () => {
  Object.assign(server, await startHostileServer(database.url, { RATE_LIMIT_PER_MINUTE: '0' }));
  fixtures = await readFixtures(server.base);
  before = await snapshotDatabase(database.pool);
});
afterAll(async () => {
  await server.app?.close();
});

async function run(hostile: HostileCase): Promise<void> {
  const request = hostile.request(fixtures);
  const token = hostile.credential === 'none' ? {} : tokens[hostile.credential];
  expectOutcome(await send(server.base, { ...request, headers: { ...token, ...request.headers } }), hostile.expected);
}

const named = (cases: HostileCase[]) => cases.map((hostile) => [hostile.name, hostile] as const);
const READS = [...idCases(), ...argumentCases(), ...textCases(), ...timeCases(), ...shapeCases(), ...transportCases()];
const GROUPS = [...mutationTextGroups(), ...mutationIdGroups()];
const ALL = [...READS, ...GROUPS.flatMap((group) => group.cases)];

describe('hostile reads and requests', () => {
  it.each(named(READS))('%s', async (_name, hostile) => {
    await run(hostile);
  });

  it('leave every table and the data version as they were', async () => {
    expect(await snapshotDatabase(database.pool)).toEqual(before);
  });
});

describe.each(GROUPS.map((group) => [group.title, group] as const))('hostile mutations: %s', (_title, group) => {
  it.each(named(group.cases))('%s', async (_name, hostile) => {
    await run(hostile);
  });

  it('leave every table and the data version as they were', async () => {
    expect(await snapshotDatabase(database.pool)).toEqual(before);
  });
});

describe('the hostile suite', () => {
  it('has at least 200 cases, each named differently, both generated and hand-written', () => {
    const origins = { generated: 0, 'hand-written': 0 };
    for (const hostile of ALL) origins[hostile.origin] += 1;
    expect(new Set(ALL.map((hostile) => hostile.name)).size).toBe(ALL.length);
    expect(ALL.length).toBeGreaterThanOrEqual(200);
    expect(origins.generated).toBeGreaterThanOrEqual(100);
    expect(origins['hand-written']).toBeGreaterThanOrEqual(100);
  });

  it('leaves every table and the data version as they were', async () => {
    expect(await snapshotDatabase(database.pool)).toEqual(before);
  });
});

describe('odd but valid writes', () => {
  it.each(oddWrites().map((write) => [write.name, write] as const))('%s', async (_name, write) => {
    await write.run((request) => send(server.base, { ...request, headers: { ...tokens.editor, ...request.headers } }));
  });
});
