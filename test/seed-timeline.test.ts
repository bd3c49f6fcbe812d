import { useTestDatabase } from './helpers/database';
import { useGraphQL } from './helpers/graphql';

const database = useTestDatabase();
const execute = useGraphQL(database);

describe('the seeded RFI timeline', () => {
  it('dates the ICC warrant to Friday 2023-03-17, as the article wrote 周五', async () => {
    const { data, errors } = await execute(`{
      event(slug: "icc-arrest-warrant-putin") {
        kind status title(lang: "en")
        time { start end precision timeZone local asWritten approximate }
        participants { role actor { slug } }
      }
    }`);
    expect(errors).toBeUndefined();
    expect(data!.event).toMatchObject({
      kind: 'LEGAL_ACTION',
      status: 'OCCURRED',
      time: { precision: 'DAY', local: '2023-03-17', asWritten: '周五', approximate: false, end: null },
    });
    expect(data!.event.participants).toEqual(
      expect.arrayContaining([
        { role: 'ISSUER', actor: { slug: 'international-criminal-court' } },
        { role: 'TARGET', actor: { slug: 'vladimir-putin' } },
      ]),
    );
  });
});
