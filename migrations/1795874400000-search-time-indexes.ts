import { type MigrationInterface, type QueryRunner } from 'typeorm';

/**
 * Indexes that let a search collect its matches one part of the timeline at a time: the people and
 * outlets a citation names, each with the time of its event (index-only reads of one actor's
 * citations in a time range, which replace the plain indexes on the same first column), and the
 * citations' event time alone, whose bitmap the gram index's is joined with.
 */
export class SearchTimeIndexes1795874400000 implements MigrationInterface {
  name = 'SearchTimeIndexes1795874400000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE INDEX citation_speaker_timeline_idx ON citation (speaker_id, event_start_at, event_id);
      CREATE INDEX citation_attributed_timeline_idx ON citation (attributed_to_id, event_start_at, event_id);
      CREATE INDEX citation_event_start_at_idx ON citation (event_start_at);
      DROP INDEX citation_speaker_id_idx;
      DROP INDEX citation_attributed_to_id_idx;
    `);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE INDEX citation_speaker_id_idx ON citation (speaker_id);
      CREATE INDEX citation_attributed_to_id_idx ON citation (attributed_to_id);
      DROP INDEX citation_event_start_at_idx;
      DROP INDEX citation_attributed_timeline_idx;
      DROP INDEX citation_speaker_timeline_idx;
    `);
  }
}
