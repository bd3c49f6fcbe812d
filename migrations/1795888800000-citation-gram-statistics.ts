import { type MigrationInterface, type QueryRunner } from 'typeorm';

/** The tables whose citations' grams searches read: current rows, and their versions for as-of reads. */
const TABLES = ['citation', 'citation_history'] as const;

/**
 * Ten times the statistics on the grams of citations' quotes (the most common 10,000 grams instead
 * of 1,000). With the default, a gram outside the list (most two-character Chinese names) was
 * estimated at 0.3% of all citations, so for the mentions of a search's labels PostgreSQL read
 * every citation of a part of the timeline by its time and tested each, rather than the few the
 * gram index finds: at 100k events "Wang Jun Minister" took 444 ms, 318 of them there; 107 ms
 * after.
 */
export class CitationGramStatistics1795888800000 implements MigrationInterface {
  name = 'CitationGramStatistics1795888800000';

  async up(queryRunner: QueryRunner): Promise<void> {
    for (const table of TABLES) {
      await queryRunner.query(`ALTER TABLE ${table} ALTER COLUMN search_grams SET STATISTICS 1000; ANALYZE ${table};`);
    }
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    for (const table of TABLES) {
      await queryRunner.query(`ALTER TABLE ${table} ALTER COLUMN search_grams SET STATISTICS -1; ANALYZE ${table};`);
    }
  }
}
