import { type DataSource } from 'typeorm';
import rfiSeed from './data/rfi-2023-03-21-xi-moscow.json';
import { loadSeed, type SeedResult } from './load-seed';
import { type SeedData } from './seed-data';
import { type SeedUpdateResult, updateUneditedSeedRecords } from './seed-updates';

/** The first dataset: the RFI report of 2023-03-21 on Xi Jinping's visit to Moscow. */
export const RFI_SEED = rfiSeed as unknown as SeedData;

/** Loads the bundled seed data (idempotent). */
export function loadBundledSeed(dataSource: DataSource): Promise<SeedResult> {
  return loadSeed(dataSource, RFI_SEED);
}

/** Brings records an earlier bundled seed created, and nobody changed since, up to this one. */
export function updateBundledSeedRecords(dataSource: DataSource): Promise<SeedUpdateResult> {
  return updateUneditedSeedRecords(dataSource, RFI_SEED);
}

/** Whether the database has no events yet (a fresh install). */
export async function isDatabaseEmpty(dataSource: DataSource): Promise<boolean> {
  const [row] = (await dataSource.query('SELECT NOT EXISTS (SELECT 1 FROM event) AS empty')) as { empty: boolean }[];
  return row?.empty ?? true;
}
